package dev.kinesisautoscaling.runtime.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Lambda decided for one notification and why: the content of its decision log line.
 *
 * @param messageId the SNS message id
 * @param streamName the stream, when known
 * @param alarmName the alarm that notified, when known
 * @param action the direction the alarm asks for, when known
 * @param currentShardCount the stream's open shard count, when read
 * @param targetShardCount the shard count decided on, when decided
 * @param outcome what was done
 * @param reason why, in words
 * @param dryRun whether the alarm pair is in dry-run mode
 * @param details further facts: alarm changes made or planned, the budget, consumer concurrency
 * @param extraMetrics names of further count metrics this decision raises
 */
public record Decision(
        String messageId,
        String streamName,
        String alarmName,
        ScaleAction action,
        Integer currentShardCount,
        Integer targetShardCount,
        Outcome outcome,
        String reason,
        boolean dryRun,
        Map<String, Object> details,
        List<String> extraMetrics) {

    /**
     * Copies the collections.
     *
     * @param messageId the SNS message id
     * @param streamName the stream, when known
     * @param alarmName the alarm that notified, when known
     * @param action the direction the alarm asks for, when known
     * @param currentShardCount the stream's open shard count, when read
     * @param targetShardCount the shard count decided on, when decided
     * @param outcome what was done
     * @param reason why, in words
     * @param dryRun whether the alarm pair is in dry-run mode
     * @param details further facts
     * @param extraMetrics names of further count metrics
     */
    public Decision {
        details = Map.copyOf(details);
        extraMetrics = List.copyOf(extraMetrics);
    }

    /**
     * Starts a decision about one SNS message.
     *
     * @param messageId the SNS message id
     * @return a builder
     */
    public static Builder forMessage(String messageId) {
        return new Builder(messageId);
    }

    /** Collects a decision's facts as they become known. */
    public static final class Builder {
        private final String messageId;
        private String streamName;
        private String alarmName;
        private ScaleAction action;
        private Integer currentShardCount;
        private Integer targetShardCount;
        private boolean dryRun;
        private final Map<String, Object> details = new LinkedHashMap<>();
        private final List<String> extraMetrics = new ArrayList<>();

        private Builder(String messageId) {
            this.messageId = messageId;
        }

        /**
         * Records the alarm that notified.
         *
         * @param stream the stream
         * @param alarm the alarm's name
         * @param scaleAction the direction
         * @return this builder
         */
        public Builder alarm(String stream, String alarm, ScaleAction scaleAction) {
            this.streamName = stream;
            this.alarmName = alarm;
            this.action = scaleAction;
            return this;
        }

        /**
         * Records the stream's open shard count.
         *
         * @param shards the count
         * @return this builder
         */
        public Builder current(int shards) {
            this.currentShardCount = shards;
            return this;
        }

        /**
         * Records the shard count decided on.
         *
         * @param shards the count
         * @return this builder
         */
        public Builder target(int shards) {
            this.targetShardCount = shards;
            return this;
        }

        /**
         * Records whether the pair is in dry-run mode.
         *
         * @param value the mode
         * @return this builder
         */
        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        /**
         * Adds a fact to the log line.
         *
         * @param key the field name
         * @param value the value: a string, number, boolean, list or map
         * @return this builder
         */
        public Builder detail(String key, Object value) {
            details.put(key, value);
            return this;
        }

        /**
         * Counts a further metric for this decision.
         *
         * @param metricName the metric's name
         * @return this builder
         */
        public Builder metric(String metricName) {
            extraMetrics.add(metricName);
            return this;
        }

        /**
         * Ends the decision.
         *
         * @param outcome what was done
         * @param reason why
         * @return the decision
         */
        public Decision build(Outcome outcome, String reason) {
            return new Decision(messageId, streamName, alarmName, action, currentShardCount, targetShardCount,
                    outcome, reason, dryRun, details, extraMetrics);
        }
    }
}
