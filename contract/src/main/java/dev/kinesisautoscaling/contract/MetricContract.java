package dev.kinesisautoscaling.contract;

/**
 * The names of the metrics the scaling Lambda publishes as embedded-metric-format log lines, which
 * the construct's alarms and dashboards read.
 */
public final class MetricContract {

    /** The namespace of every metric of the library; never an {@code AWS/} one. */
    public static final String NAMESPACE = "KinesisAutoScaling";
    /** Dimension naming the stream a decision was about. */
    public static final String STREAM_NAME_DIMENSION = "StreamName";
    /** Dimension naming the scaling function, present on every metric. */
    public static final String FUNCTION_NAME_DIMENSION = "FunctionName";

    /** Count of notifications whose handling failed on an AWS call. */
    public static final String SCALING_FAILURES = "ScalingFailures";
    /** Count of SNS records that were not usable alarm notifications. */
    public static final String INVALID_NOTIFICATIONS = "InvalidNotifications";
    /** Count of notifications whose alarm pair could not be acted on. */
    public static final String INVALID_CONFIGURATIONS = "InvalidConfigurations";
    /** Count of consumer reservations that were refused and removed. */
    public static final String CONSUMER_CONCURRENCY_FALLBACKS = "ConsumerConcurrencyFallbacks";
    /** Count of {@code UpdateShardCount} calls Kinesis refused with {@code LimitExceededException}. */
    public static final String SCALING_LIMIT_EXCEEDED = "ScalingLimitExceeded";
    /** Count of alarms reconciliation reset because their notification was lost. */
    public static final String STUCK_ALARMS_REDRIVEN = "StuckAlarmsRedriven";

    private MetricContract() {
    }
}
