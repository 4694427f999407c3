package dev.kinesisautoscaling.runtime.wire;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kinesisautoscaling.runtime.RuntimeSettings;
import dev.kinesisautoscaling.runtime.ScalingFailedException;
import dev.kinesisautoscaling.runtime.ScalingHandler;
import dev.kinesisautoscaling.runtime.ScalingReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScalingHandler handler;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
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
            report = handler.handleRequest(event, new WireContext());
        } catch (ScalingFailedException e) {
            failure = e;
        }
        return new Invocation(report, failure, newDecisions());
    }

    /**
     * Every log line written so far, parsed.
     *
     * @return the lines
     */
    public synchronized List<JsonNode> logLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("log line is not JSON: " + line, e);
                }
            }
        }
        return lines;
    }

    private synchronized List<JsonNode> newDecisions() {
        List<JsonNode> lines = logLines();
        List<JsonNode> fresh = lines.subList(linesRead, lines.size()).stream()
                .filter(line -> "scaling decision".equals(line.path("message").asText()))
                .toList();
        linesRead = lines.size();
        return fresh;
    }
}
