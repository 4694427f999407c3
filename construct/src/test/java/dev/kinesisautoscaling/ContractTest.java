package dev.kinesisautoscaling;

import static dev.kinesisautoscaling.TestStacks.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.runtime.RuntimeSettings;
import dev.kinesisautoscaling.runtime.ScalingHandler;
import dev.kinesisautoscaling.runtime.aws.AlarmRewrite;
import dev.kinesisautoscaling.runtime.scaling.ConsumerConcurrency;
import dev.kinesisautoscaling.runtime.scaling.ScaleAction;
import dev.kinesisautoscaling.runtime.scaling.ScalingPolicy;
import com.amazonaws.services.lambda.runtime.Context;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * The construct and the scaling function share the names of {@link AlarmContract}; these tests check
 * that the templates the construct writes hold what the function reads back, with the function's
 * own parsers.
 */
class ContractTest {

    /** Tags the function writes itself; the construct never does. */
    private static final Set<String> WRITTEN_BY_THE_FUNCTION = Set.of(AlarmContract.TAG_LAST_SCALED_TIMESTAMP,
            AlarmContract.TAG_RECENT_SCALING_CALLS, AlarmContract.TAG_LIMIT_EXCEEDED_TIMESTAMP);

    @Test
    void namesAHandlerMethodTheRuntimeHas() throws Exception {
        assertThat(KinesisStreamScaler.HANDLER).isEqualTo(ScalingHandler.class.getName());
        assertThat(ScalingHandler.class.getMethod(KinesisStreamScaler.HANDLER_METHOD,
                InputStream.class, OutputStream.class, Context.class)).isNotNull();
    }

    @Test
    void writesEveryTagTheRuntimeReads() throws Exception {
        Stack stack = TestStacks.stack();
        AutoScalingKinesisStream.Builder.create(stack, "Orders")
                .streamName("orders").dryRun(true)
                .consumerFunction(TestStacks.importedConsumer(stack))
                .build();
        Template template = Template.fromStack(stack);

        for (String prefix : List.of("OrdersScaleUpAlarm", "OrdersScaleDownAlarm")) {
            Map<String, Object> tags = TestStacks.tags(properties(template, "AWS::CloudWatch::Alarm", prefix));
            for (Field field : AlarmContract.class.getFields()) {
                if (field.getName().startsWith("TAG_") && !WRITTEN_BY_THE_FUNCTION.contains(field.get(null))) {
                    assertThat(tags).as(prefix + " tags").containsKey((String) field.get(null));
                }
            }
            for (String writtenByTheFunction : WRITTEN_BY_THE_FUNCTION) {
                assertThat(tags).as(prefix + " tags").doesNotContainKey(writtenByTheFunction);
            }
        }
    }

    @Test
    void writesAPolicyAndMetricMathThatTheRuntimeReadsBack() {
        Stack stack = TestStacks.stack();
        AutoScalingKinesisStream.Builder.create(stack, "Orders")
                .streamName("orders").shardCount(3).minShardCount(2).maxShardCount(12)
                .scaleDownThreshold(0.2).iteratorAgeBlock(Duration.minutes(20)).dryRun(true)
                .consumerFunction(TestStacks.importedConsumer(stack))
                .consumerConcurrencyPerShard(4)
                .build();
        Template template = Template.fromStack(stack);

        for (ScaleAction action : ScaleAction.values()) {
            String prefix = action == ScaleAction.UP ? "OrdersScaleUpAlarm" : "OrdersScaleDownAlarm";
            Map<String, Object> alarm = properties(template, "AWS::CloudWatch::Alarm", prefix);
            String alarmName = (String) alarm.get("AlarmName");
            Map<String, String> tags = new HashMap<>();
            TestStacks.tags(alarm).forEach((key, value) -> tags.put(key, (String) value));

            ScalingPolicy policy = ScalingPolicy.fromTags(alarmName, ScaleAction.fromAlarmName(alarmName).orElseThrow(), tags);

            assertThat(policy.action()).isEqualTo(action);
            assertThat(policy.scaleUpAlarmName()).isEqualTo("orders-scale-up");
            assertThat(policy.scaleDownAlarmName()).isEqualTo("orders-scale-down");
            assertThat(policy.minShardCount()).isEqualTo(2);
            assertThat(policy.maxShardCount()).isEqualTo(12);
            assertThat(policy.scaleDownThreshold()).isEqualTo(0.2);
            assertThat(policy.dryRun()).isTrue();
            assertThat(policy.consumer()).contains(new ConsumerConcurrency(TestStacks.IMPORTED_CONSUMER_ARN, 4));
            assertThat(AlarmRewrite.shardCount(metricAlarm(alarmName, alarm))).isEqualTo(3);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void givesTheFunctionATimeoutLongerThanTheWorstRecordOfItsOwnSettings() {
        Stack stack = TestStacks.stack();
        AutoScalingKinesisStream.Builder.create(stack, "Orders").build();
        Map<String, Object> function = TestStacks.only(Template.fromStack(stack), "AWS::Lambda::Function");
        Map<String, String> env = new HashMap<>((Map<String, String>)
                ((Map<String, Object>) function.get("Environment")).get("Variables"));
        env.put("AWS_REGION", "us-east-1");

        RuntimeSettings settings = RuntimeSettings.fromEnvironment(env);

        assertThat(settings.recordTimeReserve().toSeconds()).as("worst time of one record, in seconds")
                .isLessThan(((Number) function.get("Timeout")).longValue());
    }

    @SuppressWarnings("unchecked")
    private static MetricAlarm metricAlarm(String name, Map<String, Object> properties) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (Object item : (List<Object>) properties.get("Metrics")) {
            Map<String, Object> query = (Map<String, Object>) item;
            queries.add(MetricDataQuery.builder()
                    .id((String) query.get("Id"))
                    .expression((String) query.get("Expression"))
                    .returnData((Boolean) query.get("ReturnData"))
                    .build());
        }
        return MetricAlarm.builder().alarmName(name).metrics(queries).build();
    }
}
