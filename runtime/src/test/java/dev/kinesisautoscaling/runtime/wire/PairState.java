package dev.kinesisautoscaling.runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinesisautoscaling.contract.AlarmContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream, its alarm pair and its consumer's reservation at one moment, read from an
 * {@link AwsWorld} so that the checks can run later, in another thread.
 *
 * @param stream the stream's name
 * @param streamStatus the stream's status
 * @param streamShards the stream's open shard count
 * @param acceptedUpdates the {@code UpdateShardCount} calls Kinesis ever accepted for it
 * @param scaleUp the scale-up alarm
 * @param scaleDown the scale-down alarm
 * @param reservation the consumer's reservation, null when it draws on the unreserved pool or there is no consumer
 * @param at the world's time
 */
public record PairState(String stream, String streamStatus, int streamShards, int acceptedUpdates,
                        AlarmState scaleUp, AlarmState scaleDown, Integer reservation, Instant at) {

    /**
     * One alarm at one moment.
     *
     * @param name the alarm's name
     * @param s1 the shard count it is computed for
     * @param threshold its threshold
     * @param state its state
     * @param stateSince when it entered that state
     */
    public record AlarmState(String name, int s1, double threshold, String state, Instant stateSince) {
    }

    /**
     * Reads a stream's pair as it is now, by the world's clock.
     *
     * @param world the world
     * @param stream the stream's name
     * @param policy the stream's policy, for its consumer
     * @return the state
     */
    public static PairState read(AwsWorld world, String stream, WireFixtures.Policy policy) {
        AwsWorld.StreamView view = world.stream(stream);
        return new PairState(stream, view.status(), view.openShardCount(), view.acceptedUpdates(),
                alarmState(world, stream + AlarmContract.SCALE_UP_SUFFIX),
                alarmState(world, stream + AlarmContract.SCALE_DOWN_SUFFIX),
                policy.consumerFunction == null ? null : world.reservedConcurrency(policy.consumerFunction),
                world.clock().instant());
    }

    private static AlarmState alarmState(AwsWorld world, String name) {
        ObjectNode alarm = world.alarm(name);
        return new AlarmState(name, world.s1(name), alarm.get("Threshold").doubleValue(), alarm.get("StateValue").asText(),
                Instant.parse(alarm.get("StateUpdatedTimestamp").asText()));
    }

    /**
     * The alarms of the pair that have been in {@code ALARM} for longer than a duration.
     *
     * @param age the longest time allowed
     * @return the alarms' names
     */
    public List<String> inAlarmLongerThan(Duration age) {
        List<String> stuck = new ArrayList<>();
        for (AlarmState alarm : List.of(scaleUp, scaleDown)) {
            if ("ALARM".equals(alarm.state()) && alarm.stateSince().isBefore(at.minus(age))) {
                stuck.add(alarm.name() + " (in ALARM since " + alarm.stateSince() + ")");
            }
        }
        return stuck;
    }

    /**
     * Asserts that both alarms are computed for a shard count: their {@code s1}, and the
     * scale-down threshold the policy prescribes at that count.
     *
     * @param shards the shard count
     * @param policy the stream's policy
     * @param context what the state is, for the assertion messages
     */
    public void assertComputedFor(int shards, WireFixtures.Policy policy, String context) {
        assertThat(scaleUp.s1()).as("s1 of %s %s", scaleUp.name(), context).isEqualTo(shards);
        assertThat(scaleDown.s1()).as("s1 of %s %s", scaleDown.name(), context).isEqualTo(shards);
        assertThat(scaleDown.threshold()).as("threshold of %s %s", scaleDown.name(), context)
                .isEqualTo(policy.downThresholdAt(shards));
    }

    /**
     * Asserts that the stream is {@code ACTIVE} and both alarms are computed for its shard count.
     *
     * @param policy the stream's policy
     * @param context what the state is, for the assertion messages
     */
    public void assertMatchesItsStream(WireFixtures.Policy policy, String context) {
        assertThat(streamStatus).as("status of %s %s", stream, context).isEqualTo("ACTIVE");
        assertComputedFor(streamShards, policy, context);
    }
}
