package dev.kinesisautoscaling.runtime.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the local endpoint does with a request: answer it, reset the connection, or never answer.
 *
 * @param kind how the request ends
 * @param status the HTTP status of an answer
 * @param headers the headers of an answer
 * @param body the body of an answer
 */
public record WireResponse(Kind kind, int status, Map<String, String> headers, byte[] body) {

    /** How a request ends on the wire. */
    public enum Kind {
        /** An HTTP response is written. */
        ANSWER,
        /** The connection is closed with a TCP reset and no response. */
        RESET,
        /** No response is written; the connection is held until the client gives up or the endpoint stops. */
        NO_RESPONSE
    }

    /**
     * An HTTP response.
     *
     * @param status the status code
     * @param contentType the body's content type, or null for no body
     * @param body the body
     * @return the response
     */
    public static WireResponse answer(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new WireResponse(Kind.ANSWER, status, headers, body);
    }

    /**
     * A reset connection.
     *
     * @return the response
     */
    public static WireResponse reset() {
        return new WireResponse(Kind.RESET, 0, Map.of(), new byte[0]);
    }

    /**
     * A response that never comes.
     *
     * @return the response
     */
    public static WireResponse noResponse() {
        return new WireResponse(Kind.NO_RESPONSE, 0, Map.of(), new byte[0]);
    }

    /**
     * The same answer with one more header; a reset or a missing response has no headers.
     *
     * @param name the header's name
     * @param value its value
     * @return this response, for chaining
     */
    public WireResponse withHeader(String name, String value) {
        if (kind == Kind.ANSWER) {
            headers.put(name, value);
        }
        return this;
    }

    /**
     * The status recorded for the request: the HTTP status, 0 for a reset, -1 for no response.
     *
     * @return the recorded status
     */
    public int recordedStatus() {
        return switch (kind) {
            case ANSWER -> status;
            case RESET -> 0;
            case NO_RESPONSE -> -1;
        };
    }
}
