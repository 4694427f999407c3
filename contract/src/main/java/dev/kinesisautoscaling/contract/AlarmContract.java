package dev.kinesisautoscaling.contract;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The names that the construct writes onto the alarm pair and the scaling Lambda reads back.
 *
 * <p>Per-stream policy lives on the alarms, not in the Lambda's environment, so that one scaling
 * Lambda can serve many streams with different policies. Every name here is a public contract:
 * renaming one breaks alarms that are already deployed.
 */
public final class AlarmContract {

    /** Suffix of the scale-up alarm's name: {@code <stream>-scale-up}. */
    public static final String SCALE_UP_SUFFIX = "-scale-up";
    /** Suffix of the scale-down alarm's name: {@code <stream>-scale-down}. */
    public static final String SCALE_DOWN_SUFFIX = "-scale-down";

    /** Tag holding {@code Up} or {@code Down}. */
    public static final String TAG_SCALE_ACTION = "ScaleAction";
    /** Tag holding the name of the other alarm of the pair (spelling kept from the reference design). */
    public static final String TAG_COMPLEMENTARY_ALARM = "ComplimentaryAlarm";
    /** Tag holding the minimum shard count; missing means {@value #DEFAULT_MIN_SHARD_COUNT}. */
    public static final String TAG_MIN_SHARD_COUNT = "MinShardCount";
    /** Tag holding the maximum shard count; missing means {@value #DEFAULT_MAX_SHARD_COUNT}. */
    public static final String TAG_MAX_SHARD_COUNT = "MaxShardCount";
    /** Tag holding the configured scale-down threshold, restored when the stream leaves its minimum. */
    public static final String TAG_SCALE_DOWN_THRESHOLD = "ScaleDownThreshold";
    /** Tag holding {@code true} or {@code false}; missing means {@code false}. */
    public static final String TAG_DRY_RUN = "DryRun";
    /** Optional tag: ARN of a consumer function whose reserved concurrency follows the shard count. */
    public static final String TAG_CONSUMER_FUNCTION_ARN = "ConsumerFunctionArn";
    /** Optional tag: reserved concurrency per shard for the consumer function; missing means 1. */
    public static final String TAG_CONSUMER_CONCURRENCY_PER_SHARD = "ConsumerConcurrencyPerShard";
    /** Tag written by the Lambda: when it last rewrote the pair for a new shard count. */
    public static final String TAG_LAST_SCALED_TIMESTAMP = "LastScaledTimestamp";
    /** Tag written by the Lambda: its {@code UpdateShardCount} calls of the last 24 hours. */
    public static final String TAG_RECENT_SCALING_CALLS = "RecentScalingCalls";
    /** Tag written by the Lambda: when Kinesis last refused an {@code UpdateShardCount} with a limit. */
    public static final String TAG_LIMIT_EXCEEDED_TIMESTAMP = "LimitExceededTimestamp";

    /** {@code ScaleAction} tag value of the scale-up alarm. */
    public static final String SCALE_ACTION_UP = "Up";
    /** {@code ScaleAction} tag value of the scale-down alarm. */
    public static final String SCALE_ACTION_DOWN = "Down";

    /** Minimum shard count assumed when the tag is missing. */
    public static final int DEFAULT_MIN_SHARD_COUNT = 1;
    /** Maximum shard count assumed when the tag is missing: Kinesis' own per-stream maximum. */
    public static final int DEFAULT_MAX_SHARD_COUNT = 10_000;
    /** Reserved consumer concurrency per shard assumed when the tag is missing. */
    public static final int DEFAULT_CONSUMER_CONCURRENCY_PER_SHARD = 1;

    /** Metric-math id of the constant holding the shard count the alarm was computed for. */
    public static final String SHARD_COUNT_METRIC_ID = "s1";
    /** Metric-math id of the constant holding the iterator-age block in minutes. */
    public static final String ITERATOR_AGE_BLOCK_METRIC_ID = "s2";
    /** Metric-math id of the sum of incoming bytes. */
    public static final String INCOMING_BYTES_METRIC_ID = "m1";
    /** Metric-math id of the sum of incoming records. */
    public static final String INCOMING_RECORDS_METRIC_ID = "m2";
    /** Metric-math id of the maximum consumer iterator age. */
    public static final String ITERATOR_AGE_METRIC_ID = "m3";

    /**
     * Scale-down threshold that a usage ratio can never go below, set while the stream is at its
     * minimum so that the scale-down alarm cannot fire.
     */
    public static final double UNREACHABLE_SCALE_DOWN_THRESHOLD = -1.0;

    /** Pattern of {@code LastScaledTimestamp}, the same one CloudWatch uses for {@code StateChangeTime}. */
    public static final String TIMESTAMP_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSZ";

    /** Formatter and parser of {@link #TIMESTAMP_PATTERN}, always in UTC. */
    public static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern(TIMESTAMP_PATTERN).withZone(ZoneOffset.UTC);

    private AlarmContract() {
    }
}
