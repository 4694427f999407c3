package dev.kinesisautoscaling.simulator.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Generates the bundled traffic traces from fixed seeds, so that the files in
 * {@code src/main/resources/traces/} can be reproduced byte for byte.
 *
 * <p>All traces start on Monday 2026-01-05 00:00 UTC and carry multiplicative noise (Gaussian,
 * standard deviation given per trace) on top of their shape:
 * <table>
 *   <caption>Bundled traces</caption>
 *   <tr><th>name</th><th>days</th><th>shape</th><th>record size</th></tr>
 *   <tr><td>{@code steady}</td><td>3</td><td>2.2 MiB/s flat</td><td>4 KiB</td></tr>
 *   <tr><td>{@code diurnal}</td><td>3</td><td>0.4 to 5.5 MiB/s, peak at 14:00 UTC; iterator age</td><td>2 KiB</td></tr>
 *   <tr><td>{@code spike}</td><td>2</td><td>1,000 records/s of 256 B, eight times as much for 90 minutes
 *       from day 2 10:00; consumers fall behind during the spike</td><td>256 B</td></tr>
 *   <tr><td>{@code ramp}</td><td>4</td><td>0.3 to 9 MiB/s over two days, then back</td><td>8 KiB</td></tr>
 *   <tr><td>{@code weekly}</td><td>7</td><td>business days 0.6 to 4 MiB/s, weekend at 30 %</td><td>1 KiB</td></tr>
 * </table>
 *
 * <p>Regenerate with (from the repository root):
 * <pre>
 * mvn -B -q -pl simulator -am process-classes exec:java \
 *     -Dexec.mainClass=dev.kinesisautoscaling.simulator.trace.TraceGenerator \
 *     -Dexec.args=simulator/src/main/resources/traces
 * </pre>
 */
public final class TraceGenerator {

    /** The names of the bundled traces, in the order of reports. */
    public static final List<String> NAMES = List.of("steady", "diurnal", "spike", "ramp", "weekly");

    /**
     * Where every bundled trace starts: a Monday. The command line starts a trace file with a
     * {@code minute} column there too, unless told otherwise.
     */
    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    /** Base of the per-trace seeds; trace {@code i} of {@link #NAMES} uses {@code SEED + i}. */
    public static final long SEED = 20_260_105L;

    private static final double MIB = 1024 * 1024;

    private TraceGenerator() {
    }

