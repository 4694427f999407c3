package dev.kinesisautoscaling.runtime.fakes;

import dev.kinesisautoscaling.contract.AlarmContract;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scaling policy of one stream's alarm pair, as the construct writes it into both alarms'
 * tags. The fakes' alarms ({@link TestAlarms.Policy}) and the wire suite's extend it with what
 * their alarm builders need besides.
 */
public abstract class PairPolicy {

    /** The scaling topic every alarm of a pair notifies. */
    public static final String SCALING_TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:kinesis-autoscaling-scaling-topic";

    /** {@code MinShardCount}. */
    public int min = 1;
    /** {@code MaxShardCount}. */
    public int max = 10_000;
    /** The scale-up threshold. */
    public double up = 0.75;
    /** {@code ScaleDownThreshold}. */
    public double down = 0.25;
    /** The metric period in seconds. */
    public int periodSeconds = 300;
    /** {@code DryRun}. */
    public boolean dryRun;
    /** Whether the tags carry {@code MinShardCount} and {@code MaxShardCount}, as the construct always writes them. */
    public boolean writeMinMaxTags = true;

    /**
     * The consumer function's ARN.
     *
     * @return the ARN, or null when the pair has no consumer
     */
    public abstract String consumerArn();

    /**
     * The {@code ConsumerConcurrencyPerShard} tag's value.
     *
     * @return the value, or null to leave the tag out
     */
    protected abstract Integer consumerConcurrencyPerShardTag();

    /**
     * The scale-down threshold the pair must have at a shard count.
     *
     * @param shards the shard count
     * @return -1 at or below the minimum, else the configured threshold
     */
    public double downThresholdAt(int shards) {
        return shards <= min ? AlarmContract.UNREACHABLE_SCALE_DOWN_THRESHOLD : down;
    }

    /**
     * The tags of one alarm of the pair.
     *
     * @param stream the stream's name
     * @param scaleUp whether it is the scale-up alarm
     * @return the tags, in the construct's order
     */
    public Map<String, String> tags(String stream, boolean scaleUp) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(AlarmContract.TAG_SCALE_ACTION, scaleUp ? AlarmContract.SCALE_ACTION_UP : AlarmContract.SCALE_ACTION_DOWN);
        tags.put(AlarmContract.TAG_COMPLEMENTARY_ALARM,
                stream + (scaleUp ? AlarmContract.SCALE_DOWN_SUFFIX : AlarmContract.SCALE_UP_SUFFIX));
        if (writeMinMaxTags) {
            tags.put(AlarmContract.TAG_MIN_SHARD_COUNT, Integer.toString(min));
            tags.put(AlarmContract.TAG_MAX_SHARD_COUNT, Integer.toString(max));
        }
        tags.put(AlarmContract.TAG_SCALE_DOWN_THRESHOLD, Double.toString(down));
        tags.put(AlarmContract.TAG_DRY_RUN, Boolean.toString(dryRun));
        String consumerArn = consumerArn();
        if (consumerArn != null) {
            tags.put(AlarmContract.TAG_CONSUMER_FUNCTION_ARN, consumerArn);
            Integer perShard = consumerConcurrencyPerShardTag();
            if (perShard != null) {
                tags.put(AlarmContract.TAG_CONSUMER_CONCURRENCY_PER_SHARD, Integer.toString(perShard));
            }
        }
        return tags;
    }
}
