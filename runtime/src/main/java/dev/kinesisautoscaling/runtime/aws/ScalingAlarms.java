package dev.kinesisautoscaling.runtime.aws;

import dev.kinesisautoscaling.runtime.scaling.AlarmConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/** The CloudWatch calls of the scaling Lambda. */
public final class ScalingAlarms {

    /** CloudWatch's limit on the length of {@code SetAlarmState}'s reason. */
    private static final int MAX_STATE_REASON_LENGTH = 1023;

    private final CloudWatchClient cloudWatch;

    /**
     * Uses the given client.
     *
     * @param cloudWatch the CloudWatch client
     */
    public ScalingAlarms(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /**
     * Reads an alarm's tags with {@code ListTagsForResource}.
     *
     * @param alarmArn the alarm's ARN
     * @return the tags by key
     * @throws AlarmConfigurationException when the alarm does not exist
     */
    public Map<String, String> tags(String alarmArn) {
        List<Tag> found;
        try {
            found = cloudWatch.listTagsForResource(r -> r.resourceARN(alarmArn)).tags();
        } catch (ResourceNotFoundException e) {
            throw new AlarmConfigurationException("alarm " + alarmArn + " does not exist");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : found) {
            tags.put(tag.key(), tag.value());
        }
        return tags;
    }

    /**
     * Describes a stream's two alarms with one {@code DescribeAlarms}.
     *
     * @param scaleUpAlarmName the scale-up alarm's name
     * @param scaleDownAlarmName the scale-down alarm's name
     * @return both alarms
     * @throws AlarmConfigurationException when either alarm does not exist, or they are not a usable pair
     */
    public AlarmPair describePair(String scaleUpAlarmName, String scaleDownAlarmName) {
        DescribeAlarmsResponse response = cloudWatch.describeAlarms(r -> r
                .alarmNames(scaleUpAlarmName, scaleDownAlarmName)
                .alarmTypes(AlarmType.METRIC_ALARM));
        MetricAlarm up = null;
        MetricAlarm down = null;
        for (MetricAlarm alarm : response.metricAlarms()) {
            if (scaleUpAlarmName.equals(alarm.alarmName())) {
                up = alarm;
            } else if (scaleDownAlarmName.equals(alarm.alarmName())) {
                down = alarm;
            }
        }
        List<String> missing = new ArrayList<>();
        if (up == null) {
            missing.add(scaleUpAlarmName);
        }
        if (down == null) {
            missing.add(scaleDownAlarmName);
        }
        if (!missing.isEmpty()) {
            throw new AlarmConfigurationException("alarm pair is incomplete: " + String.join(" and ", missing)
                    + (missing.size() == 1 ? " does" : " do") + " not exist");
        }
        return AlarmPair.of(up, down);
    }

    /**
     * Adds or overwrites tags on an alarm with {@code TagResource}.
     *
     * @param alarmArn the alarm's ARN
     * @param tags the tags to write
     */
    public void tag(String alarmArn, Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        tags.forEach((key, value) -> list.add(Tag.builder().key(key).value(value).build()));
        cloudWatch.tagResource(r -> r.resourceARN(alarmArn).tags(list));
    }

    /**
     * Rewrites an alarm for a new shard count with {@code PutMetricAlarm}, keeping all else.
     *
     * @param alarm the alarm as described
     * @param shardCount the new value of {@code s1}
     * @param threshold the new threshold, or empty to keep the current one
     */
    public void rewrite(MetricAlarm alarm, int shardCount, OptionalDouble threshold) {
        cloudWatch.putMetricAlarm(AlarmRewrite.forShardCount(alarm, shardCount, threshold));
    }

    /**
     * Sets an alarm's state with {@code SetAlarmState}, so that CloudWatch evaluates it afresh.
     *
     * @param alarmName the alarm's name
     * @param state {@code OK} to have it notify again at its next evaluation, {@code INSUFFICIENT_DATA} to reset it
     * @param reason why, shown in the alarm's history
     */
    public void setState(String alarmName, StateValue state, String reason) {
        String shortReason = reason.length() > MAX_STATE_REASON_LENGTH ? reason.substring(0, MAX_STATE_REASON_LENGTH) : reason;
        cloudWatch.setAlarmState(r -> r.alarmName(alarmName).stateValue(state).stateReason(shortReason));
    }
}
