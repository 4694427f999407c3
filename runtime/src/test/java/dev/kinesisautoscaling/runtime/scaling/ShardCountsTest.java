package dev.kinesisautoscaling.runtime.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardCountsTest {

    @ParameterizedTest(name = "{0} from {1} with min {2} and max {3} -> {4}")
    @CsvSource({
        // action, current, min, max, expected
        "UP,   1,     1, 10000, 2",
        "UP,   2,     1, 10000, 4",
        "UP,   3,     1, 10000, 6",
        "UP,   3,     1,     5, 5",
        "UP,   5,     1,     8, 8",
        "UP,   7,     1,     8, 8",
        "UP,   8,     1,     8, 8",
        "UP,  12,     1,     8, 12",
        "UP,   2,     4,    10, 4",
        "UP, 5000,    1, 10000, 10000",
        "UP, 6000,    1, 10000, 10000",
        "UP, 10000,   1, 10000, 10000",
        "DOWN, 1,     1, 10000, 1",
        "DOWN, 2,     1, 10000, 1",
        "DOWN, 3,     1, 10000, 2",
        "DOWN, 5,     1, 10000, 3",
        "DOWN, 7,     1, 10000, 4",
        "DOWN, 8,     1, 10000, 4",
        "DOWN, 4,     3, 10000, 3",
        "DOWN, 3,     3, 10000, 3",
        "DOWN, 2,     3, 10000, 2",
        "DOWN, 20,    1,    10, 10",
        "DOWN, 10000, 1, 10000, 5000",
        "DOWN, 9999,  1, 10000, 5000",
    })
    void stepsWithinKinesisLimitsAndTheBounds(ScaleAction action, int current, int min, int max, int expected) {
        int target = ShardCounts.target(action, current, min, max);

        assertThat(target).isEqualTo(expected);
        assertThat(target).isBetween(ShardCounts.ceilHalf(current), 2 * current);
    }

    @ParameterizedTest(name = "ceil({0} / 2) = {1}")
    @CsvSource({"1, 1", "2, 1", "3, 2", "4, 2", "5, 3", "9999, 5000", "10000, 5000"})
    void halvesRoundingUpSoThatOddCountsNeverDropBelowHalf(int shards, int half) {
        assertThat(ShardCounts.ceilHalf(shards)).isEqualTo(half);
    }

    @ParameterizedTest(name = "{0} shards with min {1} -> threshold {2}")
    @CsvSource({"1, 1, -1.0", "2, 2, -1.0", "1, 2, -1.0", "2, 1, 0.25", "5, 4, 0.25"})
    void makesTheScaleDownThresholdUnreachableAtTheMinimum(int shards, int min, double expected) {
        assertThat(ShardCounts.scaleDownThreshold(shards, min, 0.25)).isEqualTo(expected);
    }

    @Test
    void refusesAStreamWithoutOpenShards() {
        assertThatThrownBy(() -> ShardCounts.target(ScaleAction.UP, 0, 1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("current shard count (0) must be at least 1");
    }
}
