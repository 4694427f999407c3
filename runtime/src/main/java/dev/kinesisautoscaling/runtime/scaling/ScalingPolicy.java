package dev.kinesisautoscaling.runtime.scaling;

import static dev.kinesisautoscaling.contract.AlarmContract.DEFAULT_CONSUMER_CONCURRENCY_PER_SHARD;
import static dev.kinesisautoscaling.contract.AlarmContract.DEFAULT_MAX_SHARD_COUNT;
import static dev.kinesisautoscaling.contract.AlarmContract.DEFAULT_MIN_SHARD_COUNT;
import static dev.kinesisautoscaling.contract.AlarmContract.TAG_COMPLEMENTARY_ALARM;
import static dev.kinesisautoscaling.contract.AlarmContract.TAG_CONSUMER_CONCURRENCY_PER_SHARD;
import static dev.kinesisautoscaling.contract.AlarmContract.TAG_CONSUMER_FUNCTION_ARN;
import static dev.kinesisautoscaling.contract.AlarmContract.TAG_DRY_RUN;
import static dev.kinesisautoscaling.contract.AlarmContract.TAG_MAX_SHARD_COUNT;
import static dev.kinesisautoscaling.contract.AlarmContract.TAG_MIN_SHARD_COUNT;
import static dev.kinesisautoscaling.contract.AlarmContract.TAG_SCALE_ACTION;
import static dev.kinesisautoscaling.contract.AlarmContract.TAG_SCALE_DOWN_THRESHOLD;

import java.util.Map;
import java.util.Optional;

/**
 * A stream's scaling policy, as the construct wrote it onto the tags of its alarm pair.
 *
 * @param action the direction of the alarm the policy was read from
 * @param alarmName the name of the alarm the policy was read from
 * @param complementaryAlarmName the name of the other alarm of the pair
 * @param minShardCount the lowest shard count a scale-down may reach
 * @param maxShardCount the highest shard count a scale-up may reach
 * @param scaleDownThreshold the configured scale-down threshold, restored when leaving the minimum
 * @param dryRun whether decisions are only logged
 * @param consumer the consumer function whose reserved concurrency follows the shard count, if any
 */
