package dev.kinesisautoscaling.benchmarks;

import dev.kinesisautoscaling.runtime.wire.LocalAwsEndpoint;
import dev.kinesisautoscaling.runtime.wire.WireFixtures;
import dev.kinesisautoscaling.simulator.SimulatorCli;
import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import dev.kinesisautoscaling.simulator.replay.Policy;
import dev.kinesisautoscaling.simulator.replay.Replay;
import dev.kinesisautoscaling.simulator.replay.ReplayResult;
import dev.kinesisautoscaling.simulator.replay.ReplaySettings;
import dev.kinesisautoscaling.simulator.template.CloudFormationTemplateSource;
import dev.kinesisautoscaling.simulator.template.StreamAlarms;
import dev.kinesisautoscaling.simulator.trace.TraceGenerator;
import dev.kinesisautoscaling.simulator.trace.TrafficTrace;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The project's benchmarks, one command, numbers printed (nothing asserted about time):
 *
 * <ul>
 *   <li>the deployable jar's size;</li>
 *   <li>the scaling function's cold start in a fresh JVM, up to its first decision against a local
 *       AWS endpoint, next to a handler that does nothing;</li>
 *   <li>{@code cdk synth} of the example app, next to an app with one plain stream;</li>
 *   <li>the simulator's speed, in simulated days per second, on a year of per-minute traffic.</li>
 * </ul>
 *
 * <p>Run from the repository root: {@code npm ci && benchmarks/run}.
 */
public final class Benchmarks {

    private static final int COLD_STARTS = 5;
    private static final int SYNTHS = 3;
    private static final int REPLAYS = 3;

    private Benchmarks() {
    }

