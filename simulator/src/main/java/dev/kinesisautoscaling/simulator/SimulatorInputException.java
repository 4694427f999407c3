package dev.kinesisautoscaling.simulator;

/**
 * An input the simulator cannot use: a trace, a template, a price file or an alarm's metric math.
 * The message says what is wrong and where, so that the command line prints it alone, without a
 * stack trace.
 */
public abstract class SimulatorInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Describes the problem.
     *
     * @param message what is wrong and where
     */
    protected SimulatorInputException(String message) {
        super(message);
    }

    /**
     * Describes the problem and keeps its cause.
     *
     * @param message what is wrong and where
     * @param cause the underlying failure
     */
    protected SimulatorInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
