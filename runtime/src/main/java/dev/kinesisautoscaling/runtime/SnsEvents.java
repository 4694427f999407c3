package dev.kinesisautoscaling.runtime;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an SNS event from its JSON the way the Lambda runtime would, keeping only what the
 * scaling function uses and leaving anything malformed for the handler to report.
 */
final class SnsEvents {

    private SnsEvents() {
    }

    static SNSEvent fromJson(JsonNode event) {
        SNSEvent sns = new SNSEvent();
        JsonNode records = event == null ? null : event.get("Records");
        if (records == null || !records.isArray()) {
            return sns;
        }
        List<SNSEvent.SNSRecord> list = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.isObject()) {
                list.add(null);
                continue;
            }
            SNSEvent.SNSRecord snsRecord = new SNSEvent.SNSRecord()
                    .withEventSource(text(record, "EventSource"))
                    .withEventVersion(text(record, "EventVersion"))
                    .withEventSubscriptionArn(text(record, "EventSubscriptionArn"));
            JsonNode body = record.get("Sns");
            if (body != null && body.isObject()) {
                snsRecord.setSns(new SNSEvent.SNS()
                        .withType(text(body, "Type"))
                        .withMessageId(text(body, "MessageId"))
                        .withTopicArn(text(body, "TopicArn"))
                        .withSubject(text(body, "Subject"))
                        .withMessage(text(body, "Message")));
            }
            list.add(snsRecord);
        }
        sns.setRecords(list);
        return sns;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
