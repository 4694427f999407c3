package dev.kinesisautoscaling.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kinesisautoscaling.runtime.aws.AlarmRewrite;
import dev.kinesisautoscaling.simulator.SimulatorCli;
import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import dev.kinesisautoscaling.simulator.aws.SimulatedKinesis.ShardCountCall;
import dev.kinesisautoscaling.simulator.template.CloudFormationTemplateSource;
import dev.kinesisautoscaling.simulator.template.StreamAlarms;
import dev.kinesisautoscaling.simulator.trace.TrafficTrace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Replays ten hours through the construct's default alarms and the real ScalingHandler, and checks
 * every number against the timeline worked out by hand:
 * <ul>
 *   <li>00:00-00:59 at 0.5 MiB/s: 1 shard at 0.5 of capacity, nothing happens;</li>
 *   <li>01:00-02:59 at 1.2 MiB/s: over capacity on 1 shard, so the metrics show 1 MiB/s (usage 1.0);
 *       the scale-up alarm needs 5 breaching 5-minute periods, 01:00-01:25, and fires at 01:25;
 *       the Lambda scales 1 -> 2, the reshard takes a minute, so minutes 60-85 (26) are over capacity;</li>
 *   <li>03:00-09:59 at 0.1 MiB/s: usage 0.05 on 2 shards; the scale-down alarm needs 57 of 60
 *       periods below 0.25; the periods from 03:00 are, and at 07:45 the newest 60 periods
 *       (02:45-07:40) hold 57 of them; the Lambda scales 2 -> 1 and the pair is rewritten for the
 *       minimum (scale-down threshold -1).</li>
 * </ul>
 */
class EndToEndReplayTest {

    private static final double MIB = 1024 * 1024;
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private static TrafficTrace tenHours() {
        double[] bytes = new double[600];
        double[] records = new double[600];
        for (int m = 0; m < 600; m++) {
            double rate = m < 60 ? 0.5 : m < 180 ? 1.2 : 0.1;
            bytes[m] = rate * MIB * 60;
            records[m] = 6000;
        }
        return new TrafficTrace("ten-hours", START, bytes, records, null);
    }

    @Test
    void scalesUpAndDownExactlyWhenTheAlarmsSayThroughTheRealHandler() {
        StreamAlarms alarms = CloudFormationTemplateSource.fromResource(SimulatorCli.DEFAULT_TEMPLATE,
                Optional.of("orders"), AwsAccount.DEFAULT).load();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Replay replay = new Replay(tenHours(), alarms, Policy.PROJECT,
                ReplaySettings.DEFAULTS.withUpdateDuration(Duration.ofMinutes(1)),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        ReplayResult result = replay.run(Replay.SILENT);

        assertThat(result.calls()).containsExactly(
                new ShardCountCall(Instant.parse("2026-01-05T01:25:00Z"), "orders", 1, 2, true, null),
                new ShardCountCall(Instant.parse("2026-01-05T07:45:00Z"), "orders", 2, 1, true, null));
        int[] expected = IntStream.range(0, 600).map(m -> m <= 85 || m >= 466 ? 1 : 2).toArray();
        assertThat(result.shardsPerMinute()).containsExactly(expected);
        assertThat(result.shardHours()).isEqualTo(980 / 60.0);
        assertThat(result.overCapacityMinutes()).isEqualTo(26);
        assertThat(result.rejectedBytes()).isCloseTo(26 * 0.2 * MIB * 60, within(1e-3));
        assertThat(result.rejectedRecords()).isCloseTo(26 * 1000, within(1e-6));
        assertThat(result.outcomes()).containsOnly(
                org.assertj.core.api.Assertions.entry("SCALED_UP", 1L),
                org.assertj.core.api.Assertions.entry("SCALED_DOWN", 1L));
        assertThat(result.notifications()).isEqualTo(2);

        MetricAlarm up = replay.aws().cloudWatch().alarm("orders-scale-up");
        MetricAlarm down = replay.aws().cloudWatch().alarm("orders-scale-down");
        assertThat(AlarmRewrite.shardCount(up)).isEqualTo(1);
        assertThat(AlarmRewrite.shardCount(down)).isEqualTo(1);
        assertThat(down.threshold()).isEqualTo(-1.0);
        assertThat(up.stateValue()).isEqualTo(StateValue.OK);
        assertThat(replay.aws().cloudWatch().tags("orders-scale-up"))
                .containsEntry("LastScaledTimestamp", "2026-01-05T07:45:00.000+0000");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"SCALED_UP\"", "\"outcome\":\"SCALED_DOWN\"");
    }

    @Test
    void waitsForAReshardToFinishBeforeScalingAgain() {
        StreamAlarms alarms = CloudFormationTemplateSource.fromResource(SimulatorCli.DEFAULT_TEMPLATE,
                Optional.of("orders"), AwsAccount.DEFAULT).load();
        double[] bytes = new double[120];
        double[] records = new double[120];
        java.util.Arrays.fill(bytes, 3.5 * MIB * 60);
        java.util.Arrays.fill(records, 60);
        TrafficTrace heavy = new TrafficTrace("heavy", START, bytes, records, null);

        ReplayResult result = new Replay(heavy, alarms, Policy.PROJECT,
                ReplaySettings.DEFAULTS.withInitialShards(2).withUpdateDuration(Duration.ofMinutes(3)),
                new PrintStream(java.io.OutputStream.nullOutputStream())).run(Replay.SILENT);

        // The history is the first minute (3.5 MiB/s, capped at 2 MiB/s by 2 shards): the scale-up alarm fires at the
        // first evaluation; after 2 -> 4 the alarm is re-evaluated on the same capped data (2/4 = 0.5) and stays OK
        // until five periods at 4 shards' capacity exist; 4 -> 8 then leaves 3.5/8 = 0.44.
        assertThat(result.acceptedCalls()).extracting(ShardCountCall::fromShards, ShardCountCall::targetShards)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 4), org.assertj.core.groups.Tuple.tuple(4, 8));
        assertThat(result.refusedCalls()).isEmpty();
        assertThat(result.acceptedCalls().get(0).time()).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void holdsTheScaleDownWhileConsumersLagAndMovesTheConsumerReservationAfterwards() {
        StreamAlarms alarms = CloudFormationTemplateSource.fromResource("/templates/orders-alarms.template.json",
                Optional.empty(), AwsAccount.DEFAULT).load();
        double[] bytes = new double[720];
        double[] records = new double[720];
        double[] age = new double[720];
        for (int m = 0; m < 720; m++) {
            bytes[m] = 0.05 * MIB * 60;
            records[m] = 600;
            // An hour behind for six hours: (3,600,000 / 1000 / 60) * (0.25 / 30) = 0.5, above the 0.25 threshold.
            age[m] = m < 360 ? 3_600_000 : 0;
        }
        TrafficTrace lagging = new TrafficTrace("lagging", START, bytes, records, age);
        Replay replay = new Replay(lagging, alarms, Policy.PROJECT, ReplaySettings.DEFAULTS,
                new PrintStream(java.io.OutputStream.nullOutputStream()));

        ReplayResult result = replay.run(Replay.SILENT);

        // Periods from 06:00 on are below 0.25; 57 of the newest 60 are at 06:00 + 285 minutes.
        assertThat(result.calls()).containsExactly(
                new ShardCountCall(Instant.parse("2026-01-05T10:45:00Z"), "orders", 2, 1, true, null));
        assertThat(replay.aws().lambda().reservedConcurrency(
                "arn:aws:lambda:us-east-1:123456789012:function:orders-consumer")).isEqualTo(2);
    }
}
