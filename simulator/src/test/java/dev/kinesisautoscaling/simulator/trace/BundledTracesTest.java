package dev.kinesisautoscaling.simulator.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundledTracesTest {

    private static final double MIB = 1024 * 1024;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"steady", "diurnal", "spike", "ramp", "weekly"})
    void shipsExactlyWhatTheGeneratorWrites(String name) throws IOException {
        byte[] bundled;
        try (InputStream in = BundledTraces.class.getResourceAsStream("/traces/" + name + ".csv.gz")) {
            assertThat(in).as("bundled trace %s", name).isNotNull();
            bundled = in.readAllBytes();
        }

        assertThat(bundled).as("regenerate with TraceGenerator if this fails")
                .isEqualTo(TraceGenerator.gzippedCsv(TraceGenerator.generate(name)));
        assertThat(bundled.length).isLessThan(200_000);
    }

    @Test
    void loadsEveryBundledTraceFromTheFirstMondayOf2026() {
        for (String name : BundledTraces.names()) {
            TrafficTrace trace = BundledTraces.load(name);
            assertThat(trace.name()).isEqualTo(name);
            assertThat(trace.start()).isEqualTo(TraceGenerator.START);
            assertThat(trace.start().atZone(ZoneOffset.UTC).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        }
        assertThat(BundledTraces.load("weekly").minutes()).isEqualTo(7 * 1440);
        assertThat(BundledTraces.load("ramp").minutes()).isEqualTo(4 * 1440);
    }

    @Test
    void shapesTheTracesAsDocumented() {
        TrafficTrace spike = BundledTraces.load("spike");
        int spikeStart = 1440 + 600;
        assertThat(spike.records(spikeStart - 1) / 60).isBetween(800.0, 1200.0);
        assertThat(spike.records(spikeStart + 45) / 60).isBetween(6400.0, 9600.0);
        assertThat(spike.bytes(0) / spike.records(0)).isCloseTo(256.0, org.assertj.core.api.Assertions.within(1.0));
        assertThat(spike.iteratorAgeMillis(spikeStart + 89)).isGreaterThan(spike.iteratorAgeMillis(spikeStart));

        TrafficTrace weekly = BundledTraces.load("weekly");
        int wednesdayAfternoon = 2 * 1440 + 14 * 60;
        int saturdayAfternoon = 5 * 1440 + 14 * 60;
        assertThat(weekly.bytes(wednesdayAfternoon) / 60 / MIB).isBetween(3.4, 4.6);
        assertThat(weekly.bytes(saturdayAfternoon) / 60 / MIB).isBetween(0.9, 1.5);
    }

    @Test
    void refusesUnknownNames() {
        assertThat(BundledTraces.isBundled("diurnal")).isTrue();
        assertThat(BundledTraces.isBundled("yearly")).isFalse();
        assertThatThrownBy(() -> BundledTraces.load("yearly"))
                .hasMessage("no bundled trace 'yearly'; the bundled traces are [steady, diurnal, spike, ramp, weekly]");
    }
}
