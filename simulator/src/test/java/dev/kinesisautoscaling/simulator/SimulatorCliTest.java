package dev.kinesisautoscaling.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulatorCliTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = SimulatorCli.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int status = command.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void replaysATraceFileThroughATemplateAndWritesAChart(@TempDir Path directory) throws IOException {
        Path trace = directory.resolve("burst.csv");
        StringBuilder csv = new StringBuilder("minute,incoming_bytes,incoming_records\n");
        for (int m = 0; m < 240; m++) {
            double mib = m < 60 ? 1.0 : 3.5;
            csv.append(m).append(',').append((long) (mib * 1024 * 1024 * 60)).append(",6000\n");
        }
        Files.writeString(trace, csv);
        Path chart = directory.resolve("burst.png");

        Run run = run("--trace", trace.toString(), "--template", "src/test/resources/templates/orders-alarms.template.json",
                "--update-duration", "90s", "--chart", chart.toString(), "--start", "2026-02-02T08:00:00Z");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Trace burst: 240 minutes (0.2 days) from 2026-02-02T08:00:00Z")
                .contains("Stream orders, alarms from orders-alarms.template.json, project policy")
                .contains("Shards:             2 at the start, 8 at the end, 8 at most")
                .contains("2 -> 4  scale-up")
                .contains("4 -> 8  scale-up")
                .contains("Chart written to " + chart);
        assertThat(Files.size(chart)).isGreaterThan(0);
    }

    @Test
    void comparesBothPoliciesOnABundledTraceAsAMarkdownTable() {
        Run run = run("--compare", "--trace", "steady", "--initial-shards", "3", "--prices", "src/test/resources/prices.json");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("| trace | days | policy |")
                .contains("| steady | 3 | project | 216.0 | 3 | 0 | 0 | 0 |")
                .contains("| steady | 3 | reference | 216.0 | 3 | 0 | 0 | 0 |")
                .contains("eu-west-1 example prices");
    }

    @Test
    void replaysTheReferencePolicyWhenAsked() {
        Run run = run("--trace", "spike", "--initial-shards", "5", "--policy", "reference");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("reference policy").contains("5 -> 2  refused");
    }

    @Test
    void buildsTheAlarmsWithTheConstructFromItsOptions() {
        Run run = run("--trace", "steady", "--initial-shards", "3", "--min-shards", "2", "--max-shards", "8",
                "--metric-period", "1m", "--quiet");

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("AutoScalingKinesisStream props");
    }

    @Test
    void explainsConstructOptionsOutsideTheConstructsRules() {
        assertThat(run("--trace", "steady", "--scale-up-threshold", "0.5", "--scale-down-threshold", "0.3").err())
                .contains("scaleDownThreshold (0.3) must be less than half of scaleUpThreshold (0.5)");
        assertThat(run("--trace", "steady", "--template", "x.json", "--min-shards", "2").err())
                .contains("give either --template or construct options such as --min-shards, not both");
        assertThat(run("--trace", "steady", "--metric-period", "90500ms").err())
                .contains("--metric-period (PT1M30.5S) must be a whole number of seconds");
    }

    @Test
    void explainsUnusableArguments() {
        assertThat(run().err()).contains("give --trace, or --compare");
        assertThat(run("--trace", "no-such-trace").err())
                .contains("--trace no-such-trace is neither a file nor a bundled trace (steady, diurnal, spike, ramp, weekly)");
        assertThat(run("--trace", "steady", "--update-duration", "soon").err())
                .contains("'soon' is not a duration such as 90s, 2m or PT2M");
        assertThat(run("--trace", "steady", "--history", "old").status()).isNotZero();
        assertThat(run("--trace", "steady", "--notification-delay", "2m").err())
                .contains("notification delay (PT2M) must be at least zero and less than one minute");
    }

    @Test
    void reportsAnUnusableTraceInOneLineWithANonZeroStatus(@TempDir Path directory) throws IOException {
        Path trace = directory.resolve("bad.csv");
        Files.writeString(trace, "minute,incoming_bytes,incoming_records\n0,5,many\n");

        Run run = run("--trace", trace.toString(), "--quiet");

        assertThat(run.status()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                "trace bad, line 2: incoming_records 'many' is not a number");
    }

    @Test
    void reportsAnUnusablePriceFileInOneLine(@TempDir Path directory) throws IOException {
        Path prices = directory.resolve("prices.json");
        Files.writeString(prices, "{\"shardHour\": 0.01}");

        Run run = run("--trace", "steady", "--prices", prices.toString());

        assertThat(run.status()).isNotZero();
        assertThat(run.err().lines()).singleElement().asString().startsWith(prices + ": unknown price key 'shardHour'");
    }

    @Test
    void readsPolicyAndHistoryNamesInAnyCaseAndRejectsOthersBeforeLoadingAnything() {
        assertThat(run("--trace", "spike", "--initial-shards", "5", "--policy", "Reference", "--history", "NONE").out())
                .contains("reference policy");
        Run unknown = run("--trace", "steady", "--policy", "cheapest");
        assertThat(unknown.status()).isNotZero();
        assertThat(unknown.err()).contains("Invalid value for option '--policy'").contains("cheapest");
    }

    @Test
    void readsDurationsInShortAndIsoForms() {
        SimulatorCli.DurationConverter converter = new SimulatorCli.DurationConverter();

        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("PT5M")).isEqualTo(Duration.ofMinutes(5));
    }
}
