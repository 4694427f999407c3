package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kinesisautoscaling.contract.AlarmContract;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Says, independently of the handler, what an input is: JSON or not, a well-formed reconciliation
 * request or not, and which of its records are valid {@code ALARM} notifications of a managed
 * alarm pair — the only records that may make the handler change anything
 * in AWS.
 *
 * <p>A notification is valid for a pair when CloudWatch could have sent it for that pair: the
 * alarm is one of the pair's two, its ARN names it, the state is {@code ALARM}, the state change
 * time has the contract's format, and every {@code StreamName} dimension of its
 * {@code AWS/Kinesis} metrics names the pair's own stream.
 */
public final class InputOracle {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Managed alarm name to the stream its pair belongs to. */
    private final Map<String, String> managedAlarms;

    /**
     * Knows the managed streams.
     *
     * @param streams the streams whose alarm pairs exist
     */
    public InputOracle(Set<String> streams) {
        Map<String, String> alarms = new java.util.LinkedHashMap<>();
        for (String stream : streams) {
            alarms.put(stream + AlarmContract.SCALE_UP_SUFFIX, stream);
            alarms.put(stream + AlarmContract.SCALE_DOWN_SUFFIX, stream);
        }
        this.managedAlarms = Map.copyOf(alarms);
    }

    /**
     * Reads the input as the Lambda runtime hands it over: the first JSON value of the bytes.
     *
     * @param bytes the input
     * @return the JSON, or empty when the bytes are not JSON
     */
    public Optional<JsonNode> parse(byte[] bytes) {
        try {
            return Optional.ofNullable(JSON.readTree(bytes));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether an event is a reconciliation request, well formed or not.
     *
     * @param event the event
     * @return true for an object with a {@code reconcile} key
     */
    public boolean isReconciliation(JsonNode event) {
        return event.isObject() && event.has("reconcile");
    }

    /**
     * Whether a reconciliation request is well formed: nothing but a list of objects, each naming
     * exactly a scale-up and a scale-down alarm with the right suffixes.
     *
     * @param event the event
     * @return true when the handler must accept it
     */
    public boolean isWellFormedReconciliation(JsonNode event) {
        JsonNode pairs = event.get("reconcile");
        if (pairs == null || !pairs.isArray() || event.size() != 1) {
            return false;
        }
        for (JsonNode pair : pairs) {
            if (pair == null || !pair.isObject() || pair.size() != 2
                    || !named(pair, "scaleUpAlarm", AlarmContract.SCALE_UP_SUFFIX)
                    || !named(pair, "scaleDownAlarm", AlarmContract.SCALE_DOWN_SUFFIX)) {
                return false;
            }
        }
        return true;
    }

    private static boolean named(JsonNode pair, String field, String suffix) {
        JsonNode name = pair.get(field);
        return name != null && name.isTextual() && !name.textValue().isBlank() && name.textValue().endsWith(suffix);
    }

    /**
     * The streams of the event's records that are valid {@code ALARM} notifications of a managed pair.
     *
     * @param event the event
     * @return the streams, empty when no record may change anything
     */
    public Set<String> streamsOfValidAlarmNotifications(JsonNode event) {
        Set<String> streams = new LinkedHashSet<>();
        if (!event.isObject() || event.has("reconcile") || !event.path("Records").isArray()) {
            return streams;
        }
        for (JsonNode record : event.get("Records")) {
            validAlarmNotification(record).ifPresent(streams::add);
        }
        return streams;
    }

    private Optional<String> validAlarmNotification(JsonNode record) {
        if (!record.isObject() || !"aws:sns".equals(text(record.get("EventSource")))) {
            return Optional.empty();
        }
        String message = text(record.path("Sns").get("Message"));
        if (message == null) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(message);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        String alarmName = text(root.get("AlarmName"));
        String alarmArn = text(root.get("AlarmArn"));
        String stream = alarmName == null ? null : managedAlarms.get(alarmName);
        if (stream == null || alarmArn == null || !alarmArn.startsWith("arn:") || !alarmArn.endsWith(":alarm:" + alarmName)
                || !"ALARM".equals(text(root.get("NewStateValue")))) {
            return Optional.empty();
        }
        try {
            String time = text(root.get("StateChangeTime"));
            if (time == null) {
                return Optional.empty();
            }
            AlarmContract.TIMESTAMP_FORMAT.parse(time);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        JsonNode metrics = root.path("Trigger").get("Metrics");
        if (!root.path("Trigger").isObject() || metrics == null || !metrics.isArray()) {
            return Optional.empty();
        }
        boolean namesItsStream = false;
        for (JsonNode metric : metrics) {
            JsonNode definition = metric.path("MetricStat").path("Metric");
            if (!"AWS/Kinesis".equals(text(definition.get("Namespace"))) || !definition.path("Dimensions").isArray()) {
                continue;
            }
            for (JsonNode dimension : definition.get("Dimensions")) {
                JsonNode key = dimension.has("name") ? dimension.get("name") : dimension.get("Name");
                JsonNode value = dimension.has("value") ? dimension.get("value") : dimension.get("Value");
                if (!"StreamName".equals(text(key))) {
                    continue;
                }
                if (!stream.equals(text(value))) {
                    return Optional.empty();
                }
                namesItsStream = true;
            }
        }
        return namesItsStream ? Optional.of(stream) : Optional.empty();
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
