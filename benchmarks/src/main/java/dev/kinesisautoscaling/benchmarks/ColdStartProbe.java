package dev.kinesisautoscaling.benchmarks;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.kinesisautoscaling.runtime.ScalingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM, with the deployable jar on its class path, and reports how long it took from
 * the JVM's start to the handler's first answer: what a cold start adds before the first decision.
 *
 * <p>Arguments: {@code scaling EVENT_FILE} (the real handler, configured from its environment
 * like in Lambda) or {@code bare}. The time goes to standard error as {@code cold-start-ms <n>}.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    /**
     * Builds the handler, handles one event and reports the time since the JVM started.
     *
     * @param args {@code scaling EVENT_FILE} or {@code bare}
     * @throws IOException when the event cannot be read
     */
    public static void main(String[] args) throws IOException {
        if ("scaling".equals(args[0])) {
            ScalingHandler handler = new ScalingHandler();
            try (InputStream event = Files.newInputStream(Path.of(args[1]))) {
                handler.handleEvent(event, OutputStream.nullOutputStream(), null);
            }
        } else {
            new BareHandler().handleRequest(new SNSEvent(), null);
        }
        long answered = System.currentTimeMillis();
        // Read after the answer, so that loading the management classes is not counted; the JVM
        // recorded its own start time, to the millisecond, when it began.
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.println("cold-start-ms " + (answered - started));
    }
}
