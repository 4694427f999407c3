package dev.kinesisautoscaling.simulator.cloudwatch;

import dev.kinesisautoscaling.simulator.math.DatapointSummary;
import dev.kinesisautoscaling.simulator.math.MetricSource;
import dev.kinesisautoscaling.simulator.math.PeriodStatistics;
import dev.kinesisautoscaling.simulator.math.Statistic;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * The simulated CloudWatch's metric data: one datapoint per metric and minute, and the statistics
 * of whole periods computed from them.
 *
 * <p>Minutes are counted from the trace's first minute (the origin). A period's statistic is
 * computed once and kept in a ring buffer per metric, statistic and period length as soon as all
 * its minutes are written, so that an alarm evaluated every minute over sixty periods reads
 * cached values and computes only the newest period.
 *
 * <p>What the store answers for minutes before the origin depends on {@link History}: a stream
 * that already carried the trace's first minute of traffic, or a new stream without data.
 */
public final class MetricStore implements MetricSource {

    /** What the metrics looked like before the trace's first minute. */
    public enum History {
        /**
         * Every minute before the trace had the trace's first minute of traffic: a stream that has
         * been running at the initial rate, so that the alarms start from a steady state.
         */
        REPEAT_FIRST_MINUTE,
        /** No datapoints before the trace: a stream created when the trace starts. */
        NONE
    }

    /** Capacity of each ring of cached period statistics; larger than any evaluation window. */
    private static final int RING = 4096;

    private final long originMinute;
    private final History history;
    private final Map<MetricKey, Series> series = new HashMap<>();
    private final Map<ViewKey, View> views = new HashMap<>();
    private long completeThroughMinute;

    private record ViewKey(MetricKey metric, Statistic statistic, int periodSeconds) {
    }

    /** One metric's minutes from the origin on; {@code size} is one past the last minute written. */
    private static final class Series {
        private double[] values = new double[1024];
        private int size;

        private Series() {
            Arrays.fill(values, Double.NaN);
        }

        private double at(long index, History history) {
            if (index < 0) {
                return history == History.REPEAT_FIRST_MINUTE && size > 0 ? values[0] : Double.NaN;
            }
            return index < size ? values[(int) index] : Double.NaN;
        }
    }

    /**
     * An empty store.
     *
     * @param originEpochMinute the trace's first minute, in minutes since the epoch
     * @param history what the store answers for minutes before the origin
     */
    public MetricStore(long originEpochMinute, History history) {
        this.originMinute = originEpochMinute;
        this.history = history;
        this.completeThroughMinute = originEpochMinute - 1;
    }

    /**
     * Stores one minute's datapoint.
     *
     * @param metric the metric
     * @param epochMinute the minute, in minutes since the epoch; not before the origin
     * @param value the datapoint; {@link Double#NaN} for none
     */
    public void put(MetricKey metric, long epochMinute, double value) {
        long index = epochMinute - originMinute;
        if (index < 0 || index > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("minute " + epochMinute + " is before the store's origin " + originMinute);
        }
        if (epochMinute <= completeThroughMinute) {
            throw new IllegalStateException("minute " + epochMinute + " of " + metric.metricName()
                    + " is already complete; datapoints of complete minutes never change");
        }
        Series target = series.computeIfAbsent(metric, k -> new Series());
        if (index >= target.values.length) {
            int old = target.values.length;
            target.values = Arrays.copyOf(target.values, (int) Math.max(index + 1, old * 2L));
            Arrays.fill(target.values, old, target.values.length, Double.NaN);
        }
        target.values[(int) index] = value;
        target.size = Math.max(target.size, (int) index + 1);
    }

    /**
     * Declares every minute up to and including one complete: their datapoints are final, and the
     * statistics of periods made of them may be cached.
     *
     * @param epochMinute the last complete minute, in minutes since the epoch
     */
    public void completeThrough(long epochMinute) {
        completeThroughMinute = Math.max(completeThroughMinute, epochMinute);
    }

    /**
     * The period statistics of one {@code MetricStat}, shared by every alarm that reads it.
     *
     * @param stat an alarm's {@code MetricStat}
     * @return the view of that metric, statistic and period
     */
    @Override
    public View statistics(MetricStat stat) {
        MetricKey key = MetricKey.of(stat.metric());
        Statistic statistic = Statistic.parse(stat.stat(), "MetricStat of " + key.metricName());
        return views.computeIfAbsent(new ViewKey(key, statistic, stat.period()), View::new);
    }

    /** Period statistics of one metric, computed from its minutes and cached once final. */
    public final class View implements PeriodStatistics {
        private final MetricKey metric;
        private final Statistic statistic;
        private final int periodSeconds;
        private final long[] cachedPeriod = new long[RING];
        private final double[] cachedValue = new double[RING];

        private View(ViewKey key) {
            this.metric = key.metric();
            this.statistic = key.statistic();
            this.periodSeconds = key.periodSeconds();
            Arrays.fill(cachedPeriod, Long.MIN_VALUE);
        }

        @Override
        public void fill(long firstPeriodStart, double[] out) {
            long finalBefore = (completeThroughMinute + 1) * 60;
            for (int i = 0; i < out.length; i++) {
                long start = firstPeriodStart + (long) i * periodSeconds;
                long periodNumber = Math.floorDiv(start, periodSeconds);
                int slot = Math.floorMod(periodNumber, RING);
                if (cachedPeriod[slot] == periodNumber) {
                    out[i] = cachedValue[slot];
                    continue;
                }
                double value = compute(start);
                if (start + periodSeconds <= finalBefore) {
                    cachedPeriod[slot] = periodNumber;
                    cachedValue[slot] = value;
                }
                out[i] = value;
            }
        }

        private double compute(long periodStart) {
            Series values = series.get(metric);
            if (values == null) {
                return Double.NaN;
            }
            long firstIndex = Math.floorDiv(periodStart, 60) - originMinute;
            int minutes = periodSeconds / 60;
            DatapointSummary summary = new DatapointSummary();
            for (int m = 0; m < minutes; m++) {
                summary.add(values.at(firstIndex + m, history));
            }
            return summary.statistic(statistic);
        }
    }
}
