package dev.kinesisautoscaling.simulator.math;

import dev.kinesisautoscaling.simulator.SimulatorInputException;

/**
 * An alarm's metric math cannot be parsed or evaluated: a syntax error, an unknown id, a cycle
 * between queries or a function the simulator does not model. The message names the alarm or
 * query and, for syntax errors, the position in the expression.
 */
public final class MetricMathException extends SimulatorInputException {

    private static final long serialVersionUID = 1L;

    /**
     * Describes the problem.
     *
     * @param message what is wrong and where
     */
    public MetricMathException(String message) {
        super(message);
    }
}
