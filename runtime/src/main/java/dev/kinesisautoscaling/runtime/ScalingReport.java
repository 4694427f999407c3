package dev.kinesisautoscaling.runtime;

import dev.kinesisautoscaling.runtime.scaling.Decision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one invocation decided, record by record: the function's return value.
 *
 * <p>A plain bean rather than a record, so that the Lambda runtime's serializer writes it.
 */
public final class ScalingReport {

    /** One record's result. */
    public static final class RecordResult {
        private final String messageId;
        private final String streamName;
        private final String outcome;
        private final String reason;

        RecordResult(Decision decision) {
            this.messageId = decision.messageId();
            this.streamName = decision.streamName();
            this.outcome = decision.outcome().name();
            this.reason = decision.reason();
        }

        /**
         * The SNS message id.
         *
         * @return the id
         */
        public String getMessageId() {
            return messageId;
        }

        /**
         * The stream, when known.
         *
         * @return the stream's name or null
         */
        public String getStreamName() {
            return streamName;
        }

        /**
         * What was done.
         *
         * @return the outcome's name
         */
        public String getOutcome() {
            return outcome;
        }

        /**
         * Why.
         *
         * @return the reason
         */
        public String getReason() {
            return reason;
        }
    }

    private final List<RecordResult> records = new ArrayList<>();

    void add(Decision decision) {
        records.add(new RecordResult(decision));
    }

    /**
     * Each record's result, in the order of the event.
     *
     * @return the results
     */
    public List<RecordResult> getRecords() {
        return Collections.unmodifiableList(records);
    }
}
