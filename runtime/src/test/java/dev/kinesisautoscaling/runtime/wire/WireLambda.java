package dev.kinesisautoscaling.runtime.wire;

import dev.kinesisautoscaling.runtime.fakes.TestContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kinesisautoscaling.runtime.RuntimeSettings;
import dev.kinesisautoscaling.runtime.ScalingFailedException;
import dev.kinesisautoscaling.runtime.ScalingHandler;
import dev.kinesisautoscaling.runtime.ScalingReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@link ScalingHandler}, built with its public constructor and therefore with real SDK
 * clients from {@code AwsClients.create}, plus the log lines it wrote. The SDK finds the endpoint
 * and the credentials through {@link AwsSystemProperties}, which must be in place when this is built.
 */
public final class WireLambda {

    /** What one invocation did. */
    public record Invocation(ScalingReport report, RuntimeException failure, List<JsonNode> decisions) {

        /**
         * Whether the invocation failed (Lambda would count it in {@code Errors} and retry).
         *
         * @return true when the handler threw
         */
        public boolean failed() {
            return failure != null;
        }

        /**
         * The outcome of the invocation's only decision.
         *
         * @return the outcome's name, such as {@code SCALED_UP}
         */
        public String outcome() {
            if (decisions.size() != 1) {
                throw new IllegalStateException("expected one decision, got " + decisions);
            }
            return decisions.get(0).path("outcome").asText();
        }

        /**
         * The decision's reason.
         *
         * @return the reason
         */
        public String reason() {
            return decisions.get(0).path("reason").asText();
        }
    }

    /**
     * What one invocation through the function's real entry point {@code handleEvent} did, given
     * the event's raw bytes as the Lambda runtime passes them.
     *
     * @param output the bytes the handler wrote (the report's JSON), empty when it threw
     * @param failure whatever the handler threw, or null
     * @param decisions the decision lines it logged, parsed
     */
    public record RawInvocation(byte[] output, Throwable failure, List<JsonNode> decisions) {

        /**
         * Whether the invocation failed.
         *
         * @return true when the handler threw
         */
        public boolean failed() {
            return failure != null;
        }

        /**
         * The outcomes of the decisions, in order.
         *
         * @return the outcomes' names
         */
        public List<String> outcomes() {
            return decisions.stream().map(decision -> decision.path("outcome").asText()).toList();
        }

        /**
         * The report the handler returned, parsed.
         *
         * @return the report's JSON
         * @throws IllegalStateException when the handler threw or wrote no JSON
         */
        public JsonNode report() {
            try {
                return JSON.readTree(output);
            } catch (IOException e) {
                throw new IllegalStateException("the handler wrote no JSON report", e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScalingHandler handler;
    private final LineCollector log = new LineCollector();
    private int linesRead;

    /**
     * Builds the handler.
     *
     * @param settings the runtime settings (region, attempts, timeouts)
     * @param clock the clock shared with the endpoint's world
     */
    public WireLambda(RuntimeSettings settings, Clock clock) {
        this.handler = new ScalingHandler(settings, clock, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    /**
     * Invokes the handler with an event, as Lambda would for one SNS delivery.
     *
     * @param event the event
     * @return what the invocation did
     */
    public Invocation deliver(SNSEvent event) {
        ScalingReport report = null;
        RuntimeException failure = null;
        try {
            report = handler.handleRequest(event, new TestContext(180_000));
        } catch (ScalingFailedException e) {
            failure = e;
        }
        return new Invocation(report, failure, newDecisions());
    }

    /**
     * Invokes the function's entry point {@code handleEvent} with the event's raw bytes and a
     * context with three minutes left, as Lambda does for both the SNS events and the schedule's
     * reconciliation requests.
     *
     * @param event the event's bytes
     * @return what the invocation did; any exception is captured, not thrown
     */
    public RawInvocation invoke(byte[] event) {
        return invoke(event, new TestContext(180_000));
    }

    /**
     * Invokes {@code handleEvent} with the event's raw bytes and the given context.
     *
     * @param event the event's bytes
     * @param context the invocation's context
     * @return what the invocation did; any exception is captured, not thrown
     */
    public RawInvocation invoke(byte[] event, Context context) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Throwable failure = null;
        try {
            handler.handleEvent(new ByteArrayInputStream(event), output, context);
        } catch (RuntimeException | IOException e) {
            failure = e;
        }
        return new RawInvocation(failure == null ? output.toByteArray() : new byte[0], failure, newDecisions());
    }

    private synchronized List<JsonNode> newDecisions() {
        List<String> fresh = log.lines(linesRead);
        linesRead += fresh.size();
        List<JsonNode> decisions = new ArrayList<>();
        for (JsonNode line : parse(fresh)) {
            if ("scaling decision".equals(line.path("message").asText())) {
                decisions.add(line);
            }
        }
        return decisions;
    }

    private static List<JsonNode> parse(List<String> lines) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                try {
                    parsed.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("log line is not JSON: " + line, e);
                }
            }
        }
        return parsed;
    }

    /**
     * Collects the handler's output line by line, so that reading the newest lines does not
     * re-read everything written before (a generated-input run writes thousands of lines).
     */
    private static final class LineCollector extends OutputStream {
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(current.toString(StandardCharsets.UTF_8));
                current.reset();
            } else {
                current.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    current.write(bytes, start, i - start);
                    lines.add(current.toString(StandardCharsets.UTF_8));
                    current.reset();
                    start = i + 1;
                }
            }
            current.write(bytes, start, offset + length - start);
        }

        synchronized List<String> lines(int from) {
            return List.copyOf(lines.subList(from, lines.size()));
        }
    }
}
