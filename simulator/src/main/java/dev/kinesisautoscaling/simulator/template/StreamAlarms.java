package dev.kinesisautoscaling.simulator.template;

import java.util.List;

/**
 * A stream's scaling alarms and the shard count they were computed for: what the replay needs to
 * set up the simulated stream and CloudWatch.
 *
 * @param streamName the stream's name, as in the alarms' {@code StreamName} dimension
 * @param shardCount the shard count the alarms were computed for (their {@code s1})
 * @param alarms the alarms, the scale-up and scale-down pair
 */
public record StreamAlarms(String streamName, int shardCount, List<AlarmDefinition> alarms) {

    /** The name the simulator gives a stream that neither its alarms' source nor the user names. */
    public static final String DEFAULT_STREAM_NAME = "simulated-stream";

    /**
     * Keeps an unmodifiable copy of the alarms.
     *
     * @param streamName the stream's name
     * @param shardCount the shard count of the alarms
     * @param alarms the alarms
     */
    public StreamAlarms {
        alarms = List.copyOf(alarms);
    }
}
