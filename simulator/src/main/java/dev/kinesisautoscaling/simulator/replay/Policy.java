package dev.kinesisautoscaling.simulator.replay;

import dev.kinesisautoscaling.simulator.aws.SimulatedAws;
import java.io.PrintStream;

/** Which scaling function a replay delivers the alarm notifications to. */
public enum Policy {
    /** This project's scaling Lambda, {@link dev.kinesisautoscaling.runtime.ScalingHandler}, unchanged. */
    PROJECT("project"),
    /** The reference design's policy, {@link ReferencePolicyResponder}. */
    REFERENCE("reference");

    private final String label;

    Policy(String label) {
        this.label = label;
    }

    /**
     * The policy's name in reports and on the command line.
     *
     * @return {@code project} or {@code reference}
     */
    public String label() {
        return label;
    }

    /**
     * Builds the responder of this policy over a replay's simulated AWS.
     *
     * @param aws the simulated clients and clock
     * @param log where the project handler's log lines go
     * @return the responder
     */
    public ScalingResponder responder(SimulatedAws aws, PrintStream log) {
        return this == PROJECT ? new HandlerResponder(aws, log) : new ReferencePolicyResponder(aws);
    }
}
