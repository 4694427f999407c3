package dev.kinesisautoscaling.simulator.replay;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.runtime.aws.AlarmRewrite;
import dev.kinesisautoscaling.simulator.aws.SimulatedAws;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;

/**
 * The reference design's decision function (the AWS sample "Kinesis Data Streams Auto Scaling"),
 * rewritten here for comparison and driven by the same alarms and simulated services as the real
 * handler. It reproduces the reference's behaviour, defects included:
 * <ul>
 *   <li>only the first record of an event is read;</li>
 *   <li>a notification whose state change is not after the alarm's {@code LastScaledTimestamp} is
 *       stale: the alarm is set to {@code INSUFFICIENT_DATA};</li>
 *   <li>the stream's status is not checked; the target is {@code 2n} up and {@code floor(n/2)} (at
 *       least 1) down, with no minimum or maximum and no daily budget;</li>
 *   <li>a refused {@code UpdateShardCount} (stream busy, below half such as 3 to 1, the daily limit)
 *       sets the triggering alarm to {@code OK}, so that it fires again at its next evaluation and
 *       is refused again;</li>
 *   <li>after a scaling both alarms get the new {@code s1}, the scale-down threshold becomes
 *       {@code -1} at one shard and the configured threshold otherwise (the reference reads it from
 *       its environment; here it is the alarm pair's {@code ScaleDownThreshold} tag, so that both
 *       policies use the same alarms), both are set to {@code INSUFFICIENT_DATA} and tagged with
 *       {@code LastScaledTimestamp}.</li>
 * </ul>
 * The reference also rebuilds the metric math with a hard-coded 5-minute period; the simulated
 * alarms keep their own period, which is the same for the default 300-second alarms.
 */
public final class ReferencePolicyResponder implements ScalingResponder {

    /** Outcome: the stream was scaled up. */
    public static final String SCALED_UP = "SCALED_UP";
    /** Outcome: the stream was scaled down. */
    public static final String SCALED_DOWN = "SCALED_DOWN";
    /** Outcome: the notification was not after the last scaling. */
    public static final String STALE = "STALE";
    /** Outcome: Kinesis answered that the stream is busy. */
    public static final String STREAM_BUSY = "STREAM_BUSY";
    /** Outcome: Kinesis refused the call with a limit or an invalid argument. */
    public static final String REFUSED = "REFUSED";
    /** Outcome: the message was not an alarm notification. */
    public static final String INVALID_NOTIFICATION = "INVALID_NOTIFICATION";

    private static final double DEFAULT_SCALE_DOWN_THRESHOLD = 0.25;

    private final SimulatedAws aws;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Long> outcomes = new TreeMap<>();

    /**
     * Acts on the given simulated AWS.
     *
     * @param aws the simulated clients and clock
     */
    public ReferencePolicyResponder(SimulatedAws aws) {
        this.aws = aws;
    }

    @Override
    public void deliver(SNSEvent event) {
        outcomes.merge(handle(event), 1L, Long::sum);
    }

