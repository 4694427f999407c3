package dev.kinesisautoscaling.simulator.replay;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.kinesisautoscaling.runtime.ScalingFailedException;
import dev.kinesisautoscaling.runtime.ScalingHandler;
import dev.kinesisautoscaling.runtime.ScalingReport;
import dev.kinesisautoscaling.simulator.aws.SimulatedAws;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Delivers notifications to this project's real scaling Lambda,
 * {@link dev.kinesisautoscaling.runtime.ScalingHandler}, built over the simulated clients and clock:
 * the code that runs in production decides every scaling of the replay.
 *
 * <p>An invocation that fails ({@link ScalingFailedException}) is counted under {@code FAILED_INVOCATION};
 * Lambda's retries of failed asynchronous invocations are not modelled.
 */
public final class HandlerResponder implements ScalingResponder {

    /** Outcome counted when an invocation failed as a whole. */
    public static final String FAILED_INVOCATION = "FAILED_INVOCATION";

    private final ScalingHandler handler;
    private final Map<String, Long> outcomes = new TreeMap<>();

    /**
     * Builds the handler over the simulated AWS.
     *
     * @param aws the simulated clients and clock
     * @param log where the handler's JSON log lines go
     */
    public HandlerResponder(SimulatedAws aws, PrintStream log) {
        this.handler = new ScalingHandler(aws.kinesis(), aws.cloudWatch(), aws.lambda(), aws.clock(), log);
    }

    @Override
    public void deliver(SNSEvent event) {
        try {
            ScalingReport report = handler.handleRequest(event, null);
            for (ScalingReport.RecordResult result : report.getRecords()) {
                outcomes.merge(result.getOutcome(), 1L, Long::sum);
            }
        } catch (ScalingFailedException e) {
            outcomes.merge(FAILED_INVOCATION, 1L, Long::sum);
        }
    }

    @Override
    public Map<String, Long> outcomes() {
        return Map.copyOf(outcomes);
    }
}
