package dev.kinesisautoscaling;

import static dev.kinesisautoscaling.TestStacks.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;

@SuppressWarnings("unchecked")
class KinesisStreamScalerTest {

    static Stream<Arguments> intervalsThatAreNotWholeMinutes() {
        return Stream.of(
                Arguments.of(Duration.seconds(90), "reconciliationInterval (90 seconds) must be a whole number of "
                        + "minutes, at least 1"),
                Arguments.of(Duration.seconds(30), "reconciliationInterval (30 seconds) must be a whole number of "
                        + "minutes, at least 1"),
                Arguments.of(Duration.millis(90_500), "reconciliationInterval (90.5 seconds) must be a whole number "
                        + "of minutes, at least 1"));
    }

    /** One synthesis for the whole class: its tests only read the stack and the template. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Defaults {

        private final Stack stack = TestStacks.stack();
        private final AutoScalingKinesisStream orders = AutoScalingKinesisStream.Builder.create(stack, "Orders").build();
        private final Template template = Template.fromStack(stack);

        @Test
        void runsTheJavaScalingFunctionOnTheNewestJavaRuntimeOnArm() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Runtime", "java25",
                    "Architectures", List.of("arm64"),
                    "Handler", "dev.kinesisautoscaling.runtime.ScalingHandler::handleEvent",
                    "MemorySize", AutoScalingDefaults.SCALER_MEMORY_MIB,
                    "Timeout", AutoScalingDefaults.SCALER_TIMEOUT_SECONDS,
                    "Code", Map.of("S3Key", Match.stringLikeRegexp("[0-9a-f]{64}\\.jar"))));
        }

        @Test
        void scalesOneNotificationAtATime() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("ReservedConcurrentExecutions", 1));
        }

        @Test
        void logsJsonToALogGroupKeptForAYear() {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "LoggingConfig", Map.of("LogFormat", "JSON", "ApplicationLogLevel", "INFO", "SystemLogLevel", "WARN",
                            "LogGroup", Map.of("Ref", Match.stringLikeRegexp("KinesisStreamScalerLogGroup.*"))),
                    "Environment", Map.of("Variables", Map.of(
                            "LOG_LEVEL", "INFO",
                            "AWS_MAX_ATTEMPTS", "3",
                            "API_CALL_ATTEMPT_TIMEOUT_MILLIS", "3000",
                            "API_CALL_TIMEOUT_MILLIS", "10000",
                            "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))));
            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 365));
        }

        @Test
        void keepsFailedEventsInAnEncryptedQueue() {
            template.hasResourceProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true,
                    "MessageRetentionPeriod", 14 * 24 * 3600));
            template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                    "MaximumRetryAttempts", 2,
                    "DestinationConfig", Map.of("OnFailure", Map.of("Destination",
                            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("KinesisStreamScalerDeadLetterQueue.*"), "Arn"))))));
            template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement",
                    Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        }

        @Test
        void encryptsTheTopicWithARotatedCustomerManagedKeyThatCloudWatchMayUse() {
            template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId",
                    Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("KinesisStreamScalerTopicKey.*"), "Arn"))));
            template.hasResourceProperties("AWS::KMS::Key", Map.of(
                    "EnableKeyRotation", true,
                    "KeyPolicy", Map.of("Statement", List.of(
                            Match.objectLike(Map.of("Sid", "AllowTheAccountToAdministerTheKey",
                                    "Action", Match.arrayWith(List.of("kms:Create*", "kms:Put*", "kms:ScheduleKeyDeletion")))),
                            Map.of("Sid", "AllowCloudWatchAlarmsToPublish",
                                    "Effect", "Allow",
                                    "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                                    "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                                    "Resource", "*")))));
        }

        @Test
        void letsOnlyCloudWatchAlarmsOfThisAccountPublishOverTls() {
            Map<String, Object> policy = only(template, "AWS::SNS::TopicPolicy");
            String document = policy.get("PolicyDocument").toString();

            assertThat(document).contains("aws:SecureTransport", "AllowCloudWatchAlarmsOfThisAccount",
                    "DenyPrincipalsOfOtherAccounts", "DenyServicesActingForOtherAccounts");
            template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                    Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Sid", "AllowCloudWatchAlarmsOfThisAccount",
                            "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                            "Action", "sns:Publish",
                            "Condition", Map.of(
                                    "StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")),
                                    "ArnLike", Map.of("aws:SourceArn", Map.of("Fn::Sub",
                                            "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*"))))))))));
        }

        @Test
        void subscribesTheFunctionToTheTopic() {
            template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "lambda"));
            template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                    "Action", "lambda:InvokeFunction", "Principal", "sns.amazonaws.com"));
        }

        @Test
        void givesTheFunctionARoleWithoutManagedPolicies() {
            Map<String, Object> role = only(template, "AWS::IAM::Role");

            assertThat(role).doesNotContainKey("ManagedPolicyArns");
            template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                    Match.arrayWith(List.of(Map.of("Sid", "WriteDecisionLogs", "Effect", "Allow",
                            "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                            "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("KinesisStreamScalerLogGroup.*"), "Arn"))))))));
        }

        @Test
        void alarmsOnFailuresAndInputItCannotActOn() {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "TreatMissingData", "notBreaching",
                    "Metrics", Match.arrayWith(List.of(
                            Match.objectLike(Map.of("Expression",
                                    "FILL(errors,0)+FILL(failures,0)+FILL(invalidNotifications,0)+FILL(invalidConfigurations,0)"
                                            + "+FILL(limitExceeded,0)+FILL(consumerFallbacks,0)")),
                            Match.objectLike(Map.of("Id", "failures", "MetricStat", Match.objectLike(Map.of("Metric",
                                    Match.objectLike(Map.of("Namespace", "KinesisAutoScaling", "MetricName", "ScalingFailures"))))))))));
            assertThat(orders.getScaler().getFailureAlarm().getNode().getId()).isEqualTo("FailureAlarm");
        }

        @Test
        void reconcilesEveryAlarmPairEveryFifteenMinutes() {
            Stack named = TestStacks.stack();
            AutoScalingKinesisStream.Builder.create(named, "Orders").streamName("orders").build();

            Template.fromStack(named).hasResourceProperties("AWS::Events::Rule", Map.of(
                    "ScheduleExpression", "rate(15 minutes)",
                    "State", "ENABLED",
                    "Targets", List.of(Match.objectLike(Map.of(
                            "Arn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("KinesisStreamScalerFunction.*"), "Arn")),
                            "Input", "{\"reconcile\":[{\"scaleUpAlarm\":\"orders-scale-up\",\"scaleDownAlarm\":\"orders-scale-down\"}]}",
                            "RetryPolicy", Map.of("MaximumRetryAttempts", 2))))));
            template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                    "Action", "lambda:InvokeFunction", "Principal", "events.amazonaws.com"));
        }

        @Test
        void deploysTheFunctionOnlyOnceItsPermissionsAreAttached() {
            Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
            Object dependsOn = functions.values().iterator().next().get("DependsOn");

            assertThat(dependsOn.toString()).contains("KinesisStreamScalerScalingPolicy1");
        }

        @Test
        void exposesWhatItDefines() {
            KinesisStreamScaler scaler = orders.getScaler();

            assertThat(scaler.getNode().getId()).isEqualTo(KinesisStreamScaler.SHARED_ID);
            assertThat(scaler.getFunction().getNode().getId()).isEqualTo("Function");
            assertThat(scaler.getTopic().getNode().getId()).isEqualTo("Topic");
            assertThat(scaler.getTopicKey().getNode().getId()).isEqualTo("TopicKey");
            assertThat(scaler.getRole().getNode().getId()).isEqualTo("Role");
            assertThat(scaler.getLogGroup().getNode().getId()).isEqualTo("LogGroup");
            assertThat(scaler.getDeadLetterQueue().getNode().getId()).isEqualTo("DeadLetterQueue");
        }
    }

    @Nested
    class Customised {

        @Test
        void appliesItsSettingsAndNotifiesTheOperatorTopic() {
            Stack stack = TestStacks.stack();
            Topic operators = Topic.Builder.create(stack, "Operators").build();
            new KinesisStreamScaler(stack, "Scaler", KinesisStreamScalerProps.builder()
                    .logRetention(RetentionDays.ONE_MONTH)
                    .logLevel(ApplicationLogLevel.DEBUG)
                    .alarmTopic(operators)
                    .build());
            Template template = Template.fromStack(stack);

            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "LoggingConfig", Match.objectLike(Map.of("ApplicationLogLevel", "DEBUG")),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("LOG_LEVEL", "DEBUG")))));
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("Operators.*")))));
        }

        @Test
        void neverLetsLambdaDropTheDecisionLines() {
            Stack stack = TestStacks.stack();
            new KinesisStreamScaler(stack, "Scaler", KinesisStreamScalerProps.builder()
                    .logLevel(ApplicationLogLevel.ERROR).build());

            Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "LoggingConfig", Match.objectLike(Map.of("ApplicationLogLevel", "INFO")),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("LOG_LEVEL", "ERROR")))));
        }

        @Test
        void reconcilesAtTheGivenIntervalOrNotAtAll() {
            Stack stack = TestStacks.stack();
            KinesisStreamScaler hourly = new KinesisStreamScaler(stack, "Hourly", KinesisStreamScalerProps.builder()
                    .reconciliationInterval(Duration.hours(1)).build());
            KinesisStreamScaler never = new KinesisStreamScaler(stack, "Never", KinesisStreamScalerProps.builder()
                    .reconciliationEnabled(false).build());
            AutoScalingKinesisStream.Builder.create(stack, "A").streamName("a").scaler(hourly).build();
            AutoScalingKinesisStream.Builder.create(stack, "B").streamName("b").scaler(never).build();
            Template template = Template.fromStack(stack);

            template.resourceCountIs("AWS::Events::Rule", 1);
            template.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(1 hour)"));
            assertThat(never.getReconciliationRules()).isEmpty();
            assertThat(hourly.getReconciliationRules()).hasSize(1);
        }

        @Test
        void spreadsManyPairsOverTargetsThatFitEventBridgesInputLimit() {
            Stack stack = TestStacks.stack();
            for (int i = 0; i < 120; i++) {
                AutoScalingKinesisStream.Builder.create(stack, "S" + i).streamName("clickstream-of-team-" + i).build();
            }
            Template template = Template.fromStack(stack);

            Map<String, Map<String, Object>> rules = template.findResources("AWS::Events::Rule");
            int pairs = 0;
            for (Map<String, Object> rule : rules.values()) {
                List<Map<String, Object>> targets = (List<Map<String, Object>>)
                        ((Map<String, Object>) rule.get("Properties")).get("Targets");
                assertThat(targets.size()).isLessThanOrEqualTo(5);
                for (Map<String, Object> target : targets) {
                    String input = (String) target.get("Input");
                    assertThat(input.length()).isLessThanOrEqualTo(8192);
                    pairs += input.split("scaleUpAlarm").length - 1;
                }
            }
            assertThat(pairs).isEqualTo(120);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.kinesisautoscaling.KinesisStreamScalerTest#intervalsThatAreNotWholeMinutes")
        void refusesAReconciliationIntervalThatIsNotWholeMinutes(Duration interval, String message) {
            Stack stack = TestStacks.stack();

            assertThatThrownBy(() -> new KinesisStreamScaler(stack, "Scaler",
                            KinesisStreamScalerProps.builder().reconciliationInterval(interval).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
            assertThat(stack.getNode().getChildren()).isEmpty();
        }

        @Test
        void reconcilesAtAnIntervalGivenAsAParameter() {
            Stack stack = TestStacks.stack();
            Number minutes = CfnParameter.Builder.create(stack, "Interval").type("Number").build().getValueAsNumber();
            KinesisStreamScaler scaler = new KinesisStreamScaler(stack, "Scaler", KinesisStreamScalerProps.builder()
                    .reconciliationInterval(Duration.minutes(minutes)).build());
            AutoScalingKinesisStream.Builder.create(stack, "Orders").streamName("orders").scaler(scaler).build();

            Template.fromStack(stack).hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression",
                    Map.of("Fn::Join", List.of("", List.of("rate(", Map.of("Ref", "Interval"), " minutes)")))));
        }

        @Test
        void refusesAnIntervalParameterOfAUnitThatEventBridgeRatesDoNotTake() {
            Stack stack = TestStacks.stack();
            Number seconds = CfnParameter.Builder.create(stack, "Interval").type("Number").build().getValueAsNumber();

            assertThatThrownBy(() -> new KinesisStreamScaler(stack, "Scaler", KinesisStreamScalerProps.builder()
                            .reconciliationInterval(Duration.seconds(seconds)).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("reconciliationInterval (a token of seconds) must be a token of minutes, hours or days: "
                            + "EventBridge's rate expression takes no other unit");
            assertThat(stack.getNode().tryFindChild("Scaler")).isNull();
        }

        @Test
        void refusesToShareAnIdTakenByAnotherConstruct() {
            Stack stack = TestStacks.stack();
            new software.constructs.Construct(stack, KinesisStreamScaler.SHARED_ID);

            assertThatThrownBy(() -> KinesisStreamScaler.of(stack))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the stack already has a construct with id KinesisStreamScaler that is not a "
                            + "KinesisStreamScaler");
        }
    }
}