    private String handle(SNSEvent event) {
        if (event.getRecords() == null || event.getRecords().isEmpty() || event.getRecords().get(0).getSNS() == null) {
            return INVALID_NOTIFICATION;
        }
        JsonNode message;
        try {
            message = mapper.readTree(event.getRecords().get(0).getSNS().getMessage());
        } catch (IOException e) {
            return INVALID_NOTIFICATION;
        }
        String alarmName = message.path("AlarmName").asText(null);
        String alarmArn = message.path("AlarmArn").asText(null);
        String streamName = streamName(message);
        Instant stateChange;
        try {
            stateChange = Instant.from(AlarmContract.TIMESTAMP_FORMAT.parse(message.path("StateChangeTime").asText("")));
        } catch (DateTimeParseException e) {
            return INVALID_NOTIFICATION;
        }
        if (alarmName == null || alarmArn == null || streamName == null) {
            return INVALID_NOTIFICATION;
        }
        Map<String, String> tags = tags(alarmArn);
        boolean up = AlarmContract.SCALE_ACTION_UP.equals(tags.get(AlarmContract.TAG_SCALE_ACTION));
        String complementary = tags.get(AlarmContract.TAG_COMPLEMENTARY_ALARM);
        if (complementary == null) {
            return INVALID_NOTIFICATION;
        }
        String lastScaled = tags.get(AlarmContract.TAG_LAST_SCALED_TIMESTAMP);
        if (lastScaled != null && !stateChange.isAfter(Instant.from(AlarmContract.TIMESTAMP_FORMAT.parse(lastScaled)))) {
            setState(alarmName, StateValue.INSUFFICIENT_DATA, "Scale event rejected: not after the last scaling");
            return STALE;
        }

        int current = aws.kinesis().describeStreamSummary(r -> r.streamName(streamName))
                .streamDescriptionSummary().openShardCount();
        int target = up ? 2 * current : Math.max(1, current / 2);
        double configuredDown = tags.containsKey(AlarmContract.TAG_SCALE_DOWN_THRESHOLD)
                ? Double.parseDouble(tags.get(AlarmContract.TAG_SCALE_DOWN_THRESHOLD)) : DEFAULT_SCALE_DOWN_THRESHOLD;
        double downThreshold = target <= 1 ? AlarmContract.UNREACHABLE_SCALE_DOWN_THRESHOLD : configuredDown;
        try {
            aws.kinesis().updateShardCount(r -> r.streamName(streamName).targetShardCount(target)
                    .scalingType(ScalingType.UNIFORM_SCALING));
        } catch (ResourceInUseException e) {
            setState(alarmName, StateValue.OK, "ResourceInUse exception from Kinesis; alarm set to OK to retry scaling");
            return STREAM_BUSY;
        } catch (SdkException e) {
            setState(alarmName, StateValue.OK, "UpdateShardCount failed: " + e.getMessage());
            return REFUSED;
        }

        String upName = up ? alarmName : complementary;
        String downName = up ? complementary : alarmName;
        Map<String, MetricAlarm> pair = new HashMap<>();
        for (MetricAlarm alarm : aws.cloudWatch().describeAlarms(r -> r.alarmNames(upName, downName)).metricAlarms()) {
            pair.put(alarm.alarmName(), alarm);
        }
        MetricAlarm upAlarm = pair.get(upName);
        MetricAlarm downAlarm = pair.get(downName);
        if (upAlarm == null || downAlarm == null) {
            return INVALID_NOTIFICATION;
        }
        aws.cloudWatch().putMetricAlarm(AlarmRewrite.forShardCount(upAlarm, target, OptionalDouble.empty()));
        setState(upName, StateValue.INSUFFICIENT_DATA, "Metric math and threshold value update");
        aws.cloudWatch().putMetricAlarm(AlarmRewrite.forShardCount(downAlarm, target, OptionalDouble.of(downThreshold)));
        setState(downName, StateValue.INSUFFICIENT_DATA, "Metric math and threshold value update");
        String now = AlarmContract.TIMESTAMP_FORMAT.format(aws.clock().instant());
        for (MetricAlarm alarm : List.of(upAlarm, downAlarm)) {
            aws.cloudWatch().tagResource(r -> r.resourceARN(alarm.alarmArn())
                    .tags(Tag.builder().key(AlarmContract.TAG_LAST_SCALED_TIMESTAMP).value(now).build()));
        }
        return up ? SCALED_UP : SCALED_DOWN;
    }

    private Map<String, String> tags(String alarmArn) {
        Map<String, String> tags = new HashMap<>();
        for (Tag tag : aws.cloudWatch().listTagsForResource(r -> r.resourceARN(alarmArn)).tags()) {
            tags.put(tag.key(), tag.value());
        }
        return tags;
    }

    private void setState(String alarmName, StateValue state, String reason) {
        aws.cloudWatch().setAlarmState(r -> r.alarmName(alarmName).stateValue(state).stateReason(reason));
    }

    private static String streamName(JsonNode message) {
        for (JsonNode query : message.path("Trigger").path("Metrics")) {
            for (JsonNode dimension : query.path("MetricStat").path("Metric").path("Dimensions")) {
                if ("StreamName".equals(dimension.path("name").asText())) {
                    return dimension.path("value").asText();
                }
            }
        }
        return null;
    }

    @Override
    public Map<String, Long> outcomes() {
        return Map.copyOf(outcomes);
    }
}
