package dev.kinesisautoscaling.simulator.math;

import java.util.Locale;

/**
 * The CloudWatch statistics the simulator computes over a period from one-minute datapoints.
 *
 * <p>The simulator stores one datapoint per metric and minute (what a trace gives), so a period's
 * statistic is computed over those minutes: {@link #SAMPLE_COUNT} counts the minutes that have a
 * datapoint and {@link #AVERAGE} is the mean of those minutes, not CloudWatch's mean over the
 * individual {@code PutRecords} samples. Sums, maxima and minima are exact.
 */
public enum Statistic {
    /** Sum of the minutes' values. */
    SUM("Sum"),
    /** Largest minute value. */
    MAXIMUM("Maximum"),
    /** Smallest minute value. */
    MINIMUM("Minimum"),
    /** Mean of the minutes that have a datapoint. */
    AVERAGE("Average"),
    /** Number of minutes that have a datapoint. */
    SAMPLE_COUNT("SampleCount");

    private final String cloudWatchName;

    Statistic(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    /**
     * The statistic's name as CloudWatch spells it.
     *
     * @return {@code Sum}, {@code Maximum}, ...
     */
    public String cloudWatchName() {
        return cloudWatchName;
    }

    /**
     * Reads a statistic name as it appears in a {@code MetricStat}.
     *
     * @param name {@code Sum}, {@code Maximum}, {@code Minimum}, {@code Average} or {@code SampleCount}, any case
     * @param where the alarm and query, for the message
     * @return the statistic
     * @throws MetricMathException for percentiles and any other name
     */
    public static Statistic parse(String name, String where) {
        if (name != null) {
            for (Statistic statistic : values()) {
                if (statistic.cloudWatchName.toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return statistic;
                }
            }
        }
        throw new MetricMathException("alarm " + where + ": statistic '" + name
                + "' is not modelled; use Sum, Maximum, Minimum, Average or SampleCount");
    }
}
