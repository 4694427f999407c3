package dev.kinesisautoscaling.runtime.wire;

/**
 * A fault injected into one operation of the local endpoint.
 *
 * <p>A <em>call</em> is one SDK API call with all its attempts, recognised by the SDK's
 * {@code amz-sdk-invocation-id} header; a <em>request</em> is one HTTP request of a call. A fault
 * strikes call number {@link #call()} of its operation (counting from 1 within the world it was
 * injected into), or every call when that is {@link #EVERY_CALL}; within a struck call it strikes
 * the first {@link #requests()} requests, so that throttling "that clears after k requests" and
 * throttling "that does not clear" are both expressible.
 *
 * @param operation the operation, such as {@code UpdateShardCount}
 * @param call the call number it strikes, or {@link #EVERY_CALL}
 * @param kind what goes wrong
 * @param timing whether the request takes effect before the fault strikes
 * @param requests how many requests of a struck call it strikes
 */
public record Fault(String operation, int call, FaultKind kind, Timing timing, int requests) {

    /** {@link #call()} of a fault that strikes every call of its operation. */
    public static final int EVERY_CALL = 0;
    /** {@link #requests()} of a fault that strikes every request of a struck call. */
    public static final int ALL_REQUESTS = Integer.MAX_VALUE;

    /** When a fault strikes relative to the request's effect. */
    public enum Timing {
        /** Nothing happens; the request fails. */
        BEFORE_EFFECT,
        /** The request takes effect, then its response is lost (or replaced by an error). */
        AFTER_EFFECT
    }

    /**
     * Checks the values.
     *
     * @param operation the operation
     * @param call the call number, or {@link #EVERY_CALL}
     * @param kind what goes wrong
     * @param timing before or after the effect
     * @param requests how many requests of a struck call it strikes, at least 1
     */
    public Fault {
        if (call < 0 || requests < 1) {
            throw new IllegalArgumentException("call (" + call + ") must be >= 0 and requests (" + requests + ") >= 1");
        }
    }

    /**
     * A fault that strikes every request of one call, before the effect.
     *
     * @param operation the operation
     * @param call the call number, from 1
     * @param kind what goes wrong
     * @return the fault
     */
    public static Fault on(String operation, int call, FaultKind kind) {
        return new Fault(operation, call, kind, Timing.BEFORE_EFFECT, ALL_REQUESTS);
    }

    /**
     * A fault that strikes every request of every call, before the effect.
     *
     * @param operation the operation
     * @param kind what goes wrong
     * @return the fault
     */
    public static Fault onEveryCall(String operation, FaultKind kind) {
        return new Fault(operation, EVERY_CALL, kind, Timing.BEFORE_EFFECT, ALL_REQUESTS);
    }

    /**
     * The same fault, striking after the request took effect.
     *
     * @return the fault
     */
    public Fault afterEffect() {
        return new Fault(operation, call, kind, Timing.AFTER_EFFECT, requests);
    }

    /**
     * The same fault, clearing after it struck the given number of requests of the call.
     *
     * @param struckRequests requests struck before the call goes through
     * @return the fault
     */
    public Fault clearingAfter(int struckRequests) {
        return new Fault(operation, call, kind, timing, struckRequests);
    }

    /**
     * Whether the fault strikes a request.
     *
     * @param requestOperation the request's operation
     * @param callNumber the number of the request's call within its operation
     * @param requestNumber the number of the request within its call
     * @return true when it strikes
     */
    public boolean strikes(String requestOperation, int callNumber, int requestNumber) {
        return operation.equals(requestOperation) && (call == EVERY_CALL || call == callNumber)
                && requestNumber <= requests;
    }

    @Override
    public String toString() {
        return kind + (timing == Timing.AFTER_EFFECT ? " after the effect" : "") + " on " + operation
                + (call == EVERY_CALL ? " (every call)" : " #" + call)
                + (requests == ALL_REQUESTS ? "" : " (clears after " + requests + " request" + (requests == 1 ? "" : "s") + ")");
    }
}
