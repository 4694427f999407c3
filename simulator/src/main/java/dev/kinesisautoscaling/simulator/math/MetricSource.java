package dev.kinesisautoscaling.simulator.math;

import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Where the metric-math evaluator reads metric statistics from: the simulated CloudWatch's store
 * in a replay, a table of hand-computed values in tests.
 */
@FunctionalInterface
public interface MetricSource {

    /**
     * Finds the period statistics one {@code MetricStat} query reads. An evaluator asks once per
     * query, when it is bound to the source, so that evaluations look nothing up.
     *
     * @param stat the metric, statistic and period of a {@code MetricStat} query
     * @return the query's period statistics
     */
    PeriodStatistics statistics(MetricStat stat);
}
