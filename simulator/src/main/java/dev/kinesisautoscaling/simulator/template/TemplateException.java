package dev.kinesisautoscaling.simulator.template;

import dev.kinesisautoscaling.simulator.SimulatorInputException;

/**
 * A template cannot be turned into alarms: unreadable JSON, no scaling alarm, an intrinsic
 * function the simulator cannot resolve. The message names the resource and property.
 */
public final class TemplateException extends SimulatorInputException {

    private static final long serialVersionUID = 1L;

    /**
     * Describes the problem.
     *
     * @param message what is wrong and where
     */
    public TemplateException(String message) {
        super(message);
    }

    /**
     * Describes the problem and keeps its cause.
     *
     * @param message what is wrong and where
     * @param cause the underlying failure
     */
    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
