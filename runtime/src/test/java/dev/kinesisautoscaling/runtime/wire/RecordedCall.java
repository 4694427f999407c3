package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request that reached the local endpoint, as the tests see it.
 *
 * @param service {@code kinesis}, {@code monitoring} or {@code lambda}
 * @param operation the operation, such as {@code UpdateShardCount}
 * @param resource the stream, alarm or function the request is about
 * @param call the number of the request's SDK call within its operation (all attempts of a call share it)
 * @param request the number of the request within its call, from 1
 * @param sdkAttempt the attempt number the SDK wrote into {@code amz-sdk-request}, or 0 when absent
 * @param method the HTTP method
 * @param path the raw request path
 * @param headers the request headers by lower-case name
 * @param input the decoded request body (CBOR or JSON), or the path parameters for a REST call
 * @param accepted whether the request took effect (for reads: whether it was served)
 * @param fault the fault that struck it, or null
 * @param status the HTTP status answered, 0 for a reset connection, -1 for no response
 */
public record RecordedCall(
        String service,
        String operation,
        String resource,
        int call,
        int request,
        int sdkAttempt,
        String method,
        String path,
        Map<String, List<String>> headers,
        JsonNode input,
        boolean accepted,
        Fault fault,
        int status) {

    /**
     * The first value of a request header.
     *
     * @param name the header's name, in any case
     * @return the value, or null when absent
     */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * A heading followed by requests, one a line, as a cell's transcript lists an invocation.
     *
     * @param heading the heading
     * @param calls the requests
     * @return the text
     */
    public static String listing(String heading, List<RecordedCall> calls) {
        StringBuilder text = new StringBuilder(heading);
        calls.forEach(call -> text.append("\n      ").append(call));
        return text.toString();
    }

    @Override
    public String toString() {
        return operation + "(" + resource + ") call " + call + " request " + request + " attempt " + sdkAttempt
                + " -> " + status + (accepted ? " accepted" : "") + (fault == null ? "" : " [" + fault + "]");
    }
}
