package dev.kinesisautoscaling.simulator.cost;

import dev.kinesisautoscaling.simulator.SimulatorInputException;

/**
 * A price file cannot be used: unreadable, not a JSON object, an unknown key or a value that is not
 * a price. The message names the file or the key.
 */
public final class PriceFileException extends SimulatorInputException {

    private static final long serialVersionUID = 1L;

    /**
     * Describes the problem.
     *
     * @param message what is wrong and where
     */
    public PriceFileException(String message) {
        super(message);
    }

    /**
     * Describes the problem and keeps its cause.
     *
     * @param message what is wrong and where
     * @param cause the underlying failure
     */
    public PriceFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
