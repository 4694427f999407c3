package dev.kinesisautoscaling.internal;

import dev.kinesisautoscaling.AutoScalingDefaults;
import dev.kinesisautoscaling.AutoScalingKinesisStreamProps;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.TimeConversionOptions;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * An {@link AutoScalingKinesisStreamProps} with its defaults applied and every rule checked.
 *
 * <p>Values that are unresolved tokens (CloudFormation parameters, for example) cannot be checked
 * at synthesis and are passed through.
 *
 * @param streamName the stream's name, or null for a generated one
 * @param shardCount the initial shard count
 * @param retentionPeriod how long records are kept
 * @param encryptionKey the customer managed key, or null for {@code aws/kinesis}
 * @param minShardCount the minimum shard count
 * @param maxShardCount the maximum shard count
 * @param scaleUpThreshold the scale-up threshold
 * @param scaleDownThreshold the scale-down threshold
 * @param periodSeconds the metric period in seconds
 * @param scaleUpEvaluationPeriods the scale-up alarm's evaluation periods
 * @param scaleUpDatapointsToAlarm the scale-up alarm's datapoints to alarm
 * @param scaleDownEvaluationPeriods the scale-down alarm's evaluation periods
 * @param scaleDownDatapointsToAlarm the scale-down alarm's datapoints to alarm
 * @param iteratorAgeBlockMinutes the iterator-age block in minutes, or null when off
 * @param dryRun whether decisions are only logged
 * @param consumerFunction the consumer function, or null
 * @param consumerConcurrencyPerShard reserved consumer concurrency per shard
 */
