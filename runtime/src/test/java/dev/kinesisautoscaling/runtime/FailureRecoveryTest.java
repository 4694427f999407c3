package dev.kinesisautoscaling.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinesisautoscaling.runtime.fakes.AwsCalls;
import dev.kinesisautoscaling.runtime.fakes.Scenario;
import dev.kinesisautoscaling.runtime.fakes.TestAlarms;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/**
 * A scaling interrupted at any of its writes, then the same notification delivered again (an SNS
 * duplicate or Lambda's retry of the failed invocation) and, if the stream is still unscaled, the
 * next notification CloudWatch sends because the alarm was set to {@code OK}: the stream is scaled
 * exactly once and the alarms end consistent with it.
 */
class FailureRecoveryTest {

    /**
     * Every alarm write of a scaling: the history written ahead of {@code UpdateShardCount}, and the
     * rewrite and reset that follow an accepted call.
     */
    static Stream<Arguments> alarmWritesOfAScaling() {
        return Stream.of(
                Arguments.of("TagResource", 1),
                Arguments.of("TagResource", 2),
                Arguments.of("PutMetricAlarm", 1),
                Arguments.of("PutMetricAlarm", 2),
                Arguments.of("SetAlarmState", 1),
                Arguments.of("SetAlarmState", 2));
    }

    private static CloudWatchException serverError() {
        return (CloudWatchException) CloudWatchException.builder().statusCode(500).message("Internal failure").build();
    }

    @ParameterizedTest(name = "{0} #{1} fails")
    @MethodSource("alarmWritesOfAScaling")
    void scalesOnceAndRepairsTheAlarmsWhenTheNotificationComesAgain(String operation, int callNumber) {
        Scenario world = new Scenario();
        TestAlarms.Policy policy = world.stream("orders", 2);
        world.calls.failCall(operation, callNumber, AwsCalls.Timing.BEFORE_EFFECT, FailureRecoveryTest::serverError);

        assertThatThrownBy(() -> world.deliver("orders-scale-up-alarm.json")).isInstanceOf(ScalingFailedException.class);
        assertThat(world.cloudWatch.statesSet("orders-scale-up")).endsWith(StateValue.OK);

        world.clock.advance(Duration.ofMinutes(1));
        world.deliver("orders-scale-up-alarm.json");
        if (world.kinesis.stream("orders").openShards == 2) {
            world.clock.set(Instant.parse("2026-11-29T11:05:30Z"));
            world.deliver("orders-scale-up-alarm-later.json");
        }

        assertThat(world.calls.count("UpdateShardCount")).isEqualTo(1);
        assertThat(world.kinesis.stream("orders").openShards).isEqualTo(4);
        world.assertPairMatchesStream("orders", policy);
    }

    @Test
    void scalesOnceWhenTheUpdateTookEffectButItsResponseWasLost() {
        Scenario world = new Scenario();
        TestAlarms.Policy policy = world.stream("orders", 2);
        world.calls.failCall("UpdateShardCount", 1, AwsCalls.Timing.AFTER_EFFECT,
                () -> KinesisException.builder().statusCode(500).message("Internal failure").build());

        assertThatThrownBy(() -> world.deliver("orders-scale-up-alarm.json")).isInstanceOf(ScalingFailedException.class);
        world.clock.advance(Duration.ofMinutes(1));
        world.deliver("orders-scale-up-alarm.json");

        assertThat(world.calls.count("UpdateShardCount")).isEqualTo(1);
        assertThat(world.kinesis.stream("orders").openShards).isEqualTo(4);
        world.assertPairMatchesStream("orders", policy);
        assertThat(world.lastOutcome()).isEqualTo("REPAIRED");
    }

    @Test
    void waitsForAStreamThatIsStillResharding() {
        Scenario world = new Scenario();
        TestAlarms.Policy policy = world.stream("orders", 2);
        world.kinesis.completeUpdatesAtOnce(false);
        world.calls.failCall("PutMetricAlarm", 1, AwsCalls.Timing.BEFORE_EFFECT, FailureRecoveryTest::serverError);

        assertThatThrownBy(() -> world.deliver("orders-scale-up-alarm.json")).isInstanceOf(ScalingFailedException.class);
        world.deliver("orders-scale-up-alarm.json");
        assertThat(world.lastOutcome()).isEqualTo("STREAM_BUSY");

        world.kinesis.completeUpdate("orders");
        world.clock.advance(Duration.ofMinutes(1));
        world.deliver("orders-scale-up-alarm.json");

        assertThat(world.calls.count("UpdateShardCount")).isEqualTo(1);
        world.assertPairMatchesStream("orders", policy);
    }
}
