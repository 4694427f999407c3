package dev.kinesisautoscaling.simulator.math;

/**
 * Count, sum, minimum and maximum of datapoints, missing ones ({@link Double#NaN}) skipped: what
 * every statistic the simulator computes is made of, whether over a period's minutes or over a
 * window's periods.
 */
public final class DatapointSummary {

    private int count;
    private double sum;
    private double minimum = Double.POSITIVE_INFINITY;
    private double maximum = Double.NEGATIVE_INFINITY;

    /**
     * Adds a datapoint.
     *
     * @param value the datapoint; {@link Double#NaN} for a missing one, which is skipped
     */
    public void add(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        count++;
        sum += value;
        minimum = Math.min(minimum, value);
        maximum = Math.max(maximum, value);
    }

    /** Forgets every datapoint added, to summarize others. */
    public void clear() {
        count = 0;
        sum = 0;
        minimum = Double.POSITIVE_INFINITY;
        maximum = Double.NEGATIVE_INFINITY;
    }

    /**
     * The number of datapoints added.
     *
     * @return missing ones not counted
     */
    public int count() {
        return count;
    }

    /**
     * The sum of the datapoints added.
     *
     * @return 0 when there is none
     */
    public double sum() {
        return sum;
    }

    /**
     * A statistic of the datapoints added; {@link Statistic#AVERAGE} is their mean.
     *
     * @param statistic the statistic
     * @return its value, or {@link Double#NaN} when no datapoint was added
     */
    public double statistic(Statistic statistic) {
        if (count == 0) {
            return Double.NaN;
        }
        return switch (statistic) {
            case SUM -> sum;
            case MAXIMUM -> maximum;
            case MINIMUM -> minimum;
            case AVERAGE -> sum / count;
            case SAMPLE_COUNT -> count;
        };
    }
}
