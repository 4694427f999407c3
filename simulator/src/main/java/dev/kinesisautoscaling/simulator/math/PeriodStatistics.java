package dev.kinesisautoscaling.simulator.math;

/** The statistic of one metric over consecutive periods of one length, as a {@code MetricStat} query reads it. */
@FunctionalInterface
public interface PeriodStatistics {

    /**
     * Fills consecutive periods.
     *
     * @param firstPeriodStart start of the first period, epoch seconds
     * @param out one slot per period, oldest first; {@link Double#NaN} where the metric has no datapoint
     */
    void fill(long firstPeriodStart, double[] out);
}
