package dev.kinesisautoscaling.runtime.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP endpoint that speaks the wire protocols AWS SDK for Java 2.x really uses for the
 * scaling Lambda's calls, so that the real handler with real SDK clients can be tested end to end:
 *
 * <ul>
 *   <li>Kinesis, awsJson1_1 over CBOR ({@link KinesisProtocol}): {@code DescribeStreamSummary},
 *       {@code UpdateShardCount};</li>
 *   <li>CloudWatch, smithy-rpc-v2-cbor ({@link CloudWatchProtocol}): {@code DescribeAlarms},
 *       {@code ListTagsForResource}, {@code TagResource}, {@code PutMetricAlarm}, {@code SetAlarmState};</li>
 *   <li>Lambda, REST-JSON ({@link LambdaProtocol}): {@code PutFunctionConcurrency},
 *       {@code DeleteFunctionConcurrency}, {@code GetFunctionConcurrency}.</li>
 * </ul>
 *
 * <p>It listens on 127.0.0.1 on an ephemeral port. Every request must be SigV4-signed for
 * {@code us-east-1} and the right service; the state, the faults and the record of requests live
 * in {@link AwsWorld}s. Point the SDK at it with {@code aws.endpointUrl} ({@link #url()}).
 */
public final class LocalAwsEndpoint implements AutoCloseable {

    private static final Pattern CREDENTIAL_SCOPE =
            Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request,.*");

    private final List<AwsProtocol> protocols = List.of(new KinesisProtocol(), new CloudWatchProtocol(), new LambdaProtocol());
    private final List<AwsWorld> worlds = new CopyOnWriteArrayList<>();
    private final AwsWorld defaultWorld;
    private final RawHttpServer server;

    private LocalAwsEndpoint(Clock clock) {
        this.defaultWorld = new AwsWorld("", clock);
        worlds.add(defaultWorld);
        try {
            this.server = RawHttpServer.start(this::handle);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the local endpoint's socket", e);
        }
    }

    /**
     * Starts an endpoint whose default world tells time by the given clock.
     *
     * @param clock the default world's clock
     * @return the running endpoint
     */
    public static LocalAwsEndpoint start(Clock clock) {
        return new LocalAwsEndpoint(clock);
    }

    /**
     * The endpoint's URL, for {@code aws.endpointUrl}.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /**
     * The world that serves every resource no other world claims.
     *
     * @return the default world
     */
    public AwsWorld world() {
        return defaultWorld;
    }

    /**
     * Adds a world that serves the resources whose names start with a prefix.
     *
     * @param prefix the prefix of the names of the world's streams, alarms and functions
     * @param clock the world's clock
     * @return the world
     */
    public AwsWorld addWorld(String prefix, Clock clock) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("the empty prefix belongs to the default world");
        }
        AwsWorld world = new AwsWorld(prefix, clock);
        worlds.add(world);
        return world;
    }

    /**
     * Waits until a number of requests is held without a response, without sleeping: the server
     * threads signal a monitor when they start and stop holding one. A held request is let go
     * when its client disconnects (the SDK does so when its attempt times out) or at {@link #close()}.
     *
     * @param count the number of held requests to wait for; 0 to wait until all were released
     * @param timeout how long to wait at most
     * @return true when the number was reached
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitHeldRequests(int count, Duration timeout) throws InterruptedException {
        return server.awaitHeldRequests(count, timeout);
    }

    private WireResponse handle(WireRequest request) {
        AwsProtocol protocol = protocols.stream().filter(p -> p.accepts(request)).findFirst().orElse(null);
        if (protocol == null) {
            return WireResponse.answer(404, "text/plain", ("no AWS service at " + request.method() + " "
                    + request.rawPath()).getBytes(StandardCharsets.UTF_8));
        }
        String authorization = request.header("Authorization");
        Matcher scope = CREDENTIAL_SCOPE.matcher(authorization == null ? "" : authorization);
        if (!scope.matches() || !"us-east-1".equals(scope.group(2)) || !protocol.service().equals(scope.group(3))) {
            return protocol.error(new ServiceError(403, "IncompleteSignatureException", "IncompleteSignature",
                    "expected a SigV4 signature for us-east-1/" + protocol.service() + ", got " + authorization));
        }
        AwsProtocol.ParsedCall parsed;
        try {
            parsed = protocol.parse(request);
        } catch (ServiceError error) {
            return protocol.error(error);
        }
        return worldFor(parsed.resource()).serve(protocol, parsed, request)
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    }

    private AwsWorld worldFor(String resource) {
        return worlds.stream()
                .filter(world -> resource.startsWith(world.prefix()))
                .max(Comparator.comparingInt(world -> world.prefix().length()))
                .orElse(defaultWorld);
    }

    /** Stops the server; requests held without a response are released. */
    @Override
    public void close() {
        server.close();
    }
}
