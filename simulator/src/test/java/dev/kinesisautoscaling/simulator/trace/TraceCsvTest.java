package dev.kinesisautoscaling.simulator.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TraceCsvTest {

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    private static InputStream text(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTimestampedRowsWithAnOptionalIteratorAge() {
        TrafficTrace trace = TraceCsv.read(text("""
                # orders, a quiet morning
                timestamp,incoming_bytes,incoming_records,iterator_age_ms
                2026-01-05T06:00:00Z,62914560,30720,850
                2026-01-05T06:01:00Z,1000,2,
                """), "orders.csv", START);

        assertThat(trace.name()).isEqualTo("orders");
        assertThat(trace.start()).isEqualTo(Instant.parse("2026-01-05T06:00:00Z"));
        assertThat(trace.minutes()).isEqualTo(2);
        assertThat(trace.bytes(0)).isEqualTo(62_914_560);
        assertThat(trace.records(1)).isEqualTo(2);
        assertThat(trace.hasIteratorAge()).isTrue();
        assertThat(trace.iteratorAgeMillis(0)).isEqualTo(850);
        assertThat(trace.iteratorAgeMillis(1)).isNaN();
    }

    @Test
    void readsMinuteIndexesFromTheGivenStartInAnyColumnOrderAndCase() {
        TrafficTrace trace = TraceCsv.read(text("""
                Incoming_Records,MINUTE,incoming_bytes
                10,0,100
                20,1,200
                30,2,300
                """), "indexed", START);

        assertThat(trace.start()).isEqualTo(START);
        assertThat(trace.minutes()).isEqualTo(3);
        assertThat(trace.bytes(2)).isEqualTo(300);
        assertThat(trace.records(2)).isEqualTo(30);
        assertThat(trace.hasIteratorAge()).isFalse();
        assertThat(trace.iteratorAgeMillis(0)).isNaN();
    }

    @Test
    void readsGzipCompressedTraces() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("minute,incoming_bytes,incoming_records\n0,5,1\n".getBytes(StandardCharsets.UTF_8));
        }

        TrafficTrace trace = TraceCsv.read(new ByteArrayInputStream(bytes.toByteArray()), "small.csv.gz", START);

        assertThat(trace.name()).isEqualTo("small");
        assertThat(trace.bytes(0)).isEqualTo(5);
    }

    @Test
    void writesWhatItReads() throws IOException {
        TrafficTrace trace = new TrafficTrace("round", START, new double[] {100, 200}, new double[] {1, 2},
                new double[] {Double.NaN, 40});
        StringWriter out = new StringWriter();

        TraceCsv.write(trace, out, "a comment");

        assertThat(out.toString()).isEqualTo("""
                # a comment
                timestamp,incoming_bytes,incoming_records,iterator_age_ms
                2026-03-02T00:00:00Z,100,1,
                2026-03-02T00:01:00Z,200,2,40
                """);
        TrafficTrace back = TraceCsv.read(text(out.toString()), "round", START);
        assertThat(back.bytes(1)).isEqualTo(200);
        assertThat(back.iteratorAgeMillis(0)).isNaN();
        assertThat(back.iteratorAgeMillis(1)).isEqualTo(40);
    }

    @Test
    void rejectsAGapBetweenTimestamps() {
        assertThatThrownBy(() -> TraceCsv.read(text("""
                timestamp,incoming_bytes,incoming_records
                2026-01-05T06:00:00Z,1,1
                2026-01-05T06:02:00Z,1,1
                """), "gappy", START))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage("trace gappy, line 3: timestamp 2026-01-05T06:02:00Z should be 2026-01-05T06:01:00Z;"
                        + " rows are consecutive minutes without gaps");
    }

    @Test
    void rejectsTimestampsOffTheMinuteAndMinuteIndexesOutOfOrder() {
        assertThatThrownBy(() -> TraceCsv.read(text("timestamp,incoming_bytes,incoming_records\n2026-01-05T06:00:30Z,1,1\n"),
                "late", START)).hasMessage("trace late, line 2: timestamp 2026-01-05T06:00:30Z is not on a whole minute");
        assertThatThrownBy(() -> TraceCsv.read(text("minute,incoming_bytes,incoming_records\n1,1,1\n"), "late", START))
                .hasMessage("trace late, line 2: minute '1' should be 0; rows are consecutive minutes from 0 without gaps");
    }

    @Test
    void rejectsNegativeOrNonNumericAmounts() {
        assertThatThrownBy(() -> TraceCsv.read(text("minute,incoming_bytes,incoming_records\n0,-5,1\n"), "bad", START))
                .hasMessage("trace bad, line 2: incoming_bytes -5 must be zero or more");
        assertThatThrownBy(() -> TraceCsv.read(text("minute,incoming_bytes,incoming_records\n0,5,many\n"), "bad", START))
                .hasMessage("trace bad, line 2: incoming_records 'many' is not a number");
    }

    @Test
    void rejectsHeadersWithoutTheRequiredColumns() {
        assertThatThrownBy(() -> TraceCsv.read(text("minute,bytes,records\n0,1,1\n"), "bad", START))
                .hasMessage("trace bad: the header [minute, bytes, records] needs the columns incoming_bytes and incoming_records");
        assertThatThrownBy(() -> TraceCsv.read(text("timestamp,minute,incoming_bytes,incoming_records\n"), "bad", START))
                .hasMessageContaining("needs exactly one of the columns timestamp and minute");
        assertThatThrownBy(() -> TraceCsv.read(text("minute,incoming_bytes,incoming_records\n"), "bad", START))
                .hasMessage("trace bad has a header but no rows");
    }
}