public record StreamSettings(
        String streamName,
        Number shardCount,
        Duration retentionPeriod,
        IKey encryptionKey,
        Number minShardCount,
        Number maxShardCount,
        Number scaleUpThreshold,
        Number scaleDownThreshold,
        Number periodSeconds,
        Number scaleUpEvaluationPeriods,
        Number scaleUpDatapointsToAlarm,
        Number scaleDownEvaluationPeriods,
        Number scaleDownDatapointsToAlarm,
        Number iteratorAgeBlockMinutes,
        boolean dryRun,
        IFunction consumerFunction,
        Number consumerConcurrencyPerShard) {

    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final int ONE_DAY_SECONDS = 86_400;

    /**
     * Applies the defaults and checks every rule, before any resource is defined.
     *
     * @param props the settings as given
     * @return the complete settings
     * @throws IllegalArgumentException naming the setting, its value and what is allowed
     */
    public static StreamSettings of(AutoScalingKinesisStreamProps props) {
        String streamName = props.getStreamName();
        if (streamName != null && isResolved(streamName) && !STREAM_NAME.matcher(streamName).matches()) {
            throw new IllegalArgumentException("streamName ('" + streamName
                    + "') must be 1 to 128 characters of a-z, A-Z, 0-9, _ . and -");
        }

        Number min = orDefault(props.getMinShardCount(), AutoScalingDefaults.MIN_SHARD_COUNT);
        Number max = orDefault(props.getMaxShardCount(), AutoScalingDefaults.MAX_SHARD_COUNT);
        requireWholeNumber("minShardCount", min);
        requireWholeNumber("maxShardCount", max);
        if (isResolved(min) && min.doubleValue() < 1) {
            throw new IllegalArgumentException("minShardCount (" + format(min) + ") must be at least 1");
        }
        if (isResolved(max) && max.doubleValue() > AutoScalingDefaults.MAX_SHARD_COUNT) {
            throw new IllegalArgumentException("maxShardCount (" + format(max) + ") must be at most 10000, "
                    + "Kinesis' limit per stream");
        }
        if (isResolved(min) && isResolved(max) && min.doubleValue() > max.doubleValue()) {
            throw new IllegalArgumentException("minShardCount (" + format(min) + ") must not exceed maxShardCount ("
                    + format(max) + ")");
        }
        Number shardCount = orDefault(props.getShardCount(), min);
        requireWholeNumber("shardCount", shardCount);
        if (isResolved(shardCount) && isResolved(min) && isResolved(max)
                && (shardCount.doubleValue() < min.doubleValue() || shardCount.doubleValue() > max.doubleValue())) {
            throw new IllegalArgumentException("shardCount (" + format(shardCount) + ") must be between minShardCount ("
                    + format(min) + ") and maxShardCount (" + format(max) + ")");
        }

        Number up = orDefault(props.getScaleUpThreshold(), AutoScalingDefaults.SCALE_UP_THRESHOLD);
        Number down = orDefault(props.getScaleDownThreshold(), AutoScalingDefaults.SCALE_DOWN_THRESHOLD);
        if (isResolved(down) && !(down.doubleValue() > 0)) {
            throw new IllegalArgumentException("scaleDownThreshold (" + format(down) + ") must be greater than 0");
        }
        if (isResolved(up) && !(up.doubleValue() <= 1)) {
            throw new IllegalArgumentException("scaleUpThreshold (" + format(up) + ") must be at most 1: "
                    + "a shard cannot use more than its whole capacity");
        }
        if (isResolved(up) && isResolved(down) && !(2 * down.doubleValue() < up.doubleValue())) {
            throw new IllegalArgumentException("scaleDownThreshold (" + format(down) + ") must be less than half of "
                    + "scaleUpThreshold (" + format(up) + "), or halving the stream pushes its usage over the "
                    + "scale-up threshold and it flaps");
        }

        Duration period = props.getMetricPeriod() != null
                ? props.getMetricPeriod() : Duration.seconds(AutoScalingDefaults.METRIC_PERIOD_SECONDS);
        Number periodSeconds = 60 * knownWholeMinutes("metricPeriod", period,
                "it is written into the alarms' metric math");
        Number upPeriods = orDefault(props.getScaleUpEvaluationPeriods(), AutoScalingDefaults.SCALE_UP_EVALUATION_PERIODS);
        Number upDatapoints = orDefault(props.getScaleUpDatapointsToAlarm(), AutoScalingDefaults.SCALE_UP_DATAPOINTS_TO_ALARM);
        Number downPeriods = orDefault(props.getScaleDownEvaluationPeriods(), AutoScalingDefaults.SCALE_DOWN_EVALUATION_PERIODS);
        Number downDatapoints = orDefault(props.getScaleDownDatapointsToAlarm(),
                AutoScalingDefaults.SCALE_DOWN_DATAPOINTS_TO_ALARM);
        checkEvaluation("scaleUp", upPeriods, upDatapoints, periodSeconds);
        checkEvaluation("scaleDown", downPeriods, downDatapoints, periodSeconds);

        Number blockMinutes = null;
        if (props.getIteratorAgeBlock() != null) {
            blockMinutes = knownWholeMinutes("iteratorAgeBlock", props.getIteratorAgeBlock(),
                    "it is written into the scale-down alarm's metric math");
        }

        Duration retention = props.getRetentionPeriod() != null
                ? props.getRetentionPeriod() : Duration.hours(AutoScalingDefaults.RETENTION_HOURS);
        if (!retention.isUnresolved()) {
            double retentionSeconds = retention.toSeconds(TimeConversionOptions.builder().integral(false).build())
                    .doubleValue();
            if (retentionSeconds % 3600 != 0) {
                throw new IllegalArgumentException("retentionPeriod (" + format(retentionSeconds) + " seconds) must be "
                        + "a whole number of hours");
            }
            double retentionHours = retentionSeconds / 3600;
            if (retentionHours < 24 || retentionHours > 8760) {
                throw new IllegalArgumentException("retentionPeriod (" + format(retentionHours) + " hours) must be from "
                        + "24 to 8760 hours");
            }
        }

        Number perShard = props.getConsumerConcurrencyPerShard();
        if (perShard != null && props.getConsumerFunction() == null) {
            throw new IllegalArgumentException("consumerConcurrencyPerShard (" + format(perShard) + ") needs "
                    + "consumerFunction: there is no consumer whose concurrency it sets");
        }
        perShard = orDefault(perShard, AutoScalingDefaults.CONSUMER_CONCURRENCY_PER_SHARD);
        requireWholeNumber("consumerConcurrencyPerShard", perShard);
        if (isResolved(perShard) && (perShard.doubleValue() < 1
                || perShard.doubleValue() > AutoScalingDefaults.MAX_CONSUMER_CONCURRENCY_PER_SHARD)) {
            throw new IllegalArgumentException("consumerConcurrencyPerShard (" + format(perShard) + ") must be from 1 to "
                    + AutoScalingDefaults.MAX_CONSUMER_CONCURRENCY_PER_SHARD);
        }

        boolean dryRun = Boolean.TRUE.equals(props.getDryRun());
        return new StreamSettings(streamName, shardCount, retention, props.getEncryptionKey(), min, max, up, down,
                periodSeconds, upPeriods, upDatapoints, downPeriods, downDatapoints, blockMinutes, dryRun,
                props.getConsumerFunction(), perShard);
    }

    /**
     * Whether the stream is known at synthesis to start at its minimum, where the scale-down alarm
     * must not fire.
     *
     * @return true when the initial shard count is the minimum: equal to it, or left at its
     *     default, which is the minimum itself even when that is a token
     */
    public boolean startsAtMinimum() {
        if (shardCount.equals(minShardCount)) {
            return true;
        }
        return isResolved(shardCount) && isResolved(minShardCount)
                && shardCount.doubleValue() <= minShardCount.doubleValue();
    }

    /** A duration's minutes, which must be known at synthesis, whole and at least one. */
    private static long knownWholeMinutes(String name, Duration duration, String why) {
        if (duration.isUnresolved()) {
            throw new IllegalArgumentException(name + " must be known at synthesis, not a token: " + why);
        }
        return wholeMinutes(name, duration);
    }

    /**
     * A duration's minutes, which must be whole and at least one.
     *
     * @param name the setting, for the message
     * @param duration a duration known at synthesis
     * @return its minutes
     * @throws IllegalArgumentException naming the setting and its seconds otherwise
     */
    public static long wholeMinutes(String name, Duration duration) {
        // Not integral: the default conversion throws a jsii error on a fraction of a second.
        double seconds = duration.toSeconds(TimeConversionOptions.builder().integral(false).build()).doubleValue();
        if (seconds < 60 || seconds % 60 != 0) {
            throw new IllegalArgumentException(name + " (" + format(seconds) + " seconds) must be a whole number of "
                    + "minutes, at least 1");
        }
        return (long) (seconds / 60);
    }

    private static void checkEvaluation(String alarm, Number periods, Number datapoints, Number periodSeconds) {
        String periodsName = alarm + "EvaluationPeriods";
        String datapointsName = alarm + "DatapointsToAlarm";
        requireWholeNumber(periodsName, periods);
        requireWholeNumber(datapointsName, datapoints);
        if (isResolved(periods) && periods.doubleValue() < 1) {
            throw new IllegalArgumentException(periodsName + " (" + format(periods) + ") must be at least 1");
        }
        if (isResolved(datapoints) && datapoints.doubleValue() < 1) {
            throw new IllegalArgumentException(datapointsName + " (" + format(datapoints) + ") must be at least 1");
        }
        if (isResolved(periods) && isResolved(datapoints) && datapoints.doubleValue() > periods.doubleValue()) {
            throw new IllegalArgumentException(datapointsName + " (" + format(datapoints) + ") must not exceed "
                    + periodsName + " (" + format(periods) + ")");
        }
        if (isResolved(periods) && isResolved(periodSeconds)
                && periods.doubleValue() * periodSeconds.doubleValue() > ONE_DAY_SECONDS) {
            throw new IllegalArgumentException("metricPeriod (" + format(periodSeconds) + " seconds) x " + periodsName
                    + " (" + format(periods) + ") is " + format(periods.doubleValue() * periodSeconds.doubleValue())
                    + " seconds; an alarm can look back at most 86400 seconds (one day)");
        }
    }

    private static void requireWholeNumber(String name, Number value) {
        if (isResolved(value) && value.doubleValue() != Math.rint(value.doubleValue())) {
            throw new IllegalArgumentException(name + " (" + format(value) + ") must be a whole number");
        }
    }

    private static Number orDefault(Number value, Number defaultValue) {
        return value != null ? value : defaultValue;
    }

    /**
     * Whether a value is known at synthesis.
     *
     * @param value a number, string or other value
     * @return false for an unresolved token
     */
    public static boolean isResolved(Object value) {
        return !Token.isUnresolved(value);
    }

    /**
     * A number as the template's text: a token stays a token, anything else is written as people
     * write it.
     *
     * @param value the number, possibly a token
     * @return its text
     */
    public static String templateText(Number value) {
        return isResolved(value) ? format(value) : Token.asString(value);
    }

    /**
     * A number as people write it: no {@code .0} on whole numbers.
     *
     * @param value the number
     * @return its text
     */
    public static String format(Number value) {
        double d = value.doubleValue();
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
