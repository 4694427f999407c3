package dev.kinesisautoscaling.runtime.aws;

import dev.kinesisautoscaling.runtime.scaling.AlarmConfigurationException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * A stream's two alarms as CloudWatch describes them.
 *
 * @param scaleUp the scale-up alarm
 * @param scaleDown the scale-down alarm
 */
public record AlarmPair(MetricAlarm scaleUp, MetricAlarm scaleDown) {

    /**
     * The stream both alarms watch.
     *
     * @return the stream's name
     * @throws AlarmConfigurationException when the alarms watch different streams, or none
     */
    public String streamName() {
        String up = AlarmRewrite.streamName(scaleUp);
        String down = AlarmRewrite.streamName(scaleDown);
        if (!up.equals(down)) {
            throw new AlarmConfigurationException("alarms " + scaleUp.alarmName() + " and " + scaleDown.alarmName()
                    + " are not a pair: they watch streams " + up + " and " + down);
        }
        return up;
    }

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
