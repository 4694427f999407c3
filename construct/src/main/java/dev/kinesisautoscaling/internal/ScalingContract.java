package dev.kinesisautoscaling.internal;

/**
 * The names the construct writes onto the alarm pair and the scaling function reads back. They
 * must equal the runtime's {@code AlarmContract} and {@code MetricContract}; a contract test
 * compares both.
 */
public final class ScalingContract {

    /** Suffix of the scale-up alarm's name. */
    public static final String SCALE_UP_SUFFIX = "-scale-up";
    /** Suffix of the scale-down alarm's name. */
    public static final String SCALE_DOWN_SUFFIX = "-scale-down";

    /** Tag holding {@code Up} or {@code Down}. */
    public static final String TAG_SCALE_ACTION = "ScaleAction";
    /** Tag holding the name of the other alarm of the pair. */
    public static final String TAG_COMPLEMENTARY_ALARM = "ComplimentaryAlarm";
    /** Tag holding the minimum shard count. */
    public static final String TAG_MIN_SHARD_COUNT = "MinShardCount";
    /** Tag holding the maximum shard count. */
    public static final String TAG_MAX_SHARD_COUNT = "MaxShardCount";
    /** Tag holding the configured scale-down threshold. */
    public static final String TAG_SCALE_DOWN_THRESHOLD = "ScaleDownThreshold";
    /** Tag holding {@code true} or {@code false}. */
    public static final String TAG_DRY_RUN = "DryRun";
    /** Tag holding the consumer function's ARN. */
    public static final String TAG_CONSUMER_FUNCTION_ARN = "ConsumerFunctionArn";
    /** Tag holding the consumer's reserved concurrency per shard. */
    public static final String TAG_CONSUMER_CONCURRENCY_PER_SHARD = "ConsumerConcurrencyPerShard";

    /** {@code ScaleAction} value of the scale-up alarm. */
    public static final String SCALE_ACTION_UP = "Up";
    /** {@code ScaleAction} value of the scale-down alarm. */
    public static final String SCALE_ACTION_DOWN = "Down";

    /** Metric-math id of the shard count constant. */
    public static final String SHARD_COUNT_METRIC_ID = "s1";
    /** Metric-math id of the iterator-age block constant. */
    public static final String ITERATOR_AGE_BLOCK_METRIC_ID = "s2";
    /** Metric-math id of the incoming bytes. */
    public static final String INCOMING_BYTES_METRIC_ID = "m1";
    /** Metric-math id of the incoming records. */
    public static final String INCOMING_RECORDS_METRIC_ID = "m2";
    /** Metric-math id of the consumers' iterator age. */
    public static final String ITERATOR_AGE_METRIC_ID = "m3";

    /** Scale-down threshold at the minimum shard count, which usage never goes below. */
    public static final double UNREACHABLE_SCALE_DOWN_THRESHOLD = -1.0;

    /** Namespace of the scaling function's metrics. */
    public static final String METRIC_NAMESPACE = "KinesisAutoScaling";
    /** Dimension naming the scaling function. */
    public static final String FUNCTION_NAME_DIMENSION = "FunctionName";
    /** Metric counting records that failed on an AWS call. */
    public static final String SCALING_FAILURES = "ScalingFailures";
    /** Metric counting records that were not usable notifications. */
    public static final String INVALID_NOTIFICATIONS = "InvalidNotifications";
    /** Metric counting alarm pairs that could not be acted on. */
    public static final String INVALID_CONFIGURATIONS = "InvalidConfigurations";
    /** Metric counting calls Kinesis refused with a limit. */
    public static final String SCALING_LIMIT_EXCEEDED = "ScalingLimitExceeded";
    /** Metric counting consumer reservations Lambda refused. */
    public static final String CONSUMER_CONCURRENCY_FALLBACKS = "ConsumerConcurrencyFallbacks";

    /** The scaling function's handler class, named by string so that users need no Lambda libraries. */
    public static final String HANDLER = "dev.kinesisautoscaling.runtime.ScalingHandler";
    /** The handler's method that takes both the alarms' SNS events and the reconciliation requests. */
    public static final String HANDLER_METHOD = "handleEvent";

    private ScalingContract() {
    }
}
