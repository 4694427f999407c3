package dev.kinesisautoscaling;

import software.amazon.awscdk.Duration;
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
    private final Boolean reconciliationEnabled;
    private final Duration reconciliationInterval;

    private KinesisStreamScalerProps(Builder builder) {
        this.logRetention = builder.logRetention;
        this.logLevel = builder.logLevel;
        this.alarmTopic = builder.alarmTopic;
        this.reconciliationEnabled = builder.reconciliationEnabled;
        this.reconciliationInterval = builder.reconciliationInterval;
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

    /**
     * Whether a schedule has the scaling function compare every alarm pair with its stream and
     * repair any drift (alarms reset by a stack update, a stream resharded by hand, a scaling
     * interrupted half-way, a lost notification), without scaling.
     *
     * <p>Default: - true
     *
     * @return the setting, or null for the default
     */
    public Boolean getReconciliationEnabled() {
        return reconciliationEnabled;
    }

    /**
     * How often every alarm pair is compared with its stream: whole minutes, at least one. A token
     * (a CloudFormation parameter, for example) must be {@code Duration.minutes}, {@code hours} or
     * {@code days} of more than 1: the rate is written with the plural unit, which EventBridge
     * refuses for a count of 1.
     *
     * <p>Default: - 15 minutes
     *
     * @return the setting, or null for the default
     */
    public Duration getReconciliationInterval() {
        return reconciliationInterval;
    }

    /** Builds {@link KinesisStreamScalerProps}. */
    public static final class Builder {
        private RetentionDays logRetention;
        private ApplicationLogLevel logLevel;
        private ITopic alarmTopic;
        private Boolean reconciliationEnabled;
        private Duration reconciliationInterval;

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
         * Whether a schedule has the scaling function compare every alarm pair with its stream and
         * repair any drift, without scaling.
         *
         * <p>Default: - true
         *
         * @param reconciliationEnabled the setting
         * @return this builder
         */
        public Builder reconciliationEnabled(Boolean reconciliationEnabled) {
            this.reconciliationEnabled = reconciliationEnabled;
            return this;
        }

        /**
         * How often every alarm pair is compared with its stream: whole minutes, at least one. A token
         * (a CloudFormation parameter, for example) must be {@code Duration.minutes}, {@code hours} or
         * {@code days} of more than 1: the rate is written with the plural unit, which EventBridge
         * refuses for a count of 1.
         *
         * <p>Default: - 15 minutes
         *
         * @param reconciliationInterval the setting
         * @return this builder
         */
        public Builder reconciliationInterval(Duration reconciliationInterval) {
            this.reconciliationInterval = reconciliationInterval;
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