public record ScalingPolicy(
        ScaleAction action,
        String alarmName,
        String complementaryAlarmName,
        int minShardCount,
        int maxShardCount,
        double scaleDownThreshold,
        boolean dryRun,
        Optional<ConsumerConcurrency> consumer) {

    /**
     * The name of the pair's scale-up alarm.
     *
     * @return the alarm name
     */
    public String scaleUpAlarmName() {
        return action == ScaleAction.UP ? alarmName : complementaryAlarmName;
    }

    /**
     * The name of the pair's scale-down alarm.
     *
     * @return the alarm name
     */
    public String scaleDownAlarmName() {
        return action == ScaleAction.DOWN ? alarmName : complementaryAlarmName;
    }

    /**
     * The scale-down alarm's threshold for a shard count: unreachable at or below the minimum, the
     * configured one above it.
     *
     * @param shards the shard count the alarm is computed for
     * @return the threshold the scale-down alarm should have
     */
    public double scaleDownThresholdAt(int shards) {
        return ShardCounts.scaleDownThreshold(shards, minShardCount, scaleDownThreshold);
    }

    /**
     * Reads the policy from an alarm's tags, checking every value.
     *
     * @param alarmName the alarm's name
     * @param nameAction the direction the alarm's name ends in
     * @param tags the alarm's tags
     * @return the policy
     * @throws AlarmConfigurationException when a tag is missing, malformed or contradicts another
     */
    public static ScalingPolicy fromTags(String alarmName, ScaleAction nameAction, Map<String, String> tags) {
        String actionTag = tags.get(TAG_SCALE_ACTION);
        if (actionTag != null) {
            ScaleAction tagAction = ScaleAction.fromTagValue(actionTag).orElseThrow(() -> invalid(alarmName,
                    TAG_SCALE_ACTION, actionTag, "Up or Down"));
            if (tagAction != nameAction) {
                throw invalid(alarmName, TAG_SCALE_ACTION, actionTag,
                        nameAction.tagValue() + ", as the alarm's name ends in " + nameAction.alarmSuffix());
            }
        }
        String complementary = tags.get(TAG_COMPLEMENTARY_ALARM);
        if (complementary == null) {
            String stem = alarmName.substring(0, alarmName.length() - nameAction.alarmSuffix().length());
            complementary = stem + nameAction.opposite().alarmSuffix();
        } else if (!complementary.endsWith(nameAction.opposite().alarmSuffix())) {
            throw invalid(alarmName, TAG_COMPLEMENTARY_ALARM, complementary,
                    "the name of an alarm ending in " + nameAction.opposite().alarmSuffix());
        }
        int min = intTag(alarmName, tags, TAG_MIN_SHARD_COUNT, DEFAULT_MIN_SHARD_COUNT);
        int max = intTag(alarmName, tags, TAG_MAX_SHARD_COUNT, DEFAULT_MAX_SHARD_COUNT);
        if (min < 1 || min > DEFAULT_MAX_SHARD_COUNT) {
            throw invalid(alarmName, TAG_MIN_SHARD_COUNT, String.valueOf(min), "an integer from 1 to 10000");
        }
        if (max < min || max > DEFAULT_MAX_SHARD_COUNT) {
            throw invalid(alarmName, TAG_MAX_SHARD_COUNT, String.valueOf(max),
                    "an integer from " + TAG_MIN_SHARD_COUNT + " (" + min + ") to 10000");
        }
        double down = scaleDownThreshold(alarmName, tags);
        boolean dryRun = booleanTag(alarmName, tags, TAG_DRY_RUN);
        Optional<ConsumerConcurrency> consumer = consumer(alarmName, tags);
        return new ScalingPolicy(nameAction, alarmName, complementary, min, max, down, dryRun, consumer);
    }

    private static double scaleDownThreshold(String alarmName, Map<String, String> tags) {
        String value = tags.get(TAG_SCALE_DOWN_THRESHOLD);
        if (value == null) {
            throw new AlarmConfigurationException("alarm " + alarmName + " has no " + TAG_SCALE_DOWN_THRESHOLD
                    + " tag: it is needed to restore the scale-down threshold when the stream leaves its minimum");
        }
        double down;
        try {
            down = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(alarmName, TAG_SCALE_DOWN_THRESHOLD, value, "a number greater than 0 and less than 0.5");
        }
        if (!(down > 0 && down < 0.5)) {
            throw invalid(alarmName, TAG_SCALE_DOWN_THRESHOLD, value, "a number greater than 0 and less than 0.5");
        }
        return down;
    }

    private static Optional<ConsumerConcurrency> consumer(String alarmName, Map<String, String> tags) {
        String arn = tags.get(TAG_CONSUMER_FUNCTION_ARN);
        String perShard = tags.get(TAG_CONSUMER_CONCURRENCY_PER_SHARD);
        if (arn == null || arn.isBlank()) {
            if (perShard != null) {
                throw new AlarmConfigurationException("alarm " + alarmName + " has a "
                        + TAG_CONSUMER_CONCURRENCY_PER_SHARD + " tag (" + perShard + ") but no "
                        + TAG_CONSUMER_FUNCTION_ARN + " tag");
            }
            return Optional.empty();
        }
        if (!arn.startsWith("arn:") || !arn.contains(":lambda:") || !arn.contains(":function:")) {
            throw invalid(alarmName, TAG_CONSUMER_FUNCTION_ARN, arn, "the ARN of a Lambda function");
        }
        int count = intTag(alarmName, tags, TAG_CONSUMER_CONCURRENCY_PER_SHARD, DEFAULT_CONSUMER_CONCURRENCY_PER_SHARD);
        if (count < 1 || count > 1000) {
            throw invalid(alarmName, TAG_CONSUMER_CONCURRENCY_PER_SHARD, perShard, "an integer from 1 to 1000");
        }
        return Optional.of(new ConsumerConcurrency(arn, count));
    }

    private static int intTag(String alarmName, Map<String, String> tags, String key, int defaultValue) {
        String value = tags.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(alarmName, key, value, "an integer");
        }
    }

    private static boolean booleanTag(String alarmName, Map<String, String> tags, String key) {
        String value = tags.get(key);
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(alarmName, key, value, "true or false");
        };
    }

    private static AlarmConfigurationException invalid(String alarmName, String key, String value, String allowed) {
        return new AlarmConfigurationException(
                "alarm " + alarmName + " has tag " + key + " = '" + value + "'; it must be " + allowed);
    }
}
