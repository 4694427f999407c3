package dev.kinesisautoscaling.runtime.aws;

import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * A stream's two alarms as CloudWatch describes them.
 *
 * @param scaleUp the scale-up alarm
 * @param scaleDown the scale-down alarm
 */
public record AlarmPair(MetricAlarm scaleUp, MetricAlarm scaleDown) {

    /**
     * Whether both alarms are computed for a shard count and the scale-down threshold is the one
     * that count calls for.
     *
     * @param shardCount the stream's open shard count
     * @param scaleDownThreshold the threshold the scale-down alarm should have at that count
     * @return true when nothing needs repairing
     */
    public boolean matches(int shardCount, double scaleDownThreshold) {
        return AlarmRewrite.shardCount(scaleUp) == shardCount
                && AlarmRewrite.shardCount(scaleDown) == shardCount
                && scaleDown.threshold() != null
                && Math.abs(scaleDown.threshold() - scaleDownThreshold) < 1e-9;
    }
}
