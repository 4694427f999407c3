package dev.kinesisautoscaling;

import static dev.kinesisautoscaling.TestStacks.logicalId;
import static dev.kinesisautoscaling.TestStacks.metricLines;
import static dev.kinesisautoscaling.TestStacks.properties;
import static dev.kinesisautoscaling.TestStacks.tags;
import static dev.kinesisautoscaling.TestStacks.usageLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Function;

class AutoScalingKinesisStreamTest {

    private static final String ALARM = "AWS::CloudWatch::Alarm";

    /** One synthesis for the whole class: its tests only read the stack and the template. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Defaults {

        private final Stack stack = TestStacks.stack();
        private final AutoScalingKinesisStream orders = AutoScalingKinesisStream.Builder.create(stack, "Orders")
                .streamName("orders").build();
        private final Template template = Template.fromStack(stack);

        @Test
        void definesAProvisionedStreamEncryptedWithTheAwsManagedKeyAtItsMinimumShardCount() {
            template.hasResourceProperties("AWS::Kinesis::Stream", Map.of(
                    "Name", "orders",
                    "ShardCount", 1,
                    "RetentionPeriodHours", 24,
                    "StreamModeDetails", Map.of("StreamMode", "PROVISIONED"),
                    "StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis")));
        }

        @Test
        void definesTheScaleUpAlarmOfTheSpecification() {
            Map<String, Object> up = properties(template, ALARM, "OrdersScaleUpAlarm");

            assertThat(metricLines(up)).containsExactlyElementsOf(usageLines(300, 1, "e5=MAX([e3,e4]) (returned)"));
            assertThat(up).containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                    .containsEntry("Threshold", 0.75)
                    .containsEntry("EvaluationPeriods", 5)
                    .containsEntry("DatapointsToAlarm", 5)
                    .containsEntry("TreatMissingData", "notBreaching")
                    .containsEntry("ActionsEnabled", true);
        }

        @Test
        void definesTheScaleDownAlarmOfTheSpecificationUnreachableAtTheMinimum() {
            Map<String, Object> down = properties(template, ALARM, "OrdersScaleDownAlarm");

            assertThat(metricLines(down)).containsExactlyElementsOf(usageLines(300, 1, "e6=MAX([e3,e4]) (returned)"));
            assertThat(down).containsEntry("ComparisonOperator", "LessThanThreshold")
                    .containsEntry("Threshold", -1)
                    .containsEntry("EvaluationPeriods", 60)
                    .containsEntry("DatapointsToAlarm", 57)
                    .containsEntry("TreatMissingData", "breaching");
        }

        @Test
        void namesTheAlarmsAfterTheStreamAndPointsThemAtTheScalersTopic() {
            for (String name : List.of("orders-scale-up", "orders-scale-down")) {
                template.hasResourceProperties(ALARM, Map.of(
                        "AlarmName", name,
                        "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("KinesisStreamScalerTopic.*")))));
            }
        }

        @Test
        void writesThePolicyOntoBothAlarmsTags() {
            Map<String, Object> upTags = tags(properties(template, ALARM, "OrdersScaleUpAlarm"));
            Map<String, Object> downTags = tags(properties(template, ALARM, "OrdersScaleDownAlarm"));

            assertThat(upTags).containsEntry("ScaleAction", "Up").containsEntry("MinShardCount", "1")
                    .containsEntry("MaxShardCount", "10000").containsEntry("ScaleDownThreshold", "0.25")
                    .containsEntry("DryRun", "false").containsKey("ComplimentaryAlarm")
                    .doesNotContainKeys("ConsumerFunctionArn", "ConsumerConcurrencyPerShard");
            assertThat(downTags).containsEntry("ScaleAction", "Down");
            assertThat(upTags.get("ComplimentaryAlarm").toString()).contains("-scale-down");
            assertThat(downTags.get("ComplimentaryAlarm").toString()).contains("-scale-up");
        }

        @Test
        void exposesWhatItDefines() {
            assertThat(orders.getStream().getNode().getId()).isEqualTo("Resource");
            assertThat(orders.getScaleUpCfnAlarm().getNode().getId()).isEqualTo("ScaleUpAlarm");
            assertThat(orders.getScaleDownCfnAlarm().getNode().getId()).isEqualTo("ScaleDownAlarm");
            assertThat(stack.resolve(orders.getScaleUpAlarm().getAlarmArn()))
                    .isEqualTo(Map.of("Fn::GetAtt", List.of(logicalId(orders.getScaleUpCfnAlarm()), "Arn")));
            assertThat(stack.resolve(orders.getScaleDownAlarm().getAlarmArn()))
                    .isEqualTo(Map.of("Fn::GetAtt", List.of(logicalId(orders.getScaleDownCfnAlarm()), "Arn")));
            assertThat(orders.getScaler()).isSameAs(KinesisStreamScaler.of(stack));
        }

        @Test
        void letsTheScalerDescribeAndReshardOnlyThisStreamAndRewriteOnlyItsAlarms() {
            String streamId = logicalId(orders.getStream());
            String prefix = "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:";

            template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("KinesisStreamScalerRole.*"))),
                    "PolicyDocument", Map.of("Statement", List.of(
                            Map.of("Sid", "DescribeAndReshardStreams", "Effect", "Allow",
                                    "Action", List.of("kinesis:DescribeStreamSummary", "kinesis:UpdateShardCount"),
                                    "Resource", Map.of("Fn::GetAtt", List.of(streamId, "Arn"))),
                            Map.of("Sid", "ReadAndRewriteScalingAlarms", "Effect", "Allow",
                                    "Action", List.of("cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource",
                                            "cloudwatch:TagResource", "cloudwatch:PutMetricAlarm",
                                            "cloudwatch:SetAlarmState"),
                                    "Resource", List.of(Map.of("Fn::Sub", prefix + "orders-scale-up"),
                                            Map.of("Fn::Sub", prefix + "orders-scale-down")))))));
        }
    }

    @Nested
    class Customised {

        @Test
        void namesTheAlarmsAfterAGeneratedStreamName() {
            Stack stack = TestStacks.stack();
            AutoScalingKinesisStream orders = AutoScalingKinesisStream.Builder.create(stack, "Orders").build();
            String streamId = logicalId(orders.getStream());

            Template.fromStack(stack).hasResourceProperties(ALARM, Map.of("AlarmName",
                    Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", streamId), "-scale-up")))));
        }

        @Test
        void startsAboveTheMinimumWithTheConfiguredScaleDownThreshold() {
            Stack stack = TestStacks.stack();
            AutoScalingKinesisStream.Builder.create(stack, "Orders")
                    .shardCount(4).minShardCount(2).maxShardCount(32)
                    .scaleUpThreshold(0.8).scaleDownThreshold(0.3)
                    .build();
            Template template = Template.fromStack(stack);

            Map<String, Object> down = properties(template, ALARM, "OrdersScaleDownAlarm");
            assertThat(down).containsEntry("Threshold", 0.3);
            assertThat(metricLines(down)).contains("s1=4");
            assertThat(properties(template, ALARM, "OrdersScaleUpAlarm")).containsEntry("Threshold", 0.8);
            assertThat(tags(down)).containsEntry("MinShardCount", "2").containsEntry("MaxShardCount", "32")
                    .containsEntry("ScaleDownThreshold", "0.3");
            template.hasResourceProperties("AWS::Kinesis::Stream", Map.of("ShardCount", 4));
        }

        @Test
        void usesTheMetricPeriodInEveryMetricAndExpression() {
            Stack stack = TestStacks.stack();
            AutoScalingKinesisStream.Builder.create(stack, "Orders")
                    .metricPeriod(Duration.minutes(1))
                    .scaleUpEvaluationPeriods(3).scaleUpDatapointsToAlarm(2)
                    .scaleDownEvaluationPeriods(90).scaleDownDatapointsToAlarm(80)
                    .build();
            Template template = Template.fromStack(stack);

            Map<String, Object> up = properties(template, ALARM, "OrdersScaleUpAlarm");
            assertThat(metricLines(up)).containsExactlyElementsOf(usageLines(60, 1, "e5=MAX([e3,e4]) (returned)"));
            assertThat(up).containsEntry("EvaluationPeriods", 3).containsEntry("DatapointsToAlarm", 2);
            assertThat(properties(template, ALARM, "OrdersScaleDownAlarm")).containsEntry("EvaluationPeriods", 90)
                    .containsEntry("DatapointsToAlarm", 80);
        }

        @Test
        void blocksScaleDownsWhileConsumersLag() {
            Stack stack = TestStacks.stack();
            AutoScalingKinesisStream.Builder.create(stack, "Orders")
                    .scaleDownThreshold(0.2)
                    .iteratorAgeBlock(Duration.minutes(30))
                    .build();
            Template template = Template.fromStack(stack);

            assertThat(metricLines(properties(template, ALARM, "OrdersScaleDownAlarm"))).containsExactlyElementsOf(
                    usageLines(300, 1,
                            "m3=AWS/Kinesis GetRecords.IteratorAgeMilliseconds Maximum 300",
                            "s2=30",
                            "e5=(FILL(m3,0)/1000/60)*(0.2/s2)",
                            "e6=MAX([e3,e4,e5]) (returned)"));
            assertThat(metricLines(properties(template, ALARM, "OrdersScaleUpAlarm"))).noneMatch(l -> l.startsWith("m3"));
        }

        @Test
        void encryptsTheStreamWithAGivenKey() {
            Stack stack = TestStacks.stack();
            Key key = Key.Builder.create(stack, "StreamKey").enableKeyRotation(true).build();
            AutoScalingKinesisStream.Builder.create(stack, "Orders").encryptionKey(key).build();

            Template.fromStack(stack).hasResourceProperties("AWS::Kinesis::Stream", Map.of("StreamEncryption", Map.of(
                    "EncryptionType", "KMS",
                    "KeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("StreamKey.*"), "Arn")))));
        }

        @Test
        void keepsTheStreamForTheGivenRetention() {
            Stack stack = TestStacks.stack();
            AutoScalingKinesisStream.Builder.create(stack, "Orders").retentionPeriod(Duration.days(7)).build();

            Template.fromStack(stack).hasResourceProperties("AWS::Kinesis::Stream", Map.of("RetentionPeriodHours", 168));
        }

        @Test
        void marksADryRunOnBothAlarms() {
            Stack stack = TestStacks.stack();
            AutoScalingKinesisStream.Builder.create(stack, "Orders").dryRun(true).build();
            Template template = Template.fromStack(stack);

            assertThat(tags(properties(template, ALARM, "OrdersScaleUpAlarm"))).containsEntry("DryRun", "true");
            assertThat(tags(properties(template, ALARM, "OrdersScaleDownAlarm"))).containsEntry("DryRun", "true");
        }

        @Test
        void letsTheScalerSetOnlyTheConsumersConcurrency() {
            Stack stack = TestStacks.stack();
            Function consumer = TestStacks.consumer(stack);
            AutoScalingKinesisStream.Builder.create(stack, "Orders")
                    .consumerFunction(consumer).consumerConcurrencyPerShard(3)
                    .build();
            Template template = Template.fromStack(stack);

            Map<String, Object> upTags = tags(properties(template, ALARM, "OrdersScaleUpAlarm"));
            assertThat(upTags).containsEntry("ConsumerConcurrencyPerShard", "3");
            assertThat(upTags.get("ConsumerFunctionArn")).isEqualTo(
                    Map.of("Fn::GetAtt", List.of(logicalId(consumer), "Arn")));
            template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                    Match.arrayWith(List.of(Map.of("Sid", "SetConsumerConcurrency", "Effect", "Allow",
                            "Action", List.of("lambda:GetFunctionConcurrency", "lambda:PutFunctionConcurrency",
                                    "lambda:DeleteFunctionConcurrency"),
                            "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Consumer.*"), "Arn"))))))));
        }

        @Test
        void defaultsTheConsumerConcurrencyToOnePerShard() {
            Stack stack = TestStacks.stack();
            AutoScalingKinesisStream.Builder.create(stack, "Orders").consumerFunction(TestStacks.consumer(stack)).build();

            assertThat(tags(properties(Template.fromStack(stack), ALARM, "OrdersScaleUpAlarm")))
                    .containsEntry("ConsumerConcurrencyPerShard", "1");
        }
    }

    @Nested
    class SharedScaler {

        @Test
        void addsTwoAlarmsPerStreamButOnlyOneScalingFunctionPerStack() {
            Stack stack = TestStacks.stack();
            for (int i = 0; i < 5; i++) {
                AutoScalingKinesisStream.Builder.create(stack, "Stream" + i).build();
            }
            Template template = Template.fromStack(stack);

            template.resourceCountIs("AWS::Kinesis::Stream", 5);
            template.resourceCountIs(ALARM, 11);
            template.resourceCountIs("AWS::Lambda::Function", 1);
            template.resourceCountIs("AWS::SNS::Topic", 1);
        }

        @Test
        void usesAScalerThatIsPassedIn() {
            Stack stack = TestStacks.stack();
            KinesisStreamScaler scaler = new KinesisStreamScaler(stack, "OwnScaler");
            AutoScalingKinesisStream orders = AutoScalingKinesisStream.Builder.create(stack, "Orders").scaler(scaler).build();

            assertThat(orders.getScaler()).isSameAs(scaler);
            assertThat(stack.getNode().tryFindChild(KinesisStreamScaler.SHARED_ID)).isNull();
            Template.fromStack(stack).resourceCountIs("AWS::Lambda::Function", 1);
        }
    }

    @Nested
    class ManyStreams {

        @Test
        void fitsAStackFullOfStreamsIntoTheRolesManagedPolicyLimit() {
            Stack stack = TestStacks.stack();
            for (int i = 0; i < 150; i++) {
                AutoScalingKinesisStream.Builder.create(stack, "Stream" + i).streamName("clickstream-of-team-" + i).build();
            }
            Template template = Template.fromStack(stack);

            int policies = template.findResources("AWS::IAM::ManagedPolicy").size();
            assertThat(policies).isBetween(2, 10);
            template.resourceCountIs("AWS::CloudWatch::Alarm", 301);
        }

        @Test
        void refusesAStreamWhosePermissionsTheRoleCannotHold() {
            Stack stack = TestStacks.stack();
            String longName = "s".repeat(120);
            int added = 0;
            try {
                for (; added < 100; added++) {
                    AutoScalingKinesisStream.Builder.create(stack, "Stream" + added).streamName(longName + added).build();
                }
                fail("the scaler took 100 streams of 120-character names without refusing one");
            } catch (IllegalStateException full) {
                assertThat(stack.getNode().tryFindChild("Stream" + added)).as("nothing defined for the refused stream").isNull();
                assertThat(added).isBetween(80, 99);
            }

            assertThatThrownBy(() -> AutoScalingKinesisStream.Builder.create(stack, "OneMore").streamName(longName).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the scaler TestStack/KinesisStreamScaler cannot take another stream: its role would "
                            + "need more than 10 managed policies of 6144 characters, IAM's limits. Give some streams "
                            + "their own KinesisStreamScaler (the scaler setting) or define them in another stack.");
        }
    }

    @Nested
    class Delegation {

        @Test
        void grantsAccessToTheStream() {
            Stack stack = TestStacks.stack();
            AutoScalingKinesisStream orders = AutoScalingKinesisStream.Builder.create(stack, "Orders").build();
            Role reader = Role.Builder.create(stack, "Reader").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
            Role writer = Role.Builder.create(stack, "Writer").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
            Role both = Role.Builder.create(stack, "Both").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();

            orders.grantRead(reader);
            orders.grantWrite(writer);
            orders.grantReadWrite(both);
            Template template = Template.fromStack(stack);

            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("Reader.*"))),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Action", Match.arrayWith(List.of("kinesis:GetRecords")))))))));
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("Writer.*"))),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Action", Match.arrayWith(List.of("kinesis:PutRecord")))))))));
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("Both.*"))),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Action", Match.arrayWith(List.of("kinesis:GetRecords", "kinesis:PutRecord")))))))));
        }

        @Test
        void givesTheStreamsMetrics() {
            Stack stack = TestStacks.stack();
            AutoScalingKinesisStream orders = AutoScalingKinesisStream.Builder.create(stack, "Orders").build();

            assertThat(orders.metricIncomingBytes().getMetricName()).isEqualTo("IncomingBytes");
            assertThat(orders.metricIncomingRecords().getMetricName()).isEqualTo("IncomingRecords");
            assertThat(orders.metricGetRecordsIteratorAgeMilliseconds().getMetricName())
                    .isEqualTo("GetRecords.IteratorAgeMilliseconds");
            Metric throttled = orders.metricWriteProvisionedThroughputExceeded();
            assertThat(throttled.getMetricName()).isEqualTo("WriteProvisionedThroughputExceeded");
            assertThat(throttled.getStatistic()).as("the documented default").isEqualTo("Average");
            assertThat(throttled.getPeriod().toMinutes()).as("the documented default").isEqualTo(5);
            assertThat(orders.metric("PutRecords.Latency").getNamespace()).isEqualTo("AWS/Kinesis");
        }
    }
}
