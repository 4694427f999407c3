package dev.kinesisautoscaling.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinesisautoscaling.simulator.SimulatorCli;
import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import dev.kinesisautoscaling.simulator.template.CloudFormationTemplateSource;
import dev.kinesisautoscaling.simulator.template.StreamAlarms;
import dev.kinesisautoscaling.simulator.trace.TrafficTrace;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures how fast a year of per-minute traffic replays, for both policies. It prints simulated
 * days per second and asserts nothing about time, so that a slow machine does not fail the build.
 *
 * <p>Run with {@code mvn -B -pl simulator -am test -Dtest=ReplayBenchmarkTest -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ReplayBenchmarkTest {

    private static final double MIB = 1024 * 1024;

    /** A year of business-day traffic with a weekend dip and noise: 525,600 minutes. */
    static TrafficTrace year() {
        int minutes = 365 * 1440;
        double[] bytes = new double[minutes];
        double[] records = new double[minutes];
        Random random = new Random(7);
        Instant start = Instant.parse("2026-01-05T00:00:00Z");
        for (int m = 0; m < minutes; m++) {
            double hour = (m % 1440) / 60.0;
            double day = 0.6 + 3.4 * (Math.cos((hour - 14) / 24 * 2 * Math.PI) + 1) / 2;
            DayOfWeek weekday = start.plusSeconds(60L * m).atZone(ZoneOffset.UTC).getDayOfWeek();
            double growth = 1 + m / (double) minutes;
            double rate = day * growth * (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 0.3 : 1)
                    * (1 + 0.05 * random.nextGaussian()) * MIB;
            bytes[m] = Math.max(0, rate * 60);
            records[m] = Math.max(0, rate * 60 / 1024);
        }
        return new TrafficTrace("year", start, bytes, records, null);
    }

    @Test
    void printsSimulatedDaysPerSecondForAYearOfMinutes() {
        TrafficTrace year = year();
        StreamAlarms alarms = CloudFormationTemplateSource.fromResource(SimulatorCli.DEFAULT_TEMPLATE,
                Optional.of("benchmark"), AwsAccount.DEFAULT).load();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        for (Policy policy : Policy.values()) {
            for (int round = 1; round <= 3; round++) {
                ReplayResult result = new Replay(year, alarms, policy, ReplaySettings.DEFAULTS.withInitialShards(3), discard)
                        .run(Replay.SILENT);
                System.out.printf(Locale.ROOT, "benchmark %s round %d: %d minutes in %.2f s = %.0f simulated days/s "
                                + "(%d evaluations, %d notifications, %d UpdateShardCount calls, %.0f shard-hours)%n",
                        policy.label(), round, year.minutes(), result.wallTime().toNanos() / 1e9,
                        result.simulatedDaysPerSecond(), result.alarmEvaluations(), result.notifications(),
                        result.calls().size(), result.shardHours());
                assertThat(result.shardsPerMinute()).hasSize(year.minutes());
            }
        }
    }
}
