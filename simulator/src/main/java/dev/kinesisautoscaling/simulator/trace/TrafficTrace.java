package dev.kinesisautoscaling.simulator.trace;

import java.time.Instant;

/**
 * Per-minute traffic of one stream: what producers send and, optionally, how far consumers lag.
 *
 * <p>Minute {@code i} covers {@code [start + i min, start + (i + 1) min)}. Values are the demand:
 * what producers try to write, which the replay caps at the stream's capacity.
 */
public final class TrafficTrace {

    private final String name;
    private final Instant start;
    private final double[] bytes;
    private final double[] records;
    private final double[] iteratorAgeMillis;

    /**
     * A trace; the arrays are used as they are, not copied.
     *
     * @param name a short name for reports
     * @param start the first minute's start, a whole minute
     * @param bytes incoming bytes per minute
     * @param records incoming records per minute
     * @param iteratorAgeMillis the consumers' maximum iterator age per minute, {@link Double#NaN} where
     *     unknown; null when the trace has none
     */
    public TrafficTrace(String name, Instant start, double[] bytes, double[] records, double[] iteratorAgeMillis) {
        if (start.getEpochSecond() % 60 != 0 || start.getNano() != 0) {
            throw new IllegalArgumentException("trace " + name + " starts at " + start + ", which is not a whole minute");
        }
        if (bytes.length != records.length || (iteratorAgeMillis != null && iteratorAgeMillis.length != bytes.length)) {
            throw new IllegalArgumentException("trace " + name + " has columns of different lengths");
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("trace " + name + " has no minutes");
        }
        this.name = name;
        this.start = start;
        this.bytes = bytes;
        this.records = records;
        this.iteratorAgeMillis = iteratorAgeMillis;
    }

    /**
     * The trace's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The first minute's start.
     *
     * @return a whole minute
     */
    public Instant start() {
        return start;
    }

    /**
     * The number of minutes.
     *
     * @return at least 1
     */
    public int minutes() {
        return bytes.length;
    }

    /**
     * Incoming bytes of a minute.
     *
     * @param minute the minute's index
     * @return bytes producers send in that minute
     */
    public double bytes(int minute) {
        return bytes[minute];
    }

    /**
     * Incoming records of a minute.
     *
     * @param minute the minute's index
     * @return records producers send in that minute
     */
    public double records(int minute) {
        return records[minute];
    }

    /**
     * Whether the trace has an iterator-age column.
     *
     * @return true when {@link #iteratorAgeMillis(int)} can have values
     */
    public boolean hasIteratorAge() {
        return iteratorAgeMillis != null;
    }

    /**
     * The consumers' maximum iterator age in a minute.
     *
     * @param minute the minute's index
     * @return milliseconds, or {@link Double#NaN} when unknown
     */
    public double iteratorAgeMillis(int minute) {
        return iteratorAgeMillis == null ? Double.NaN : iteratorAgeMillis[minute];
    }
}
