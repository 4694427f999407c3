package dev.kinesisautoscaling.runtime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinesisautoscaling.runtime.fakes.TestAlarms;
import dev.kinesisautoscaling.runtime.scaling.AlarmConfigurationException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.cloudwatch.model.ActionConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.EvaluationCriteria;
import software.amazon.awssdk.services.cloudwatch.model.EvaluationWindow;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.WarmUpConfiguration;

class AlarmRewriteTest {

    /** Fields of MetricAlarm that describe state, not configuration, and so are not written back. */
    private static final Set<String> READ_ONLY = Set.of("AlarmArn", "AlarmConfigurationUpdatedTimestamp",
            "StateValue", "StateReason", "StateReasonData", "StateUpdatedTimestamp", "EvaluationState",
            "StateTransitionedTimestamp");

    /** An alarm with every configurable property set, whether or not it makes sense for a scaling alarm. */
    private static MetricAlarm everyPropertySet() {
        TestAlarms.Policy policy = new TestAlarms.Policy();
        MetricAlarm base = TestAlarms.scaleDown("orders", 3, policy);
        return base.toBuilder()
                .alarmArn("arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-scale-down")
                .alarmConfigurationUpdatedTimestamp(Instant.parse("2026-11-29T09:00:00Z"))
                .okActions("arn:aws:sns:us-east-1:123456789012:ok")
                .insufficientDataActions("arn:aws:sns:us-east-1:123456789012:insufficient")
                .actionsEnabled(false)
                .metricName("Unused")
                .namespace("Unused")
                .statistic(Statistic.SUM)
                .extendedStatistic("p99")
                .dimensions(Dimension.builder().name("StreamName").value("orders").build())
                .period(60)
                .unit(StandardUnit.COUNT)
                .evaluateLowSampleCountPercentile("ignore")
                .thresholdMetricId("ad1")
                .evaluationWindow(EvaluationWindow.builder().build())
                .warmUpConfiguration(WarmUpConfiguration.builder().build())
                .evaluationCriteria(EvaluationCriteria.builder().build())
                .evaluationInterval(60)
                .actionConfiguration(ActionConfiguration.builder().build())
                .stateReason("reason")
                .stateReasonData("{}")
                .stateUpdatedTimestamp(Instant.parse("2026-11-29T09:00:00Z"))
                .stateTransitionedTimestamp(Instant.parse("2026-11-29T09:00:00Z"))
                .evaluationState("PARTIAL_DATA")
                .build();
    }

    @Test
    void copiesEveryConfigurablePropertyThatTheSdkKnows() {
        MetricAlarm alarm = everyPropertySet();

        PutMetricAlarmRequest request = AlarmRewrite.forShardCount(alarm, 6, OptionalDouble.of(0.2));

        Set<String> alarmFields = new HashSet<>();
        for (SdkField<?> field : alarm.sdkFields()) {
            alarmFields.add(field.memberName());
            if (!READ_ONLY.contains(field.memberName())) {
                // guards the copy against properties a newer SDK adds to MetricAlarm
                assertThat(field.getValueOrDefault(alarm)).as("fixture sets " + field.memberName()).isNotNull();
            }
        }
        for (SdkField<?> field : request.sdkFields()) {
            String name = field.memberName();
            if (!alarmFields.contains(name) || name.equals("Metrics") || name.equals("Threshold")) {
                continue;
            }
            Object expected = alarm.sdkFields().stream().filter(f -> f.memberName().equals(name)).findFirst()
                    .orElseThrow().getValueOrDefault(alarm);
            assertThat(field.getValueOrDefault(request)).as(name).isEqualTo(expected);
        }
        assertThat(request.threshold()).isEqualTo(0.2);
    }

    @Test
    void changesOnlyTheShardCountConstantAmongTheMetrics() {
        MetricAlarm alarm = everyPropertySet();

        List<MetricDataQuery> metrics = AlarmRewrite.forShardCount(alarm, 6, OptionalDouble.empty()).metrics();

        assertThat(metrics).hasSameSizeAs(alarm.metrics());
        for (int i = 0; i < metrics.size(); i++) {
            MetricDataQuery before = alarm.metrics().get(i);
            if (before.id().equals("s1")) {
                assertThat(metrics.get(i)).isEqualTo(before.toBuilder().expression("6").build());
            } else {
                assertThat(metrics.get(i)).isEqualTo(before);
            }
        }
    }

    @Test
    void keepsTheThresholdWhenNoneIsGiven() {
        MetricAlarm alarm = everyPropertySet();

        assertThat(AlarmRewrite.forShardCount(alarm, 6, OptionalDouble.empty()).threshold()).isEqualTo(alarm.threshold());
    }

    @Test
    void readsTheShardCountConstant() {
        assertThat(AlarmRewrite.shardCount(everyPropertySet())).isEqualTo(3);
    }

    @Test
    void refusesAnAlarmWithoutShardCountConstant() {
        MetricAlarm alarm = everyPropertySet();
        MetricAlarm withoutS1 = alarm.toBuilder()
                .metrics(alarm.metrics().stream().filter(q -> !q.id().equals("s1")).toList()).build();

        assertThatThrownBy(() -> AlarmRewrite.forShardCount(withoutS1, 6, OptionalDouble.empty()))
                .isInstanceOf(AlarmConfigurationException.class)
                .hasMessage("alarm orders-scale-down has no metric with id s1: it is not a scaling alarm of this library");
    }

    @Test
    void refusesAShardCountConstantThatIsNotAWholeNumber() {
        MetricAlarm alarm = everyPropertySet();
        MetricAlarm broken = alarm.toBuilder().metrics(alarm.metrics().stream()
                .map(q -> q.id().equals("s1") ? q.toBuilder().expression("2.5").build() : q).toList()).build();

        assertThatThrownBy(() -> AlarmRewrite.shardCount(broken))
                .isInstanceOf(AlarmConfigurationException.class)
                .hasMessage("alarm orders-scale-down has metric s1 = '2.5'; it must be a positive whole number, the shard count");
    }
}
