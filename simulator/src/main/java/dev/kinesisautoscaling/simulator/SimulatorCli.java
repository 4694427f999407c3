package dev.kinesisautoscaling.simulator;

import dev.kinesisautoscaling.AutoScalingKinesisStreamProps;
import dev.kinesisautoscaling.simulator.cloudwatch.MetricStore;
import dev.kinesisautoscaling.simulator.cost.CostEstimate;
import dev.kinesisautoscaling.simulator.cost.PriceTable;
import dev.kinesisautoscaling.simulator.replay.Policy;
import dev.kinesisautoscaling.simulator.replay.Replay;
import dev.kinesisautoscaling.simulator.replay.ReplayResult;
import dev.kinesisautoscaling.simulator.replay.ReplaySettings;
import dev.kinesisautoscaling.simulator.report.CapacityChart;
import dev.kinesisautoscaling.simulator.report.TextReport;
import dev.kinesisautoscaling.simulator.template.AlarmSource;
import dev.kinesisautoscaling.simulator.template.CloudFormationTemplateSource;
import dev.kinesisautoscaling.simulator.template.ConstructAlarmSource;
import dev.kinesisautoscaling.simulator.template.StreamAlarms;
import dev.kinesisautoscaling.simulator.trace.BundledTraces;
import dev.kinesisautoscaling.simulator.trace.TraceCsv;
import dev.kinesisautoscaling.simulator.trace.TraceGenerator;
import dev.kinesisautoscaling.simulator.trace.TrafficTrace;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The simulator's command line: replays a traffic trace through the stream's real alarms and this
 * project's real scaling Lambda, and reports shard-hours, time over capacity, scalings and the
 * cost of provisioned against on-demand mode.
 *
 * <p>Run it from the repository root:
 * <pre>
 * mvn -B -q -pl simulator -am process-classes exec:java -Dexec.args="--trace diurnal --chart target/diurnal.png"
 * mvn -B -q -pl simulator -am process-classes exec:java -Dexec.args="--trace traffic.csv --template cdk.out/MyStack.template.json"
 * mvn -B -q -pl simulator -am process-classes exec:java -Dexec.args="--compare"
 * </pre>
 */
@Command(name = "kinesis-autoscaling-simulator", mixinStandardHelpOptions = true,
        version = "kinesis-autoscaling simulator 0.1.0",
        description = {
            "Replays per-minute traffic through simulated Kinesis and CloudWatch, the stream's scaling alarms and "
                + "the real scaling Lambda, then reports shard-hours, minutes over capacity, UpdateShardCount calls "
                + "and provisioned vs on-demand cost.",
            "Trace CSV: header 'timestamp,incoming_bytes,incoming_records[,iterator_age_ms]' (or 'minute' instead "
                + "of 'timestamp'), one row per minute, '#' comments, optionally gzip-compressed (.gz)."})
public final class SimulatorCli implements Callable<Integer> {

    /** The template used when none is given: the construct's defaults. */
    public static final String DEFAULT_TEMPLATE = "/templates/default-alarms.template.json";

    @Spec
    private CommandSpec spec;

    @Option(names = "--trace", paramLabel = "FILE|NAME",
            description = "Trace CSV file (.csv or .csv.gz), or a bundled trace: steady, diurnal, spike, ramp, weekly.")
    private String trace;

    @Option(names = "--template", paramLabel = "FILE",
            description = "Synthesized CloudFormation template (cdk.out/<Stack>.template.json) with the scaling alarms. "
                + "Default: the construct's default alarms (up 0.75 for 5 of 5, down 0.25 for 57 of 60, 5-minute periods).")
    private Path template;

    @Option(names = "--stream", paramLabel = "NAME",
            description = "The stream whose alarms to replay, and the name of the template's stream when the template "
                + "does not name it. Default: the template's only stream; '" + StreamAlarms.DEFAULT_STREAM_NAME + "' without a template.")
    private String stream;

