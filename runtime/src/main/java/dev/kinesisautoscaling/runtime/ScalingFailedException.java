package dev.kinesisautoscaling.runtime;

/**
 * Thrown at the end of an invocation in which at least one record failed on an AWS call, so that
 * the invocation counts in the function's {@code Errors} metric and Lambda retries the event.
 * The records that did not fail are not scaled twice by the retry: they are stale by then.
 */
public class ScalingFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Describes the failed records.
     *
     * @param message which records failed and why
     */
    public ScalingFailedException(String message) {
        super(message);
    }
}
