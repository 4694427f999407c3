package dev.kinesisautoscaling.runtime.wire;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinesisautoscaling.contract.AlarmContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * SNS events from the fixture files, shaped exactly as SNS delivers them, optionally retargeted
 * at another stream so that tests running side by side on one endpoint do not share a stream.
 */
public final class Notifications {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Notifications() {
    }

    /**
     * Loads a fixture as it is.
     *
     * @param fixture the path below the test resources, such as {@code events/orders-scale-up-alarm.json}
     * @return the event
     */
    public static SNSEvent load(String fixture) {
        return EventLoader.loadSNSEvent(fixture);
    }

    /**
     * Loads a fixture about stream {@code orders} and makes it about another stream: the alarm's
     * name and ARN and the {@code StreamName} dimensions of its metrics are rewritten, nothing else.
     *
     * @param fixture the path below the test resources
     * @param stream the stream the notification should be about
     * @return the event
     */
    public static SNSEvent loadFor(String fixture, String stream) {
        SNSEvent event = load(fixture);
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            SNSEvent.SNS sns = record.getSNS();
            sns.setMessage(retarget(sns.getMessage(), stream));
            sns.setMessageId(stream + "-" + sns.getMessageId());
        }
        return event;
    }

    /**
     * Loads a fixture and moves its alarm's state change to another time, as the alarm's next
     * notification would carry it; the SNS message id changes with it.
     *
     * @param fixture the path below the test resources
     * @param stateChangeTime the new {@code StateChangeTime}
     * @return the event
     */
    public static SNSEvent loadAt(String fixture, Instant stateChangeTime) {
        SNSEvent event = load(fixture);
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            SNSEvent.SNS sns = record.getSNS();
            try {
                ObjectNode root = (ObjectNode) JSON.readTree(sns.getMessage());
                root.put("StateChangeTime", AlarmContract.TIMESTAMP_FORMAT.format(stateChangeTime));
                sns.setMessage(JSON.writeValueAsString(root));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sns.setMessageId(sns.getMessageId() + "-" + stateChangeTime.toEpochMilli());
        }
        return event;
    }

    /**
     * A fixture's JSON exactly as stored, for tests that build raw events from it.
     *
     * @param fixture the path below the test resources
     * @return the event's JSON tree
     */
    public static ObjectNode loadJson(String fixture) {
        try (InputStream in = Notifications.class.getClassLoader().getResourceAsStream(fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + fixture);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first record of a fixture about stream {@code orders}, made about another stream as
     * {@link #loadFor} does, with its own SNS message id.
     *
     * @param fixture the path below the test resources
     * @param stream the stream the notification should be about
     * @param messageId the record's SNS message id
     * @return the record's JSON tree
     */
    public static ObjectNode recordFor(String fixture, String stream, String messageId) {
        ObjectNode record = (ObjectNode) loadJson(fixture).get("Records").get(0);
        ObjectNode sns = (ObjectNode) record.get("Sns");
        sns.put("Message", retarget(sns.get("Message").asText(), stream));
        sns.put("MessageId", messageId);
        sns.put("Subject", sns.get("Subject").asText().replace("\"orders-", "\"" + stream + "-"));
        return record;
    }

    /**
     * An SNS event of the given records, as the bytes Lambda hands to {@code handleEvent}.
     *
     * @param records the records, in order
     * @return the event's bytes
     */
    public static byte[] eventBytes(List<? extends JsonNode> records) {
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").addAll(records);
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes an alarm notification's message about another stream: the alarm's name and ARN and
     * the {@code StreamName} dimensions of its metrics are rewritten, nothing else.
     *
     * @param message the message of a fixture about stream {@code orders}
     * @param stream the stream the notification should be about
     * @return the new message
     */
    public static String retarget(String message, String stream) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(message);
            String alarmName = root.get("AlarmName").asText().replaceFirst("^orders-", stream + "-");
            root.put("AlarmName", alarmName);
            root.put("AlarmArn", AlarmStore.arn(alarmName));
            for (JsonNode metric : root.path("Trigger").path("Metrics")) {
                for (JsonNode dimension : metric.path("MetricStat").path("Metric").path("Dimensions")) {
                    if ("StreamName".equals(dimension.path("name").asText())) {
                        ((ObjectNode) dimension).put("value", stream);
                    }
                }
            }
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
