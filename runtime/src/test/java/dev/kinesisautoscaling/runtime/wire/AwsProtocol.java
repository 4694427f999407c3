package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AWS wire protocol as the local endpoint speaks it: which requests it serves, how it reads
 * their operation and input, and how it writes outputs and errors.
 */
interface AwsProtocol {

    /**
     * A request read by a protocol.
     *
     * @param operation the operation's name
     * @param resource the stream, alarm or function it is about, which selects the world
     * @param input the operation's input
     */
    record ParsedCall(String operation, String resource, JsonNode input) {
    }

    /** The SigV4 signing name of the service, such as {@code kinesis}. */
    String service();

    /** Whether a request is addressed to this service. */
    boolean accepts(WireRequest request);

    /** Reads a request; throws {@link ServiceError} when it does not follow the protocol. */
    ParsedCall parse(WireRequest request);

    /** Writes an operation's output. */
    WireResponse success(String operation, JsonNode output);

    /** Writes an error. */
    WireResponse error(ServiceError error);

    /** The error a fault kind answers with, for the kinds that answer. */
    ServiceError faultError(FaultKind kind, String operation);

    /**
     * What a fault does to the response.
     *
     * @param kind the fault
     * @param operation the operation struck
     * @return the response
     */
    default WireResponse fault(FaultKind kind, String operation) {
        return switch (kind) {
            case CONNECTION_RESET -> WireResponse.reset();
            case NO_RESPONSE -> WireResponse.noResponse();
            default -> error(faultError(kind, operation));
        };
    }
}
