package dev.kinesisautoscaling.runtime.wire;

/**
 * An error that the simulated service answers with; each protocol renders it its own way.
 */
public final class ServiceError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String queryCode;
    private final int status;

    /**
     * An error whose AWS Query code is its code.
     *
     * @param status the HTTP status
     * @param code the error code, the name of the error shape
     * @param message the message
     */
    public ServiceError(int status, String code, String message) {
        this(status, code, code, message);
    }

    /**
     * An error whose AWS Query code differs from its shape name (CloudWatch's query-compatible errors).
     *
     * @param status the HTTP status
     * @param code the error shape's name
     * @param queryCode the code of the AWS Query protocol
     * @param message the message
     */
    public ServiceError(int status, String code, String queryCode, String message) {
        super(message);
        this.code = code;
        this.queryCode = queryCode;
        this.status = status;
    }

    /**
     * The error shape's name.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * The AWS Query code, for CloudWatch's {@code x-amzn-query-error} header.
     *
     * @return the query code
     */
    public String queryCode() {
        return queryCode;
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }
}
