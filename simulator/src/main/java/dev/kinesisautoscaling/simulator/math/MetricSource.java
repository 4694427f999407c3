package dev.kinesisautoscaling.simulator.math;

import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Where the metric-math evaluator reads metric statistics from: the simulated CloudWatch's store
 * in a replay, a table of hand-computed values in tests.
 */
@FunctionalInterface
public interface MetricSource {

    /**
     * Fills consecutive periods of one metric statistic.
     *
     * @param stat the metric, statistic and period of a {@code MetricStat} query
     * @param firstPeriodStart start of the first period, epoch seconds
     * @param out one slot per period, oldest first; {@link Double#NaN} where the metric has no datapoint
     */
    void periodStats(MetricStat stat, long firstPeriodStart, double[] out);
}
