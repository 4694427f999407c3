package dev.kinesisautoscaling.simulator.template;

import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * One alarm as it will be created in the simulated CloudWatch: its configuration and its tags.
 *
 * @param alarm the alarm, as {@code DescribeAlarms} would describe it after creation (ARN and state are
 *     filled in by the simulated CloudWatch)
 * @param tags the alarm's tags, which carry the scaling policy
 */
public record AlarmDefinition(MetricAlarm alarm, Map<String, String> tags) {

    /**
     * Keeps an unmodifiable copy of the tags.
     *
     * @param alarm the alarm
     * @param tags the tags
     */
    public AlarmDefinition {
        tags = Map.copyOf(tags);
    }
}
