package dev.kinesisautoscaling;

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
    /** Days the scaling function's log group keeps its decision lines. */
    public static final int LOG_RETENTION_DAYS = 365;
    /** Memory of the scaling function, in MiB. */
    public static final int SCALER_MEMORY_MIB = 512;
    /** Timeout of the scaling function, in seconds. */
    public static final int SCALER_TIMEOUT_SECONDS = 60;
    /** Minutes between two reconciliations of every alarm pair with its stream. */
    public static final int RECONCILIATION_INTERVAL_MINUTES = 15;
    /** Days a failed scaling event is kept in the dead-letter queue. */
    public static final int DEAD_LETTER_RETENTION_DAYS = 14;

    private AutoScalingDefaults() {
    }
}
