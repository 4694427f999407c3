package dev.kinesisautoscaling.internal;

/**
 * The names the construct writes onto the alarm pair and the scaling function reads back. They
 * must equal the runtime's {@code AlarmContract} and {@code MetricContract}; a contract test
 * compares both.
 */
public final class ScalingContract {

    public static final String SCALE_UP_SUFFIX = "-scale-up";
    public static final String SCALE_DOWN_SUFFIX = "-scale-down";

    public static final String TAG_SCALE_ACTION = "ScaleAction";
    public static final String TAG_COMPLEMENTARY_ALARM = "ComplimentaryAlarm";
    public static final String TAG_MIN_SHARD_COUNT = "MinShardCount";
    public static final String TAG_MAX_SHARD_COUNT = "MaxShardCount";
    public static final String TAG_SCALE_DOWN_THRESHOLD = "ScaleDownThreshold";
    public static final String TAG_DRY_RUN = "DryRun";
    public static final String TAG_CONSUMER_FUNCTION_ARN = "ConsumerFunctionArn";
    public static final String TAG_CONSUMER_CONCURRENCY_PER_SHARD = "ConsumerConcurrencyPerShard";

    public static final String SCALE_ACTION_UP = "Up";
    public static final String SCALE_ACTION_DOWN = "Down";

    public static final String SHARD_COUNT_METRIC_ID = "s1";
    public static final String ITERATOR_AGE_BLOCK_METRIC_ID = "s2";
    public static final String INCOMING_BYTES_METRIC_ID = "m1";
    public static final String INCOMING_RECORDS_METRIC_ID = "m2";
    public static final String ITERATOR_AGE_METRIC_ID = "m3";

    public static final double UNREACHABLE_SCALE_DOWN_THRESHOLD = -1.0;

    public static final String METRIC_NAMESPACE = "KinesisAutoScaling";
    public static final String FUNCTION_NAME_DIMENSION = "FunctionName";
    public static final String SCALING_FAILURES = "ScalingFailures";
    public static final String INVALID_NOTIFICATIONS = "InvalidNotifications";
    public static final String INVALID_CONFIGURATIONS = "InvalidConfigurations";

    /** The scaling function's handler class, named by string so that users need no Lambda libraries. */
    public static final String HANDLER = "dev.kinesisautoscaling.runtime.ScalingHandler";
    /** The handler's method that takes both the alarms' SNS events and the reconciliation requests. */
    public static final String HANDLER_METHOD = "handleEvent";

    private ScalingContract() {
    }
}
