package dev.kinesisautoscaling.runtime.scaling;

/**
 * A consumer function whose reserved concurrency follows the stream's shard count.
 *
 * @param functionArn the consumer function's ARN
 * @param perShard reserved concurrent executions per shard, at least 1
 */
public record ConsumerConcurrency(String functionArn, int perShard) {

    /**
     * Checks the values.
     *
     * @param functionArn the consumer function's ARN
     * @param perShard reserved concurrent executions per shard, at least 1
     */
    public ConsumerConcurrency {
        if (functionArn == null || functionArn.isBlank()) {
            throw new IllegalArgumentException("functionArn must not be blank");
        }
        if (perShard < 1) {
            throw new IllegalArgumentException("perShard (" + perShard + ") must be at least 1");
        }
    }

    /**
     * The reserved concurrency for a shard count.
     *
     * @param shards the stream's shard count
     * @return {@code shards * perShard}
     */
    public int reservedFor(int shards) {
        return Math.multiplyExact(shards, perShard);
    }
}
