package dev.kinesisautoscaling.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinesisautoscaling.simulator.SimulatorCli;
import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import dev.kinesisautoscaling.simulator.aws.SimulatedKinesis.ShardCountCall;
import dev.kinesisautoscaling.simulator.cost.CostEstimate;
import dev.kinesisautoscaling.simulator.cost.PriceTable;
import dev.kinesisautoscaling.simulator.replay.Policy;
import dev.kinesisautoscaling.simulator.replay.Replay;
import dev.kinesisautoscaling.simulator.replay.ReplayResult;
import dev.kinesisautoscaling.simulator.replay.ReplaySettings;
import dev.kinesisautoscaling.simulator.template.CloudFormationTemplateSource;
import dev.kinesisautoscaling.simulator.template.StreamAlarms;
import dev.kinesisautoscaling.simulator.trace.BundledTraces;
import dev.kinesisautoscaling.simulator.trace.TrafficTrace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static ReplayResult diurnal;

    @BeforeAll
    static void replayDiurnal() {
        StreamAlarms alarms = CloudFormationTemplateSource.fromResource(SimulatorCli.DEFAULT_TEMPLATE,
                Optional.of("orders"), AwsAccount.DEFAULT).load();
        diurnal = new Replay(BundledTraces.load("diurnal"), alarms, Policy.PROJECT, ReplaySettings.DEFAULTS,
                new PrintStream(OutputStream.nullOutputStream())).run(Replay.SILENT);
    }

    @Test
    void drawsDemandAndCapacityAsAPng(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("diurnal.png");

        CapacityChart.write(diurnal, file, 1200, 500);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(500);
        assertThat(Files.size(file)).isGreaterThan(10_000);
        java.util.Collection<?> markers = CapacityChart.chart(diurnal).getXYPlot()
                .getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        assertThat(markers).hasSize(diurnal.acceptedCalls().size());
    }

    @Test
    void summarisesShardHoursScalingsAndCost() {
        String summary = TextReport.summary(diurnal, CostEstimate.of(diurnal.trace(), diurnal.shardHours(),
                PriceTable.US_EAST_1), "default template");

        assertThat(summary)
                .contains("Trace diurnal: 4320 minutes (3.0 days) from 2026-01-05T00:00:00Z")
                .contains(String.format(java.util.Locale.ROOT, "Shard-hours:        %.2f", diurnal.shardHours()))
                .contains("UpdateShardCount:   " + diurnal.acceptedCalls().size() + " accepted, 0 refused")
                .contains("  provisioned  $")
                .contains("  on-demand    $")
                .containsPattern("2026-01-05T0\\d:\\d\\d:00Z  1 -> 2  scale-up");
    }

    @Test
    void foldsRunsOfTheSameRefusedCallIntoOneLine() {
        Instant t = Instant.parse("2026-01-05T00:01:00Z");
        List<ShardCountCall> calls = List.of(
                new ShardCountCall(t, "s", 3, 1, false, "LimitExceededException: below half"),
                new ShardCountCall(t.plusSeconds(60), "s", 3, 1, false, "LimitExceededException: below half"),
                new ShardCountCall(t.plusSeconds(120), "s", 3, 1, false, "LimitExceededException: below half"),
                new ShardCountCall(t.plusSeconds(180), "s", 3, 6, true, null),
                new ShardCountCall(t.plusSeconds(240), "s", 3, 6, false, "ResourceInUseException: busy"));

        assertThat(TextReport.callLines(calls)).containsExactly(
                "2026-01-05T00:01:00Z .. 2026-01-05T00:03:00Z  3 -> 1  refused 3 times: LimitExceededException: below half",
                "2026-01-05T00:04:00Z  3 -> 6  scale-up",
                "2026-01-05T00:05:00Z  3 -> 6  refused: ResourceInUseException: busy");
    }

    @Test
    void tabulatesPoliciesAsMarkdown() {
        TrafficTrace trace = diurnal.trace();
        String table = TextReport.comparison(List.of(new TextReport.Row(diurnal,
                CostEstimate.of(trace, diurnal.shardHours(), PriceTable.US_EAST_1))));

        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table.lines().findFirst().orElseThrow()).isEqualTo("| trace | days | policy | shard-hours | peak shards "
                + "| minutes over capacity | scaling calls | refused calls | provisioned cost | on-demand cost |");
        assertThat(table.lines().skip(2).findFirst().orElseThrow()).startsWith("| diurnal | 3 | project | ");
    }
}
