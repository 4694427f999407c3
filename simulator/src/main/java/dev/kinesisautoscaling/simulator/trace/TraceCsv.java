package dev.kinesisautoscaling.simulator.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and writes traffic traces as CSV.
 *
 * <p>The format: one header line, then one row per minute, in order and without gaps. Lines
 * starting with {@code #} are comments. Files whose name ends in {@code .gz} are gzip-compressed.
 * Column names are case-insensitive:
 * <table>
 *   <caption>Trace columns</caption>
 *   <tr><th>column</th><th>required</th><th>meaning</th></tr>
 *   <tr><td>{@code timestamp} or {@code minute}</td><td>one of them</td><td>the minute's start as an
 *       ISO-8601 instant on a whole minute ({@code 2026-01-05T00:00:00Z}), each row 60 s after the
 *       previous; or the minute's index 0, 1, 2, ..., the trace then starting at a given instant</td></tr>
 *   <tr><td>{@code incoming_bytes}</td><td>yes</td><td>bytes producers send in the minute (the demand)</td></tr>
 *   <tr><td>{@code incoming_records}</td><td>yes</td><td>records producers send in the minute</td></tr>
 *   <tr><td>{@code iterator_age_ms}</td><td>no</td><td>the consumers' maximum
 *       {@code GetRecords.IteratorAgeMilliseconds} in the minute; an empty cell means no datapoint</td></tr>
 * </table>
 * Example:
 * <pre>
 * # orders stream, business day
 * timestamp,incoming_bytes,incoming_records,iterator_age_ms
 * 2026-01-05T00:00:00Z,62914560,30720,850
 * 2026-01-05T00:01:00Z,63963136,31232,
 * </pre>
 */
public final class TraceCsv {

    private TraceCsv() {
    }

    /**
     * Reads a trace file.
     *
     * @param file the CSV file, gzip-compressed when its name ends in {@code .gz}
     * @param start where a trace with a {@code minute} column starts
     * @return the trace, named after the file
     * @throws TraceFormatException naming the line when the file does not follow the format
     */
    public static TrafficTrace read(Path file, Instant start) {
        String fileName = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, fileName, start);
        } catch (IOException e) {
            throw new TraceFormatException("trace " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a trace from a stream.
     *
     * @param in the CSV bytes; gzip is recognised by its magic number
     * @param name the trace's name; a {@code .csv} or {@code .csv.gz} suffix is dropped
     * @param start where a trace with a {@code minute} column starts
     * @return the trace
     * @throws TraceFormatException naming the line when the data does not follow the format
     */
    public static TrafficTrace read(InputStream in, String name, Instant start) {
        String traceName = name.replaceFirst("\\.gz$", "").replaceFirst("\\.csv$", "");
        try {
            BufferedInputStream buffered = new BufferedInputStream(in);
            buffered.mark(2);
            int first = buffered.read();
            int second = buffered.read();
            buffered.reset();
            InputStream data = first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            try (Reader reader = new InputStreamReader(data, StandardCharsets.UTF_8)) {
                return parse(reader, traceName, start);
            }
        } catch (IOException e) {
            throw new TraceFormatException("trace " + traceName + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static TrafficTrace parse(Reader reader, String name, Instant start) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setCommentMarker('#')
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, Integer> columns = new java.util.HashMap<>();
            parser.getHeaderMap().forEach((column, index) -> columns.put(column.toLowerCase(Locale.ROOT), index));
            Integer timestamp = columns.get("timestamp");
            Integer minute = columns.get("minute");
            Integer bytesColumn = columns.get("incoming_bytes");
            Integer recordsColumn = columns.get("incoming_records");
            Integer ageColumn = columns.get("iterator_age_ms");
            if ((timestamp == null) == (minute == null)) {
                throw new TraceFormatException("trace " + name + ": the header " + parser.getHeaderNames()
                        + " needs exactly one of the columns timestamp and minute");
            }
            if (bytesColumn == null || recordsColumn == null) {
                throw new TraceFormatException("trace " + name + ": the header " + parser.getHeaderNames()
                        + " needs the columns incoming_bytes and incoming_records");
            }
            double[] bytes = new double[1024];
            double[] records = new double[1024];
            double[] ages = ageColumn == null ? null : new double[1024];
            Instant first = null;
            int count = 0;
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                if (count == bytes.length) {
                    bytes = Arrays.copyOf(bytes, count * 2);
                    records = Arrays.copyOf(records, count * 2);
                    if (ages != null) {
                        ages = Arrays.copyOf(ages, count * 2);
                    }
                }
                Instant at;
                if (timestamp != null) {
                    String text = cell(row, timestamp, "timestamp", name, line);
                    try {
                        at = Instant.parse(text);
                    } catch (DateTimeParseException e) {
                        throw new TraceFormatException("trace " + name + ", line " + line + ": timestamp '" + text
                                + "' is not an ISO-8601 instant such as 2026-01-05T00:00:00Z");
                    }
                    if (first == null) {
                        if (at.getEpochSecond() % 60 != 0 || at.getNano() != 0) {
                            throw new TraceFormatException("trace " + name + ", line " + line + ": timestamp " + at
                                    + " is not on a whole minute");
                        }
                        first = at;
                    }
                    Instant expected = first.plusSeconds(60L * count);
                    if (!at.equals(expected)) {
                        throw new TraceFormatException("trace " + name + ", line " + line + ": timestamp " + at
                                + " should be " + expected + "; rows are consecutive minutes without gaps");
                    }
                } else {
                    String text = cell(row, minute, "minute", name, line);
                    long index;
                    try {
                        index = Long.parseLong(text);
                    } catch (NumberFormatException e) {
                        index = -1;
                    }
                    if (index != count) {
                        throw new TraceFormatException("trace " + name + ", line " + line + ": minute '" + text
                                + "' should be " + count + "; rows are consecutive minutes from 0 without gaps");
                    }
                }
                bytes[count] = amount(row, bytesColumn, "incoming_bytes", name, line);
                records[count] = amount(row, recordsColumn, "incoming_records", name, line);
                if (ages != null) {
                    String text = ageColumn < row.size() ? row.get(ageColumn) : "";
                    ages[count] = text.isEmpty() ? Double.NaN : amount(row, ageColumn, "iterator_age_ms", name, line);
                }
                count++;
            }
            if (count == 0) {
                throw new TraceFormatException("trace " + name + " has a header but no rows");
            }
            return new TrafficTrace(name, first != null ? first : start, Arrays.copyOf(bytes, count),
                    Arrays.copyOf(records, count), ages == null ? null : Arrays.copyOf(ages, count));
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            // commons-csv reports malformed input (an unclosed quote, a duplicate header) this way.
            throw new TraceFormatException("trace " + name + " is not valid CSV: " + e.getMessage(), e);
        }
    }

    private static String cell(CSVRecord row, int column, String columnName, String name, long line) {
        if (column >= row.size() || row.get(column).isEmpty()) {
            throw new TraceFormatException("trace " + name + ", line " + line + ": " + columnName + " is empty");
        }
        return row.get(column);
    }

    private static double amount(CSVRecord row, int column, String columnName, String name, long line) {
        String text = cell(row, column, columnName, name, line);
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TraceFormatException("trace " + name + ", line " + line + ": " + columnName + " '" + text
                    + "' is not a number");
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new TraceFormatException("trace " + name + ", line " + line + ": " + columnName + " " + text
                    + " must be zero or more");
        }
        return value;
    }

    /**
     * Writes a trace with a {@code timestamp} column; amounts are rounded to whole numbers.
     *
     * @param trace the trace
     * @param out where the CSV goes
     * @param comment a first comment line, or null for none
     * @throws IOException when writing fails
     */
    public static void write(TrafficTrace trace, Writer out, String comment) throws IOException {
        if (comment != null) {
            out.write("# " + comment + "\n");
        }
        out.write(trace.hasIteratorAge() ? "timestamp,incoming_bytes,incoming_records,iterator_age_ms\n"
                : "timestamp,incoming_bytes,incoming_records\n");
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < trace.minutes(); i++) {
            line.setLength(0);
            line.append(trace.start().plusSeconds(60L * i)).append(',')
                    .append(Math.round(trace.bytes(i))).append(',')
                    .append(Math.round(trace.records(i)));
            if (trace.hasIteratorAge()) {
                line.append(',');
                double age = trace.iteratorAgeMillis(i);
                if (!Double.isNaN(age)) {
                    line.append(Math.round(age));
                }
            }
            out.write(line.append('\n').toString());
        }
    }
}