    @Option(names = "--initial-shards", paramLabel = "N",
            description = "Shard count at the start. Default: the count the template's alarms were computed for (s1).")
    private Integer initialShards;

    @Option(names = "--update-duration", paramLabel = "DURATION", defaultValue = "2m",
            converter = DurationConverter.class,
            description = "How long a stream stays UPDATING after UpdateShardCount, such as 90s, 2m or PT5M. Default: ${DEFAULT-VALUE}.")
    private Duration updateDuration;

    @Option(names = "--notification-delay", paramLabel = "DURATION", defaultValue = "0s",
            converter = DurationConverter.class,
            description = "Time from an alarm's state change to the Lambda's invocation, under one minute. Default: ${DEFAULT-VALUE}.")
    private Duration notificationDelay;

    @Option(names = "--history", paramLabel = "MODE", defaultValue = "steady",
            description = "Metrics before the trace: 'steady' (the first minute's traffic, as on a running stream) or "
                + "'none' (a new stream). Default: ${DEFAULT-VALUE}.")
    private HistoryOption history;

    @Option(names = "--policy", paramLabel = "NAME", defaultValue = "project",
            description = "Scaling function: 'project' (the real ScalingHandler) or 'reference' (the reference design's "
                + "policy). Default: ${DEFAULT-VALUE}.")
    private Policy policy;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Price table (.json or .properties) overriding the us-east-1 defaults.")
    private Path prices;

    @Option(names = "--chart", paramLabel = "FILE.png",
            description = "Write a PNG chart of demand vs capacity (with --compare: of the first trace, project policy).")
    private Path chart;

