package dev.kinesisautoscaling.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.kinesisautoscaling.simulator.SimulatorCli;
import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import dev.kinesisautoscaling.simulator.aws.SimulatedKinesis.ShardCountCall;
import dev.kinesisautoscaling.simulator.template.CloudFormationTemplateSource;
import dev.kinesisautoscaling.simulator.template.StreamAlarms;
import dev.kinesisautoscaling.simulator.trace.TrafficTrace;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The same alarms and traffic through both policies: a 3-shard stream with little traffic for
 * twelve hours. The scale-down alarm fires at the first evaluation (the history is as idle as the trace).
 */
class ReferencePolicyTest {

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private static TrafficTrace idle() {
        double[] bytes = new double[720];
        double[] records = new double[720];
        Arrays.fill(bytes, 0.1 * 1024 * 1024 * 60);
        Arrays.fill(records, 60);
        return new TrafficTrace("idle", START, bytes, records, null);
    }

    private static ReplayResult replay(Policy policy) {
        StreamAlarms alarms = CloudFormationTemplateSource.fromResource(SimulatorCli.DEFAULT_TEMPLATE,
                Optional.of("orders"), AwsAccount.DEFAULT).load();
        ReplaySettings settings = ReplaySettings.DEFAULTS.withInitialShards(3).withUpdateDuration(Duration.ofMinutes(1));
        return new Replay(idle(), alarms, policy, settings, new PrintStream(OutputStream.nullOutputStream()))
                .run(Replay.SILENT);
    }

    @Test
    void halvesOddCountsByCeilingThroughTheRealHandler() {
        ReplayResult result = replay(Policy.PROJECT);

        assertThat(result.calls()).containsExactly(
                new ShardCountCall(START.plusSeconds(60), "orders", 3, 2, true, null),
                new ShardCountCall(START.plusSeconds(120), "orders", 2, 1, true, null));
        assertThat(result.shardsAt(0)).isEqualTo(3);
        assertThat(result.shardsAt(1)).isEqualTo(3);
        assertThat(result.shardsAt(2)).isEqualTo(2);
        assertThat(result.shardsAt(3)).isEqualTo(1);
        assertThat(result.shardHours()).isEqualTo((3 + 3 + 2 + 717) / 60.0);
        assertThat(result.outcomes()).containsOnly(entry("SCALED_DOWN", 2L));
    }

    @Test
    void asksKinesisForThreeToOneEveryMinuteAndIsRefusedEveryTime() {
        ReplayResult result = replay(Policy.REFERENCE);

        assertThat(result.acceptedCalls()).isEmpty();
        assertThat(result.refusedCalls()).hasSize(720).allSatisfy(call -> {
            assertThat(call.fromShards()).isEqualTo(3);
            assertThat(call.targetShards()).isEqualTo(1);
            assertThat(call.refusal()).startsWith("LimitExceededException: UpdateShardCount from 3 to 1 shards");
        });
        assertThat(result.refusedCalls().get(1).time()).isEqualTo(START.plusSeconds(120));
        assertThat(result.shardHours()).isEqualTo(36.0);
        assertThat(result.outcomes()).containsOnly(entry(ReferencePolicyResponder.REFUSED, 720L));
    }

    @Test
    void scalesPowersOfTwoLikeTheProjectWhenNoLimitIsInTheWay() {
        StreamAlarms alarms = CloudFormationTemplateSource.fromResource(SimulatorCli.DEFAULT_TEMPLATE,
                Optional.of("orders"), AwsAccount.DEFAULT).load();
        ReplaySettings settings = ReplaySettings.DEFAULTS.withInitialShards(4).withUpdateDuration(Duration.ofMinutes(1));
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());

        ReplayResult project = new Replay(idle(), alarms, Policy.PROJECT, settings, discard).run(Replay.SILENT);
        ReplayResult reference = new Replay(idle(), alarms, Policy.REFERENCE, settings, discard).run(Replay.SILENT);

        assertThat(reference.calls()).isEqualTo(project.calls());
        assertThat(reference.shardsPerMinute()).isEqualTo(project.shardsPerMinute());
    }
}
