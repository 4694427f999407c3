package dev.kinesisautoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinesisautoscaling.internal.ScalingAlarmMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;

/** Every rule of the alarms and every setting's range, each with its exact message. */
class ValidationTest {

    private static Arguments rule(String name, Consumer<AutoScalingKinesisStream.Builder> settings, String message) {
        return Arguments.of(name, settings, message);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("scale-down threshold must be positive", b -> b.scaleDownThreshold(0),
                        "scaleDownThreshold (0) must be greater than 0"),
                rule("scale-up threshold at most 1", b -> b.scaleUpThreshold(1.2).scaleDownThreshold(0.25),
                        "scaleUpThreshold (1.2) must be at most 1: a shard cannot use more than its whole capacity"),
                rule("scale-down under half of scale-up", b -> b.scaleUpThreshold(0.75).scaleDownThreshold(0.4),
                        "scaleDownThreshold (0.4) must be less than half of scaleUpThreshold (0.75), or halving the "
                                + "stream pushes its usage over the scale-up threshold and it flaps"),
                rule("exactly half is not enough", b -> b.scaleUpThreshold(0.6).scaleDownThreshold(0.3),
                        "scaleDownThreshold (0.3) must be less than half of scaleUpThreshold (0.6), or halving the "
                                + "stream pushes its usage over the scale-up threshold and it flaps"),
                rule("scale-up datapoints within periods", b -> b.scaleUpEvaluationPeriods(5).scaleUpDatapointsToAlarm(6),
                        "scaleUpDatapointsToAlarm (6) must not exceed scaleUpEvaluationPeriods (5)"),
                rule("scale-down datapoints within periods", b -> b.scaleDownDatapointsToAlarm(61),
                        "scaleDownDatapointsToAlarm (61) must not exceed scaleDownEvaluationPeriods (60)"),
                rule("scale-up periods at least 1", b -> b.scaleUpEvaluationPeriods(0).scaleUpDatapointsToAlarm(0),
                        "scaleUpEvaluationPeriods (0) must be at least 1"),
                rule("scale-down datapoints at least 1", b -> b.scaleDownDatapointsToAlarm(0),
                        "scaleDownDatapointsToAlarm (0) must be at least 1"),
                rule("period of 60 seconds or more", b -> b.metricPeriod(Duration.seconds(30)),
                        "metricPeriod (30 seconds) must be a whole number of minutes, at least 1"),
                rule("period a multiple of 60 seconds", b -> b.metricPeriod(Duration.seconds(90)),
                        "metricPeriod (90 seconds) must be a whole number of minutes, at least 1"),
                rule("scale-down window at most a day", b -> b.metricPeriod(Duration.minutes(30)),
                        "metricPeriod (1800 seconds) x scaleDownEvaluationPeriods (60) is 108000 seconds; an alarm "
                                + "can look back at most 86400 seconds (one day)"),
                rule("scale-up window at most a day", b -> b.metricPeriod(Duration.hours(1)).scaleUpEvaluationPeriods(25)
                                .scaleDownEvaluationPeriods(24).scaleDownDatapointsToAlarm(20),
                        "metricPeriod (3600 seconds) x scaleUpEvaluationPeriods (25) is 90000 seconds; an alarm can "
                                + "look back at most 86400 seconds (one day)"),
                rule("minimum at least 1", b -> b.minShardCount(0),
                        "minShardCount (0) must be at least 1"),
                rule("maximum at most 10000", b -> b.maxShardCount(20_000),
                        "maxShardCount (20000) must be at most 10000, Kinesis' limit per stream"),
                rule("minimum not above maximum", b -> b.minShardCount(8).maxShardCount(4),
                        "minShardCount (8) must not exceed maxShardCount (4)"),
                rule("initial count not below minimum", b -> b.minShardCount(2).shardCount(1),
                        "shardCount (1) must be between minShardCount (2) and maxShardCount (10000)"),
                rule("initial count not above maximum", b -> b.maxShardCount(8).shardCount(12),
                        "shardCount (12) must be between minShardCount (1) and maxShardCount (8)"),
                rule("whole shard counts", b -> b.shardCount(2.5),
                        "shardCount (2.5) must be a whole number"),
                rule("stream name characters", b -> b.streamName("my stream"),
                        "streamName ('my stream') must be 1 to 128 characters of a-z, A-Z, 0-9, _ . and -"),
                rule("iterator-age block in whole minutes", b -> b.iteratorAgeBlock(Duration.seconds(90)),
                        "iteratorAgeBlock (90 seconds) must be a whole number of minutes, at least 1"),
                rule("period not a fraction of a second", b -> b.metricPeriod(Duration.millis(60_500)),
                        "metricPeriod (60.5 seconds) must be a whole number of minutes, at least 1"),
                rule("retention of at least a day", b -> b.retentionPeriod(Duration.hours(12)),
                        "retentionPeriod (12 hours) must be from 24 to 8760 hours"),
                rule("consumer concurrency needs a consumer", b -> b.consumerConcurrencyPerShard(2),
                        "consumerConcurrencyPerShard (2) needs consumerFunction: there is no consumer whose "
                                + "concurrency it sets"),
                rule("consumer concurrency at least 1", b -> b.consumerFunction(consumer()).consumerConcurrencyPerShard(0),
                        "consumerConcurrencyPerShard (0) must be from 1 to 1000"),
                rule("consumer concurrency at most 1000", b -> b.consumerFunction(consumer()).consumerConcurrencyPerShard(2000),
                        "consumerConcurrencyPerShard (2000) must be from 1 to 1000"),
                rule("whole consumer concurrency", b -> b.consumerFunction(consumer()).consumerConcurrencyPerShard(1.5),
                        "consumerConcurrencyPerShard (1.5) must be a whole number"),
                rule("whole minimum", b -> b.minShardCount(1.5),
                        "minShardCount (1.5) must be a whole number"),
                rule("whole maximum", b -> b.maxShardCount(7.5),
                        "maxShardCount (7.5) must be a whole number"),
                rule("whole scale-up periods", b -> b.scaleUpEvaluationPeriods(4.5),
                        "scaleUpEvaluationPeriods (4.5) must be a whole number"),
                rule("whole scale-down datapoints", b -> b.scaleDownDatapointsToAlarm(50.5),
                        "scaleDownDatapointsToAlarm (50.5) must be a whole number"),
                rule("scale-up datapoints at least 1", b -> b.scaleUpDatapointsToAlarm(0),
                        "scaleUpDatapointsToAlarm (0) must be at least 1"),
                rule("scale-down periods at least 1", b -> b.scaleDownEvaluationPeriods(0).scaleDownDatapointsToAlarm(0),
                        "scaleDownEvaluationPeriods (0) must be at least 1"),
                rule("metric period known at synthesis", b -> b.metricPeriod(Duration.minutes(Token.asNumber(Lazy.number(
                                new software.amazon.awscdk.IStableNumberProducer() {
                                    @Override
                                    public Number produce() {
                                        return 5;
                                    }
                                })))),
                        "metricPeriod must be known at synthesis, not a token: it is written into the alarms' metric math"),
                rule("retention in whole hours", b -> b.retentionPeriod(Duration.minutes(1501)),
                        "retentionPeriod (90060 seconds) must be a whole number of hours"),
                rule("retention of at most a year", b -> b.retentionPeriod(Duration.days(400)),
                        "retentionPeriod (9600 hours) must be from 24 to 8760 hours"));
    }

    /** A consumer of a stack of its own, so that the stream's stack stays empty when a rule refuses it. */
    private static software.amazon.awscdk.services.lambda.IFunction consumer() {
        return TestStacks.importedConsumer(TestStacks.stack());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void refusesASettingOutsideItsRuleWithAMessageNamingItAndItsValue(String name,
            Consumer<AutoScalingKinesisStream.Builder> settings, String message) {
        software.amazon.awscdk.Stack stack = TestStacks.stack();
        AutoScalingKinesisStream.Builder builder = AutoScalingKinesisStream.Builder.create(stack, "Orders");
        settings.accept(builder);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThat(stack.getNode().getChildren()).as("nothing defined before the check").isEmpty();
    }

    @Test
    void refusesAScalerOfAnotherStack() {
        software.amazon.awscdk.App app = new software.amazon.awscdk.App();
        KinesisStreamScaler scaler = new KinesisStreamScaler(new software.amazon.awscdk.Stack(app, "ScalerStack"), "Scaler");
        software.amazon.awscdk.Stack streamStack = new software.amazon.awscdk.Stack(app, "StreamStack");

        assertThatThrownBy(() -> AutoScalingKinesisStream.Builder.create(streamStack, "Orders").scaler(scaler).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scaler (ScalerStack/Scaler, in stack ScalerStack) must be in the stream's stack "
                        + "(StreamStack): across stacks, the alarms would need the scaler's topic and the scaler's "
                        + "permissions the stream, a dependency cycle");
        assertThat(streamStack.getNode().getChildren()).as("nothing defined before the check").isEmpty();
    }

    @Test
    void refusesAnAlarmWithMoreThanTenMetricsOrTenExpressions() {
        List<CfnAlarm.MetricDataQueryProperty> queries = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            queries.add(CfnAlarm.MetricDataQueryProperty.builder().id("e" + i).expression("1").build());
        }

        assertThatThrownBy(() -> ScalingAlarmMetrics.checkLimits(queries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an alarm holds at most 10 metrics and 10 expressions; this one would hold 0 metrics "
                        + "and 11 expressions");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keepsTheLargestAlarmWithinCloudWatchLimits() {
        software.amazon.awscdk.Stack stack = TestStacks.stack();
        AutoScalingKinesisStream.Builder.create(stack, "Orders").iteratorAgeBlock(Duration.minutes(10)).build();

        List<java.util.Map<String, Object>> largest = (List<java.util.Map<String, Object>>) TestStacks.properties(
                Template.fromStack(stack), "AWS::CloudWatch::Alarm", "OrdersScaleDownAlarm").get("Metrics");
        long metrics = largest.stream().filter(query -> query.containsKey("MetricStat")).count();
        long expressions = largest.stream().filter(query -> query.containsKey("Expression")).count();
        assertThat(metrics).as("metrics, of CloudWatch's 10").isEqualTo(3).isLessThanOrEqualTo(10);
        assertThat(expressions).as("expressions, of CloudWatch's 10").isEqualTo(8).isLessThanOrEqualTo(10);
    }

    @Test
    void startsAtATokenMinimumWithoutAConditionWhenTheShardCountIsLeftAtItsDefault() {
        software.amazon.awscdk.Stack stack = TestStacks.stack();
        Number min = CfnParameter.Builder.create(stack, "Min").type("Number").build().getValueAsNumber();

        AutoScalingKinesisStream.Builder.create(stack, "Orders").streamName("orders").minShardCount(min).build();
        Template template = Template.fromStack(stack);

        template.hasResourceProperties("AWS::Kinesis::Stream", java.util.Map.of(
                "ShardCount", java.util.Map.of("Ref", "Min")));
        assertThat(TestStacks.properties(template, "AWS::CloudWatch::Alarm", "OrdersScaleDownAlarm"))
                .containsEntry("Threshold", -1);
        assertThat(template.findConditions("*")).isEmpty();
    }

    @Test
    void passesUnresolvedTokensThroughToTheTemplate() {
        software.amazon.awscdk.Stack stack = TestStacks.stack();
        Number shards = CfnParameter.Builder.create(stack, "Shards").type("Number").build().getValueAsNumber();
        Number min = CfnParameter.Builder.create(stack, "Min").type("Number").build().getValueAsNumber();
        Number max = CfnParameter.Builder.create(stack, "Max").type("Number").build().getValueAsNumber();
        Number up = CfnParameter.Builder.create(stack, "Up").type("Number").build().getValueAsNumber();
        Number down = CfnParameter.Builder.create(stack, "Down").type("Number").build().getValueAsNumber();
        Number periods = CfnParameter.Builder.create(stack, "Periods").type("Number").build().getValueAsNumber();
        String name = CfnParameter.Builder.create(stack, "Name").type("String").build().getValueAsString();
        assertThat(Token.isUnresolved(shards)).isTrue();

        AutoScalingKinesisStream.Builder.create(stack, "Orders")
                .streamName(name)
                .shardCount(shards).minShardCount(min).maxShardCount(max)
                .scaleUpThreshold(up).scaleDownThreshold(down)
                .scaleUpEvaluationPeriods(periods).scaleUpDatapointsToAlarm(periods)
                .build();
        Template template = Template.fromStack(stack);

        template.hasResourceProperties("AWS::Kinesis::Stream", java.util.Map.of(
                "Name", java.util.Map.of("Ref", "Name"), "ShardCount", java.util.Map.of("Ref", "Shards")));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", java.util.Map.of(
                "Threshold", java.util.Map.of("Ref", "Up"), "EvaluationPeriods", java.util.Map.of("Ref", "Periods")));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", java.util.Map.of(
                "Threshold", java.util.Map.of("Fn::If", List.of("OrdersStartsAtMinimumF92A59B6", -1, java.util.Map.of("Ref", "Down")))));
        template.hasCondition("OrdersStartsAtMinimumF92A59B6", java.util.Map.of(
                "Fn::Equals", List.of(java.util.Map.of("Ref", "Shards"), java.util.Map.of("Ref", "Min"))));
    }
}
