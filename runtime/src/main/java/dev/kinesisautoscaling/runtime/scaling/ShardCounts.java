package dev.kinesisautoscaling.runtime.scaling;

import dev.kinesisautoscaling.contract.AlarmContract;

/**
 * The arithmetic of one scaling step.
 *
 * <p>Kinesis' {@code UpdateShardCount} refuses a target above double or below half of the open
 * shard count, so a step never leaves {@code [ceil(n/2), 2n]}, whatever the bounds say.
 */
public final class ShardCounts {

    private ShardCounts() {
    }

    /**
     * The shard count one step in the given direction leads to.
     *
     * <p>Up: {@code min(2n, max)}; down: {@code max(ceil(n/2), min)}. A stream that is already
     * beyond a bound (resharded by hand, for example) is never moved the wrong way: the result is
     * always between {@code n} and the Kinesis limit of one call in that direction.
     *
     * @param action the direction
     * @param current the stream's open shard count, at least 1
     * @param min the minimum shard count
     * @param max the maximum shard count
     * @return the target, equal to {@code current} when a bound stops the step
     */
    public static int target(ScaleAction action, int current, int min, int max) {
        if (current < 1) {
            throw new IllegalArgumentException("current shard count (" + current + ") must be at least 1");
        }
        return switch (action) {
            case UP -> Math.max(current, (int) Math.min(2L * current, max));
            case DOWN -> Math.min(current, Math.max(ceilHalf(current), min));
        };
    }

    /**
     * Half of a shard count, rounded up: the lowest count Kinesis accepts in one call.
     *
     * @param shards a shard count
     * @return {@code ceil(shards / 2)}
     */
    public static int ceilHalf(int shards) {
        return (shards + 1) / 2;
    }

    /**
     * The scale-down alarm's threshold for a shard count: unreachable at or below the minimum, so
     * that the alarm cannot ask for a step that the minimum forbids.
     *
     * @param shards the shard count the alarm is computed for
     * @param min the minimum shard count
     * @param scaleDownThreshold the configured scale-down threshold
     * @return {@value AlarmContract#UNREACHABLE_SCALE_DOWN_THRESHOLD} at the minimum, otherwise the configured threshold
     */
    public static double scaleDownThreshold(int shards, int min, double scaleDownThreshold) {
        return shards <= min ? AlarmContract.UNREACHABLE_SCALE_DOWN_THRESHOLD : scaleDownThreshold;
    }
}
