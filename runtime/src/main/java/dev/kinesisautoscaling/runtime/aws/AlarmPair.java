package dev.kinesisautoscaling.runtime.aws;

import dev.kinesisautoscaling.runtime.scaling.AlarmConfigurationException;
import dev.kinesisautoscaling.runtime.scaling.ScalingPolicy;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * A stream's two alarms as CloudWatch describes them, with what they were computed for.
 *
 * @param scaleUp the scale-up alarm
 * @param scaleDown the scale-down alarm
 * @param streamName the stream both alarms watch
 * @param scaleUpShardCount the shard count the scale-up alarm's metric math was computed for ({@code s1})
 * @param scaleDownShardCount the shard count the scale-down alarm's metric math was computed for ({@code s1})
 */
public record AlarmPair(MetricAlarm scaleUp, MetricAlarm scaleDown, String streamName,
                        int scaleUpShardCount, int scaleDownShardCount) {

    /**
     * Reads a pair, checking that both alarms watch one stream and carry a usable {@code s1}.
     *
     * @param scaleUp the scale-up alarm
     * @param scaleDown the scale-down alarm
     * @return the pair
     * @throws AlarmConfigurationException when the alarms watch different streams or none, or lack a usable {@code s1}
     */
    public static AlarmPair of(MetricAlarm scaleUp, MetricAlarm scaleDown) {
        String up = AlarmRewrite.streamName(scaleUp);
        String down = AlarmRewrite.streamName(scaleDown);
        if (!up.equals(down)) {
            throw new AlarmConfigurationException("alarms " + scaleUp.alarmName() + " and " + scaleDown.alarmName()
                    + " are not a pair: they watch streams " + up + " and " + down);
        }
        return new AlarmPair(scaleUp, scaleDown, up, AlarmRewrite.shardCount(scaleUp), AlarmRewrite.shardCount(scaleDown));
    }

    /**
     * Whether both alarms are computed for a shard count and the scale-down threshold is the one
     * the policy calls for at that count.
     *
     * @param shardCount the stream's open shard count
     * @param policy the pair's policy
     * @return true when nothing needs repairing
     */
    public boolean matches(int shardCount, ScalingPolicy policy) {
        return scaleUpShardCount == shardCount
                && scaleDownShardCount == shardCount
                && scaleDown.threshold() != null
                && Math.abs(scaleDown.threshold() - policy.scaleDownThresholdAt(shardCount)) < 1e-9;
    }

    /**
     * What the pair was computed for next to the stream's real count, for the log.
     *
     * @param shardCount the stream's open shard count
     * @return a sentence fragment
     */
    public String describeMismatch(int shardCount) {
        return "the alarms are computed for " + scaleUpShardCount + " (scale-up) and " + scaleDownShardCount
                + " (scale-down) shards with a scale-down threshold of " + scaleDown.threshold()
                + ", but the stream has " + shardCount + " shards";
    }
}
