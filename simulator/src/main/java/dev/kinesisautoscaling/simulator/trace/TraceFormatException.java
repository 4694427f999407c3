package dev.kinesisautoscaling.simulator.trace;

import dev.kinesisautoscaling.simulator.SimulatorInputException;

/**
 * A trace file does not follow the documented format; the message names the line and column.
 */
public final class TraceFormatException extends SimulatorInputException {

    private static final long serialVersionUID = 1L;

    /**
     * Describes the problem.
     *
     * @param message what is wrong and where
     */
    public TraceFormatException(String message) {
        super(message);
    }

    /**
     * Describes the problem and keeps its cause.
     *
     * @param message what is wrong and where
     * @param cause the underlying failure
     */
    public TraceFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
