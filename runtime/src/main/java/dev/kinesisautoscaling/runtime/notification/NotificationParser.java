package dev.kinesisautoscaling.runtime.notification;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.runtime.scaling.ScaleAction;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Reads a CloudWatch alarm notification from the {@code Message} of an SNS record, trusting none
 * of it: every field is checked for presence and type before it is used.
 */
public final class NotificationParser {

    private static final Set<String> STATES = Set.of("OK", "ALARM", "INSUFFICIENT_DATA");
    private static final String KINESIS_NAMESPACE = "AWS/Kinesis";
    private static final String STREAM_DIMENSION = "StreamName";

    private final ObjectMapper mapper;

    /**
     * Uses the given mapper for reading JSON.
     *
     * @param mapper a Jackson mapper
     */
    public NotificationParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Parses one notification.
     *
     * @param message the SNS record's {@code Message}
     * @return the notification
     * @throws InvalidNotificationException when the message is not a usable alarm notification
     */
    public AlarmNotification parse(String message) throws InvalidNotificationException {
        if (message == null || message.isBlank()) {
            throw new InvalidNotificationException("the message is empty");
        }
        JsonNode root;
        try {
            root = mapper.readTree(message);
        } catch (JacksonException e) {
            throw new InvalidNotificationException("the message is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidNotificationException("the message is JSON but not an object");
        }
        String alarmName = requiredText(root, "AlarmName");
        String alarmArn = requiredText(root, "AlarmArn");
        if (!alarmArn.startsWith("arn:") || !alarmArn.endsWith(":alarm:" + alarmName)) {
            throw new InvalidNotificationException("AlarmArn '" + alarmArn + "' is not the ARN of alarm '" + alarmName + "'");
        }
        String newState = requiredText(root, "NewStateValue");
        if (!STATES.contains(newState)) {
            throw new InvalidNotificationException("NewStateValue '" + newState + "' is not OK, ALARM or INSUFFICIENT_DATA");
        }
        String stateChangeText = requiredText(root, "StateChangeTime");
        Instant stateChangeTime;
        try {
            stateChangeTime = Instant.from(AlarmContract.TIMESTAMP_FORMAT.parse(stateChangeText));
        } catch (DateTimeParseException e) {
            throw new InvalidNotificationException("StateChangeTime '" + stateChangeText
                    + "' does not match " + AlarmContract.TIMESTAMP_PATTERN);
        }
        ScaleAction action = ScaleAction.fromAlarmName(alarmName).orElseThrow(() -> new InvalidNotificationException(
                "AlarmName '" + alarmName + "' ends in neither " + AlarmContract.SCALE_UP_SUFFIX + " nor "
                        + AlarmContract.SCALE_DOWN_SUFFIX));
        String streamName = streamName(root);
        return new AlarmNotification(alarmName, alarmArn, newState, stateChangeTime, streamName, action);
    }

    private static String streamName(JsonNode root) throws InvalidNotificationException {
        JsonNode trigger = root.get("Trigger");
        if (trigger == null || !trigger.isObject()) {
            throw new InvalidNotificationException("the message has no Trigger object");
        }
        JsonNode metrics = trigger.get("Metrics");
        if (metrics == null || !metrics.isArray()) {
            throw new InvalidNotificationException("Trigger has no Metrics array: not a metric-math alarm");
        }
        String streamName = null;
        for (JsonNode query : metrics) {
            JsonNode metric = query.path("MetricStat").path("Metric");
            if (!KINESIS_NAMESPACE.equals(metric.path("Namespace").asText(null))) {
                continue;
            }
            JsonNode dimensions = metric.get("Dimensions");
            if (dimensions == null || !dimensions.isArray()) {
                continue;
            }
            for (JsonNode dimension : dimensions) {
                // CloudWatch writes the keys in lower case; the capitalised form is accepted as well.
                JsonNode name = dimension.has("name") ? dimension.get("name") : dimension.get("Name");
                JsonNode value = dimension.has("value") ? dimension.get("value") : dimension.get("Value");
                if (name == null || !name.isTextual() || !STREAM_DIMENSION.equals(name.textValue())) {
                    continue;
                }
                if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                    throw new InvalidNotificationException("a StreamName dimension has no text value");
                }
                if (streamName != null && !streamName.equals(value.textValue())) {
                    throw new InvalidNotificationException("the alarm's metrics name two streams, '" + streamName
                            + "' and '" + value.textValue() + "'");
                }
                streamName = value.textValue();
            }
        }
        if (streamName == null) {
            throw new InvalidNotificationException("no AWS/Kinesis metric of the alarm has a StreamName dimension");
        }
        return streamName;
    }

    private static String requiredText(JsonNode root, String field) throws InvalidNotificationException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidNotificationException("the message has no " + field);
        }
        if (!node.isTextual()) {
            throw new InvalidNotificationException(field + " is a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not a string");
        }
        if (node.textValue().isBlank()) {
            throw new InvalidNotificationException(field + " is blank");
        }
        return node.textValue();
    }
}
