package dev.kinesisautoscaling.runtime.wire;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as it arrived on the socket.
 *
 * @param method the request method
 * @param rawPath the path, still percent-encoded
 * @param rawQuery the query string without {@code ?}, still percent-encoded, or empty
 * @param headers the headers by lower-case name, in arrival order
 * @param body the body bytes
 */
public record WireRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                          byte[] body) {

    /**
     * The first value of a header.
     *
     * @param name the header's name, in any case
     * @return the value, or null when the header is absent
     */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The path split at {@code /} with each segment percent-decoded, so that a function ARN in a
     * path segment comes back whole.
     *
     * @return the decoded segments, without the empty one before the leading slash
     */
    public List<String> pathSegments() {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }
}