    /**
     * Generates one bundled trace.
     *
     * @param name one of {@link #NAMES}
     * @return the trace
     * @throws IllegalArgumentException for any other name
     */
    public static TrafficTrace generate(String name) {
        int index = NAMES.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no bundled trace '" + name + "'; the bundled traces are " + NAMES);
        }
        Random random = new Random(SEED + index);
        return switch (name) {
            case "steady" -> shaped(name, 3, random, 0.03, 4096, minute -> 2.2 * MIB, null);
            case "diurnal" -> shaped(name, 3, random, 0.05, 2048, minute -> diurnal(minute, 0.4, 5.5) * MIB,
                    (minute, rate) -> 300 + 1700 * rate / (5.5 * MIB));
            case "spike" -> spike(random);
            case "ramp" -> shaped(name, 4, random, 0.04, 8192, TraceGenerator::ramp, null);
            case "weekly" -> shaped(name, 7, random, 0.05, 1024, TraceGenerator::weekly, null);
            default -> throw new IllegalStateException(name);
        };
    }

    /**
     * A year of the weekly trace's business-day traffic with its weekend dip: 525,600 minutes, for
     * measuring the simulator's speed. Not bundled; generated when needed.
     *
     * @return the trace
     */
    public static TrafficTrace year() {
        return shaped("year", 365, new Random(SEED - 1), 0.05, 1024, TraceGenerator::weekly, null);
    }

    /** Bytes per second of a minute, before noise; StrictMath keeps the files identical on every JVM. */
    @FunctionalInterface
    private interface Shape {
        double bytesPerSecond(int minute);
    }

    /** Iterator age of a minute given its noisy rate. */
    @FunctionalInterface
    private interface Age {
        double millis(int minute, double bytesPerSecond);
    }

    private static TrafficTrace shaped(String name, int days, Random random, double noise, int recordSize, Shape shape,
                                       Age age) {
        int minutes = days * 1440;
        double[] bytes = new double[minutes];
        double[] records = new double[minutes];
        double[] ages = age == null ? null : new double[minutes];
        for (int m = 0; m < minutes; m++) {
            double rate = Math.max(0, shape.bytesPerSecond(m) * (1 + noise * random.nextGaussian()));
            bytes[m] = Math.round(rate * 60);
            records[m] = Math.round(rate * 60 / recordSize);
            if (ages != null) {
                ages[m] = Math.round(age.millis(m, rate));
            }
        }
        return new TrafficTrace(name, START, bytes, records, ages);
    }

    /** A day curve between a trough at 02:00 and a peak at 14:00 UTC. */
    private static double diurnal(int minute, double low, double high) {
        double hour = (minute % 1440) / 60.0;
        double phase = StrictMath.cos((hour - 14) / 24 * 2 * StrictMath.PI);
        return low + (high - low) * (phase + 1) / 2;
    }

    private static double ramp(int minute) {
        double halfway = 2 * 1440;
        double share = minute <= halfway ? minute / halfway : (4 * 1440 - minute) / halfway;
        return (0.3 + (9 - 0.3) * share) * MIB;
    }

    private static double weekly(int minute) {
        DayOfWeek day = START.plusSeconds(60L * minute).atZone(ZoneOffset.UTC).getDayOfWeek();
        double weekday = diurnal(minute, 0.6, 4.0);
        return (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? 0.3 * weekday : weekday) * MIB;
    }

    private static TrafficTrace spike(Random random) {
        int minutes = 2 * 1440;
        int spikeStart = 1440 + 10 * 60;
        int spikeEnd = spikeStart + 90;
        double recordSize = 256;
        double consumerRecordsPerSecond = 2500;
        double[] bytes = new double[minutes];
        double[] records = new double[minutes];
        double[] ages = new double[minutes];
        double backlog = 0;
        for (int m = 0; m < minutes; m++) {
            double perSecond = 1000 * (m >= spikeStart && m < spikeEnd ? 8 : 1);
            perSecond = Math.max(0, perSecond * (1 + 0.04 * random.nextGaussian()));
            records[m] = Math.round(perSecond * 60);
            bytes[m] = Math.round(perSecond * 60 * recordSize);
            // Consumers read 2,500 records/s: the spike builds a backlog, which they then work off.
            backlog = Math.max(0, backlog + (perSecond - consumerRecordsPerSecond) * 60);
            ages[m] = Math.round(250 + 1000 * backlog / consumerRecordsPerSecond);
        }
        return new TrafficTrace("spike", START, bytes, records, ages);
    }

    /**
     * The gzip-compressed CSV of a trace, byte for byte what {@link #main} writes.
     *
     * @param trace the trace
     * @return the file's bytes
     */
    public static byte[] gzippedCsv(TrafficTrace trace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // GZIPOutputStream writes no file name and a zero modification time, so the bytes are reproducible.
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
            TraceCsv.write(trace, out, "bundled trace '" + trace.name() + "', generated by "
                    + TraceGenerator.class.getName() + " (seed " + (SEED + NAMES.indexOf(trace.name())) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes every bundled trace as {@code <name>.csv.gz} into a directory.
     *
     * @param args the directory, {@code simulator/src/main/resources/traces} to refresh the bundled files
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TraceGenerator <directory>");
            System.exit(2);
            return;
        }
        Path directory = Path.of(args[0]);
        Files.createDirectories(directory);
        for (String name : NAMES) {
            Path file = directory.resolve(name + ".csv.gz");
            Files.write(file, gzippedCsv(generate(name)));
            System.out.println("wrote " + file + " (" + Files.size(file) + " bytes)");
        }
    }
}
