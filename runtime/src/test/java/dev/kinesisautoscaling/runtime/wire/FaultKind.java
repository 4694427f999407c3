package dev.kinesisautoscaling.runtime.wire;

/**
 * The ways the local endpoint can make an AWS call go wrong, each rendered the way the service in
 * question really fails.
 */
public enum FaultKind {
    /**
     * The service throttles the call: Kinesis {@code LimitExceededException} (400), CloudWatch
     * {@code Throttling} (400), Lambda {@code TooManyRequestsException} (429).
     */
    THROTTLING,
    /** HTTP 500: Kinesis {@code InternalFailure}, CloudWatch {@code InternalServiceFault}, Lambda {@code ServiceException}. */
    SERVER_ERROR,
    /** The connection is reset (TCP RST) after the request was read, without any response. */
    CONNECTION_RESET,
    /** The request is read and no response ever comes; the client has to give up. */
    NO_RESPONSE,
    /** The caller lacks the permission: Kinesis 400 {@code AccessDeniedException}, CloudWatch 403 {@code AccessDenied}, Lambda 403 {@code AccessDeniedException}. */
    ACCESS_DENIED,
    /** Kinesis {@code ResourceInUseException} (400): the stream is busy. */
    RESOURCE_IN_USE;

    /**
     * Whether the fault loses the response rather than answering with an error, so that it can
     * strike after the call took effect.
     *
     * @return true for a server error, a reset and a missing response
     */
    public boolean canFollowTheEffect() {
        return this == SERVER_ERROR || this == CONNECTION_RESET || this == NO_RESPONSE;
    }
}
