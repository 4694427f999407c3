package dev.kinesisautoscaling.runtime.wire;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points the AWS SDK at a local endpoint through its standard JVM system properties
 * ({@code aws.endpointUrl}, the equivalent of {@code AWS_ENDPOINT_URL}, and static test
 * credentials), and puts the previous values back when closed.
 */
public final class AwsSystemProperties implements AutoCloseable {

    /** The access key id the tests sign with. */
    public static final String ACCESS_KEY_ID = "AKIAWIRETEST00000001";

    private final Map<String, String> previous = new LinkedHashMap<>();

    private AwsSystemProperties(Map<String, String> values) {
        values.forEach((name, value) -> {
            previous.put(name, System.getProperty(name));
            System.setProperty(name, value);
        });
    }

    /**
     * Sets the properties.
     *
     * @param endpoint the endpoint every service client should use
     * @return a handle that restores the previous values
     */
    public static AwsSystemProperties pointAt(URI endpoint) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("aws.endpointUrl", endpoint.toString());
        values.put("aws.accessKeyId", ACCESS_KEY_ID);
        values.put("aws.secretAccessKey", "wire-test-secret-key-not-a-real-one");
        return new AwsSystemProperties(values);
    }

    /** Restores the previous values (clearing the properties that were not set). */
    @Override
    public void close() {
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
