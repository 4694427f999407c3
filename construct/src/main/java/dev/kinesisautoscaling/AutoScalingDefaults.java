package dev.kinesisautoscaling;

import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The defaults of {@link AutoScalingKinesisStreamProps} and {@link KinesisStreamScalerProps}, in one
 * place that the constructs, their tests and the README all use.
 */
public final class AutoScalingDefaults {

    /** Lowest shard count a scale-down may reach. */
    public static final int MIN_SHARD_COUNT = 1;
    /** Highest shard count a scale-up may reach: Kinesis' own limit per stream. */
    public static final int MAX_SHARD_COUNT = 10_000;
    /** Share of the shards' write capacity in use at which the stream doubles. */
    public static final double SCALE_UP_THRESHOLD = 0.75;
    /** Share of the shards' write capacity in use below which the stream halves. */
    public static final double SCALE_DOWN_THRESHOLD = 0.25;
    /** Period of the alarms' metrics, in seconds. */
    public static final int METRIC_PERIOD_SECONDS = 300;
    /** Periods the scale-up alarm looks at. */
    public static final int SCALE_UP_EVALUATION_PERIODS = 5;
    /** Periods of {@link #SCALE_UP_EVALUATION_PERIODS} that must breach to scale up. */
    public static final int SCALE_UP_DATAPOINTS_TO_ALARM = 5;
    /** Periods the scale-down alarm looks at. */
    public static final int SCALE_DOWN_EVALUATION_PERIODS = 60;
    /** Periods of {@link #SCALE_DOWN_EVALUATION_PERIODS} that must breach to scale down. */
    public static final int SCALE_DOWN_DATAPOINTS_TO_ALARM = 57;
    /** How long the stream keeps records, in hours. */
    public static final int RETENTION_HOURS = 24;
    /** Reserved consumer concurrency per shard. */
    public static final int CONSUMER_CONCURRENCY_PER_SHARD = 1;
    /** Highest reserved consumer concurrency per shard the scaling function accepts. */
    public static final int MAX_CONSUMER_CONCURRENCY_PER_SHARD = 1000;
    /** How long the scaling function's log group keeps its decision lines. */
    public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_YEAR;
    /** Lowest level of the scaling function's diagnostic lines. */
    public static final ApplicationLogLevel LOG_LEVEL = ApplicationLogLevel.INFO;
    /** Whether a schedule repairs alarm pairs that drifted from their streams. */
    public static final boolean RECONCILIATION_ENABLED = true;
    /** Memory of the scaling function, in MiB. */
    public static final int SCALER_MEMORY_MIB = 512;
    /** Attempts of each AWS call of the scaling function, the first included. */
    public static final int API_MAX_ATTEMPTS = 3;
    /** Time one attempt of an AWS call of the scaling function may take, in milliseconds. */
    public static final int API_CALL_ATTEMPT_TIMEOUT_MILLIS = 3_000;
    /** Time an AWS call of the scaling function may take over all its attempts, in milliseconds. */
    public static final int API_CALL_TIMEOUT_MILLIS = 10_000;
    /**
     * Timeout of the scaling function, in seconds: above the 141 seconds a record may take when
     * each of its 14 calls takes the whole call timeout, so that no record is cut off.
     */
    public static final int SCALER_TIMEOUT_SECONDS = 180;
    /** Minutes between two reconciliations of every alarm pair with its stream. */
    public static final int RECONCILIATION_INTERVAL_MINUTES = 15;
    /** Days a failed scaling event is kept in the dead-letter queue. */
    public static final int DEAD_LETTER_RETENTION_DAYS = 14;

    private AutoScalingDefaults() {
    }
}
