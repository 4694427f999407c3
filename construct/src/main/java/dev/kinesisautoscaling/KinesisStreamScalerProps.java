package dev.kinesisautoscaling;

import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * The settings of a {@link KinesisStreamScaler}. Every setting is optional.
 *
 * <p>Immutable; build it with {@link #builder()}.
 */
public final class KinesisStreamScalerProps {

    private final RetentionDays logRetention;
    private final ApplicationLogLevel logLevel;
    private final ITopic alarmTopic;

    private KinesisStreamScalerProps(Builder builder) {
        this.logRetention = builder.logRetention;
        this.logLevel = builder.logLevel;
        this.alarmTopic = builder.alarmTopic;
    }

    /**
     * Starts the settings.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How long the scaling function's log group keeps its decision lines.
     *
     * <p>Default: - one year
     *
     * @return the setting, or null for the default
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * The lowest level of the scaling function's diagnostic lines; its decision lines, which carry
     * the metrics, are always written.
     *
     * <p>Default: - INFO
     *
     * @return the setting, or null for the default
     */
    public ApplicationLogLevel getLogLevel() {
        return logLevel;
    }

    /**
     * A topic that the failure alarm notifies, for an operator.
     *
     * <p>Default: - the failure alarm has no action
     *
     * @return the setting, or null for the default
     */
    public ITopic getAlarmTopic() {
        return alarmTopic;
    }

    /** Builds {@link KinesisStreamScalerProps}. */
    public static final class Builder {
        private RetentionDays logRetention;
        private ApplicationLogLevel logLevel;
        private ITopic alarmTopic;

        private Builder() {
        }

        /**
         * How long the scaling function's log group keeps its decision lines.
         *
         * <p>Default: - one year
         *
         * @param logRetention the setting
         * @return this builder
         */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        /**
         * The lowest level of the scaling function's diagnostic lines.
         *
         * <p>Default: - INFO
         *
         * @param logLevel the setting
         * @return this builder
         */
        public Builder logLevel(ApplicationLogLevel logLevel) {
            this.logLevel = logLevel;
            return this;
        }

        /**
         * A topic that the failure alarm notifies, for an operator.
         *
         * <p>Default: - the failure alarm has no action
         *
         * @param alarmTopic the setting
         * @return this builder
         */
        public Builder alarmTopic(ITopic alarmTopic) {
            this.alarmTopic = alarmTopic;
            return this;
        }

        /**
         * Ends the settings.
         *
         * @return the settings
         */
        public KinesisStreamScalerProps build() {
            return new KinesisStreamScalerProps(this);
        }
    }
}