    @Option(names = "--compare",
            description = "Replay both policies on every bundled trace (or on --trace) and print a Markdown table.")
    private boolean compare;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "Start of a trace with a 'minute' column. Default: where the bundled traces start, "
                + "2026-01-05T00:00:00Z.")
    private String start;

    @Option(names = "--handler-log", paramLabel = "FILE",
            description = "Write the scaling Lambda's JSON log lines to this file. Default: discard them.")
    private Path handlerLog;

    @Option(names = "--quiet", description = "Print no progress for long traces.")
    private boolean quiet;

    @ArgGroup(exclusive = false, validate = false,
            heading = "%nConstruct options, to build the alarms with the construct and these props instead of a template:%n")
    private ConstructOptions constructOptions;

    /** What the metrics looked like before the trace, in the command line's words. */
    enum HistoryOption {
        /** The first minute's traffic, as on a stream that has been running. */
        STEADY(MetricStore.History.REPEAT_FIRST_MINUTE),
        /** No datapoints: a new stream. */
        NONE(MetricStore.History.NONE);

        private final MetricStore.History history;

        HistoryOption(MetricStore.History history) {
            this.history = history;
        }
    }

    /**
     * Runs the command line and exits with its status when it is not zero.
     *
     * @param args the arguments; {@code --help} lists them
     */
    public static void main(String[] args) {
        int status = commandLine().execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * The simulator's command line, ready to execute. Names such as {@code --policy reference} are
     * read in any case. An input the simulator cannot use ({@link SimulatorInputException}) is
     * reported as its one-line message with a non-zero status; any other failure is a bug in the
     * simulator and keeps its stack trace.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SimulatorCli());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (!(exception instanceof SimulatorInputException)) {
                throw exception;
            }
            failed.getErr().println(failed.getColorScheme().errorText(exception.getMessage()));
            return failed.getCommandSpec().exitCodeOnExecutionException();
        });
        return commandLine;
    }

    /**
     * Runs the replays the options ask for.
     *
     * @return 0 on success
     * @throws Exception when an input cannot be used or an output cannot be written; see {@link #commandLine()}
     */
    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!compare && trace == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --trace, or --compare");
        }
        PriceTable priceTable = prices == null ? PriceTable.US_EAST_1 : PriceTable.load(prices);
        ReplaySettings settings = settings();
        AlarmSource source = alarmSource(settings);
        StreamAlarms alarms = source.load();

        try (PrintStream log = handlerLog == null ? new PrintStream(OutputStream.nullOutputStream())
                : new PrintStream(Files.newOutputStream(handlerLog), false, StandardCharsets.UTF_8)) {
            if (compare) {
                List<String> traces = trace == null ? BundledTraces.names() : List.of(trace);
                List<TextReport.Row> rows = new ArrayList<>();
                for (String name : traces) {
                    TrafficTrace traffic = loadTrace(name);
                    for (Policy each : Policy.values()) {
                        ReplayResult result = new Replay(traffic, alarms, each, settings, log).run(progress(err, traffic, each));
                        rows.add(new TextReport.Row(result, CostEstimate.of(traffic, result.shardHours(), priceTable)));
                    }
                }
                out.println("Alarms from " + source.description() + ", stream " + alarms.streamName() + ", "
                        + (initialShards == null ? alarms.shardCount() : initialShards) + " initial shard(s), "
                        + "reshards take " + settings.updateDuration().toSeconds() + " s; " + priceTable.source() + ".");
                out.println();
                out.print(TextReport.comparison(rows));
                if (chart != null && rows.size() > 0) {
                    CapacityChart.write(rows.get(0).result(), chart, 1400, 600);
                    out.println();
                    out.println("Chart of " + rows.get(0).result().trace().name() + " (" + Policy.PROJECT.label()
                            + " policy) written to " + chart);
                }
            } else {
                TrafficTrace traffic = loadTrace(trace);
                ReplayResult result = new Replay(traffic, alarms, policy, settings, log).run(progress(err, traffic, policy));
                out.print(TextReport.summary(result, CostEstimate.of(traffic, result.shardHours(), priceTable),
                        source.description()));
                if (chart != null) {
                    CapacityChart.write(result, chart, 1400, 600);
                    out.println("Chart written to " + chart);
                }
            }
        }
        out.flush();
        return 0;
    }

    /**
     * The alarms to replay: a template, or the construct built from the construct options, or the
     * bundled template of the construct's defaults (which a test keeps equal to what the construct builds).
     */
    private AlarmSource alarmSource(ReplaySettings settings) {
        AutoScalingKinesisStreamProps props = constructProps();
        if (props != null && template != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --template or construct options such as --min-shards, not both");
        }
        if (props != null) {
            return new ConstructAlarmSource(props, settings.account());
        }
        return template == null
                ? CloudFormationTemplateSource.fromResource(DEFAULT_TEMPLATE, Optional.of(stream == null ? StreamAlarms.DEFAULT_STREAM_NAME : stream),
                        settings.account())
                : CloudFormationTemplateSource.fromFile(template, Optional.ofNullable(stream), settings.account());
    }

    /** The construct's props from the construct options, or null when none is given. */
    private AutoScalingKinesisStreamProps constructProps() {
        if (constructOptions == null) {
            return null;
        }
        try {
            return constructOptions.props(stream == null ? StreamAlarms.DEFAULT_STREAM_NAME : stream, initialShards);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private ReplaySettings settings() {
        try {
            ReplaySettings settings = ReplaySettings.DEFAULTS.withUpdateDuration(updateDuration)
                    .withNotificationDelay(notificationDelay).withHistory(history.history);
            return initialShards == null ? settings : settings.withInitialShards(initialShards);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private TrafficTrace loadTrace(String name) {
        if (BundledTraces.isBundled(name) && !Files.exists(Path.of(name))) {
            return BundledTraces.load(name);
        }
        Path file = Path.of(name);
        if (!Files.exists(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--trace " + name
                    + " is neither a file nor a bundled trace (" + String.join(", ", BundledTraces.names()) + ")");
        }
        Instant first;
        try {
            first = start == null ? TraceGenerator.START : Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--start '" + start
                    + "' is not an instant such as 2026-01-05T00:00:00Z");
        }
        return TraceCsv.read(file, first);
    }

    /** Prints at most one line per second of wall time, and only for traces longer than a week. */
    private Replay.Progress progress(PrintWriter err, TrafficTrace traffic, Policy each) {
        if (quiet || traffic.minutes() <= 7 * 1440) {
            return Replay.SILENT;
        }
        long[] lastPrinted = {System.nanoTime()};
        return (done, total, elapsed) -> {
            long now = System.nanoTime();
            if (done < total && now - lastPrinted[0] < 1_000_000_000L) {
                return;
            }
            lastPrinted[0] = now;
            double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
            err.printf(Locale.ROOT, "%s (%s): %d of %d days replayed (%.0f%%), %.1f simulated days/s%n", traffic.name(),
                    each.label(), done / 1440, total / 1440, 100.0 * done / total, done / 1440.0 / seconds);
            err.flush();
        };
    }

    /** The construct's props the command line takes; picocli creates this object when one of them is given. */
    static final class ConstructOptions {

        @Option(names = "--min-shards", paramLabel = "N", description = "minShardCount.")
        private Integer minShards;

        @Option(names = "--max-shards", paramLabel = "N", description = "maxShardCount.")
        private Integer maxShards;

        @Option(names = "--scale-up-threshold", paramLabel = "X", description = "scaleUpThreshold.")
        private Double scaleUpThreshold;

        @Option(names = "--scale-down-threshold", paramLabel = "X", description = "scaleDownThreshold.")
        private Double scaleDownThreshold;

        @Option(names = "--metric-period", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "metricPeriod, such as 1m or 5m.")
        private Duration metricPeriod;

        @Option(names = "--scale-up-periods", paramLabel = "N", description = "scaleUpEvaluationPeriods.")
        private Integer scaleUpPeriods;

        @Option(names = "--scale-up-datapoints", paramLabel = "N", description = "scaleUpDatapointsToAlarm.")
        private Integer scaleUpDatapoints;

        @Option(names = "--scale-down-periods", paramLabel = "N", description = "scaleDownEvaluationPeriods.")
        private Integer scaleDownPeriods;

        @Option(names = "--scale-down-datapoints", paramLabel = "N", description = "scaleDownDatapointsToAlarm.")
        private Integer scaleDownDatapoints;

        @Option(names = "--iterator-age-block", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "iteratorAgeBlock, such as 30m (needs iterator_age_ms in the trace).")
        private Duration iteratorAgeBlock;

        /** The props of a stream with these options; the construct's defaults for those not given. */
        private AutoScalingKinesisStreamProps props(String streamName, Integer shardCount) {
            return AutoScalingKinesisStreamProps.builder()
                    .streamName(streamName)
                    .shardCount(shardCount)
                    .minShardCount(minShards)
                    .maxShardCount(maxShards)
                    .scaleUpThreshold(scaleUpThreshold)
                    .scaleDownThreshold(scaleDownThreshold)
                    .metricPeriod(wholeSeconds("--metric-period", metricPeriod))
                    .scaleUpEvaluationPeriods(scaleUpPeriods)
                    .scaleUpDatapointsToAlarm(scaleUpDatapoints)
                    .scaleDownEvaluationPeriods(scaleDownPeriods)
                    .scaleDownDatapointsToAlarm(scaleDownDatapoints)
                    .iteratorAgeBlock(wholeSeconds("--iterator-age-block", iteratorAgeBlock))
                    .build();
        }

        /** The CDK duration of an option, which counts whole seconds: a fraction would be dropped without a word. */
        private static software.amazon.awscdk.Duration wholeSeconds(String option, Duration value) {
            if (value == null) {
                return null;
            }
            if (value.getNano() != 0) {
                throw new IllegalArgumentException(option + " (" + value + ") must be a whole number of seconds");
            }
            return software.amazon.awscdk.Duration.seconds(value.getSeconds());
        }
    }

    /** Reads durations as {@code 90s}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT2M}. */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

        private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

        /**
         * Converts one value.
         *
         * @param value the option's text
         * @return the duration
         */
        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            Matcher matcher = SHORT.matcher(text);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            try {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 2m or PT2M");
            }
        }
    }
}