    /**
     * Runs every benchmark and prints its figures.
     *
     * @param args ignored
     * @throws Exception when a benchmark cannot run
     */
    public static void main(String[] args) throws Exception {
        Path lambdaJar = Path.of(System.getProperty("benchmarks.lambdaJar"));
        Path root = Path.of(System.getProperty("benchmarks.root"));
        System.out.printf(Locale.ROOT, "kinesis-autoscaling benchmarks: %d cores, Java %s, %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("os.arch"));

        long bytes = Files.size(lambdaJar);
        System.out.printf(Locale.ROOT, "deployable jar: %.1f MiB (%,d bytes)%n", bytes / 1048576.0, bytes);

        coldStarts(lambdaJar);
        synths(root);
        simulator();
    }

    private static void coldStarts(Path lambdaJar) throws Exception {
        Path event = Files.createTempFile("scale-up-alarm", ".json");
        try (InputStream fixture = Benchmarks.class.getResourceAsStream("/events/orders-scale-up-alarm.json")) {
            Files.copy(fixture, event, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String classPath = lambdaJar + File.pathSeparator + System.getProperty("benchmarks.classes");
        List<Long> scaling = new ArrayList<>();
        List<Long> scalingProcess = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        List<Long> bareProcess = new ArrayList<>();
        for (int run = 0; run < COLD_STARTS; run++) {
            try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start(Clock.systemUTC())) {
                WireFixtures.seedStream(endpoint.world(), "orders", 2, new WireFixtures.Policy());
                long[] times = probe(classPath, endpoint.url().toString(), "scaling", event.toString());
                scaling.add(times[0]);
                scalingProcess.add(times[1]);
                int updates = endpoint.world().stream("orders").acceptedUpdates();
                if (updates != 1) {
                    throw new IllegalStateException("the cold-start run did not scale the stream once: " + updates);
                }
            }
            long[] times = probe(classPath, "http://127.0.0.1:9", "bare");
            bare.add(times[0]);
            bareProcess.add(times[1]);
        }
        System.out.printf(Locale.ROOT, "cold start, fresh JVM, %d runs, median (min): scaling handler %d ms (%d) from JVM "
                + "start to its first decision, %d ms (%d) for the whole process; bare handler %d ms (%d), %d ms (%d)%n",
                COLD_STARTS, median(scaling), Collections.min(scaling), median(scalingProcess),
                Collections.min(scalingProcess), median(bare), Collections.min(bare), median(bareProcess),
                Collections.min(bareProcess));
        Files.delete(event);
    }

    /** The probe's time from JVM start to the answer, and the whole process's wall time, in milliseconds. */
    private static long[] probe(String classPath, String endpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaExecutable(),
                // The same compiler setting as the deployed function.
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", classPath, ColdStartProbe.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "benchmark");
        env.put("AWS_SECRET_ACCESS_KEY", "benchmark");
        env.put("AWS_ENDPOINT_URL", endpoint);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "kinesis-autoscaling-benchmark");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        long start = System.nanoTime();
        Process process = builder.start();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("cold-start probe failed: " + errors);
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        for (String line : errors.split("\n")) {
            if (line.startsWith("cold-start-ms ")) {
                return new long[] {Long.parseLong(line.substring("cold-start-ms ".length()).trim()), wall};
            }
        }
        throw new IllegalStateException("cold-start probe printed no time: " + errors);
    }

    private static void synths(Path root) throws Exception {
        Path cdk = root.resolve("node_modules/.bin/cdk");
        if (!Files.isExecutable(cdk)) {
            System.out.println("cdk synth: skipped, the pinned CDK CLI is not installed (run npm ci in " + root + ")");
            return;
        }
        String classPath = System.getProperty("java.class.path");
        List<Long> example = new ArrayList<>();
        List<Long> bareApp = new ArrayList<>();
        for (int run = 0; run < SYNTHS; run++) {
            example.add(synth(root, cdk, classPath, "dev.kinesisautoscaling.example.ExampleApp"));
            bareApp.add(synth(root, cdk, classPath, BareStreamApp.class.getName()));
        }
        System.out.printf(Locale.ROOT, "cdk synth, %d runs: example app (2 auto-scaling streams, 1 scaler) median %.1f s "
                + "(min %.1f); bare app (1 plain stream) median %.1f s (min %.1f)%n", SYNTHS,
                median(example) / 1000.0, Collections.min(example) / 1000.0, median(bareApp) / 1000.0,
                Collections.min(bareApp) / 1000.0);
    }

    private static long synth(Path root, Path cdk, String classPath, String mainClass) throws Exception {
        Path out = Files.createTempDirectory("cdk-out-");
        ProcessBuilder builder = new ProcessBuilder(cdk.toString(), "synth", "--quiet", "--output", out.toString(),
                "--app", javaExecutable() + " -cp " + classPath + " " + mainClass)
                .directory(root.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        long start = System.nanoTime();
        Process process = builder.start();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("cdk synth of " + mainClass + " failed: " + errors);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        deleteTree(out);
        return millis;
    }

    private static void simulator() {
        TrafficTrace year = TraceGenerator.year();
        StreamAlarms alarms = CloudFormationTemplateSource.fromResource(SimulatorCli.DEFAULT_TEMPLATE,
                Optional.of("benchmark"), AwsAccount.DEFAULT).load();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        for (Policy policy : Policy.values()) {
            double best = 0;
            ReplayResult last = null;
            for (int round = 0; round < REPLAYS; round++) {
                last = new Replay(year, alarms, policy, ReplaySettings.DEFAULTS.withInitialShards(3), discard)
                        .run(Replay.SILENT);
                best = Math.max(best, last.simulatedDaysPerSecond());
            }
            System.out.printf(Locale.ROOT, "simulator, a year of per-minute traffic (%,d minutes), %s policy: best of %d "
                    + "%.0f simulated days/s (%.2f s); UpdateShardCount calls: %,d accepted, %,d refused; %.0f shard-hours%n",
                    year.minutes(), policy.label(), REPLAYS, best, 365 / best, last.acceptedCalls().size(),
                    last.refusedCalls().size(), last.shardHours());
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
