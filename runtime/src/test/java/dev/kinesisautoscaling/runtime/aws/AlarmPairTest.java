package dev.kinesisautoscaling.runtime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinesisautoscaling.runtime.fakes.TestAlarms;
import dev.kinesisautoscaling.runtime.scaling.AlarmConfigurationException;
import dev.kinesisautoscaling.runtime.scaling.ScaleAction;
import dev.kinesisautoscaling.runtime.scaling.ScalingPolicy;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

class AlarmPairTest {

    private final TestAlarms.Policy testPolicy = new TestAlarms.Policy();
    private final ScalingPolicy policy =
            new ScalingPolicy(ScaleAction.UP, "orders-scale-up", "orders-scale-down", 2, 10_000, 0.25, false, Optional.empty());

    AlarmPairTest() {
        testPolicy.min = 2;
    }

    @Test
    void readsTheStreamAndTheShardCountsOfBothAlarms() {
        AlarmPair pair = AlarmPair.of(TestAlarms.scaleUp("orders", 4, testPolicy), TestAlarms.scaleDown("orders", 3, testPolicy));

        assertThat(pair.streamName()).isEqualTo("orders");
        assertThat(pair.scaleUpShardCount()).isEqualTo(4);
        assertThat(pair.scaleDownShardCount()).isEqualTo(3);
    }

    @Test
    void refusesAlarmsOfTwoStreams() {
        assertThatThrownBy(() -> AlarmPair.of(TestAlarms.scaleUp("orders", 4, testPolicy),
                TestAlarms.scaleDown("payments", 4, testPolicy)))
                .isInstanceOf(AlarmConfigurationException.class)
                .hasMessage("alarms orders-scale-up and payments-scale-down are not a pair: they watch streams orders and payments");
    }

    @Test
    void refusesAnAlarmWithoutAUsableShardCount() {
        MetricAlarm down = TestAlarms.scaleDown("orders", 4, testPolicy);
        MetricAlarm broken = down.toBuilder().metrics(down.metrics().stream()
                .map(query -> "s1".equals(query.id()) ? query.toBuilder().expression("2.5").build() : query)
                .toArray(MetricDataQuery[]::new)).build();

        assertThatThrownBy(() -> AlarmPair.of(TestAlarms.scaleUp("orders", 4, testPolicy), broken))
                .isInstanceOf(AlarmConfigurationException.class)
                .hasMessageContaining("s1 = '2.5'");
    }

    @Test
    void matchesOnlyWhenBothCountsAndTheThresholdForThatCountAgree() {
        AlarmPair atFour = AlarmPair.of(TestAlarms.scaleUp("orders", 4, testPolicy), TestAlarms.scaleDown("orders", 4, testPolicy));
        AlarmPair atMinimum = AlarmPair.of(TestAlarms.scaleUp("orders", 2, testPolicy), TestAlarms.scaleDown("orders", 2, testPolicy));

        assertThat(atFour.matches(4, policy)).isTrue();
        assertThat(atFour.matches(8, policy)).isFalse();
        assertThat(atMinimum.matches(2, policy)).as("-1 at the minimum").isTrue();
        assertThat(AlarmPair.of(atFour.scaleUp(), atFour.scaleDown().toBuilder().threshold(-1.0).build()).matches(4, policy))
                .as("-1 above the minimum").isFalse();
    }
}
