package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The AWS state behind the local endpoint for one test: Kinesis streams, CloudWatch alarms with
 * their tags, Lambda functions with their reserved concurrency, the faults to inject and every
 * request that arrived.
 *
 * <p>An endpoint can host several worlds at once; a request belongs to the world whose
 * {@link #prefix()} starts the name of the stream, alarm or function it is about, so that
 * independent tests can share one endpoint (and one {@code aws.endpointUrl}) in parallel. Each
 * world tells time by its own clock, shared with the handler under test.
 *
 * <p>All methods are thread-safe.
 */
public final class AwsWorld {

    /** What one stream looks like now. */
    public record StreamView(String name, String status, String mode, int openShardCount, int acceptedUpdates) {
    }

    private final String prefix;
    private final Clock clock;
    private final StreamStore kinesis = new StreamStore();
    private final AlarmStore cloudWatch = new AlarmStore();
    private final FunctionStore lambda = new FunctionStore();
    private final List<Fault> faults = new ArrayList<>();
    private final Map<String, Map<String, Integer>> callNumbers = new HashMap<>();
    private final Map<String, Integer> requestNumbers = new HashMap<>();
    private final List<RecordedCall> calls = new ArrayList<>();

    AwsWorld(String prefix, Clock clock) {
        this.prefix = prefix;
        this.clock = clock;
    }

    /**
     * The prefix of the names of this world's resources; empty for an endpoint's default world.
     *
     * @return the prefix
     */
    public String prefix() {
        return prefix;
    }

    /**
     * The clock this world tells time by.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- Kinesis

    /**
     * Adds an {@code ACTIVE} provisioned stream.
     *
     * @param name the stream's name
     * @param openShards its open shard count
     */
    public synchronized void addStream(String name, int openShards) {
        kinesis.add(name, openShards, clock.instant());
    }

    /**
     * Switches a stream to on-demand capacity mode.
     *
     * @param name the stream's name
     */
    public synchronized void makeOnDemand(String name) {
        kinesis.get(name, clock.instant()).mode = "ON_DEMAND";
    }

    /**
     * Starts a reshard that was not asked for by the handler (an operator's, say): the stream is
     * {@code UPDATING} towards the target for {@link #updatingDuration}.
     *
     * @param name the stream's name
     * @param target the shard count it is resharding to
     */
    public synchronized void startReshard(String name, int target) {
        StreamStore.Stream stream = kinesis.get(name, clock.instant());
        stream.status = "UPDATING";
        stream.targetShards = target;
        stream.updatingUntil = clock.instant().plus(kinesis.updatingDuration());
    }

    /**
     * How long a stream stays {@code UPDATING} after an accepted {@code UpdateShardCount}; 30 s unless set.
     *
     * @param duration the time on the world's clock
     */
    public synchronized void updatingDuration(Duration duration) {
        kinesis.updatingDuration(duration);
    }

    /**
     * What a stream looks like now, by the world's clock.
     *
     * @param name the stream's name
     * @return the stream
     */
    public synchronized StreamView stream(String name) {
        StreamStore.Stream stream = kinesis.get(name, clock.instant());
        return new StreamView(stream.name, stream.status, stream.mode, stream.openShards, stream.acceptedUpdates.size());
    }

    // ---------------------------------------------------------------- CloudWatch

    /**
     * Adds an alarm as CloudFormation would have created it, without a recorded call.
     *
     * @param configuration the alarm in the shape of a {@code PutMetricAlarm} request
     * @param state its state
     * @param tags its tags
     */
    public synchronized void addAlarm(ObjectNode configuration, String state, Map<String, String> tags) {
        cloudWatch.seed(configuration, state, tags, clock.instant());
    }

    /**
     * An alarm as {@code DescribeAlarms} returns it, its timestamps as ISO-8601 text.
     *
     * @param name the alarm's name
     * @return a copy of the alarm, or null when there is none
     */
    public synchronized ObjectNode alarm(String name) {
        ObjectNode alarm = cloudWatch.describe(name);
        if (alarm != null) {
            alarm.properties().forEach(field -> {
                if (field.getValue() instanceof POJONode pojo && pojo.getPojo() instanceof Instant instant) {
                    field.setValue(TextNode.valueOf(instant.toString()));
                }
            });
        }
        return alarm;
    }

    /**
     * An alarm's tags.
     *
     * @param alarmName the alarm's name
     * @return a copy of the tags, or null when there is no such alarm
     */
    public synchronized Map<String, String> tags(String alarmName) {
        return cloudWatch.tags(alarmName);
    }

    /**
     * The states {@code SetAlarmState} put an alarm in, in order.
     *
     * @param alarmName the alarm's name
     * @return the states
     */
    public synchronized List<String> statesSet(String alarmName) {
        return cloudWatch.statesSet(alarmName);
    }

    /**
     * The value of an alarm's metric-math constant {@code s1}: the shard count it is computed for.
     *
     * @param alarmName the alarm's name
     * @return the shard count
     */
    public synchronized int s1(String alarmName) {
        for (JsonNode query : cloudWatch.describe(alarmName).path("Metrics")) {
            if ("s1".equals(query.path("Id").asText())) {
                return Integer.parseInt(query.path("Expression").asText());
            }
        }
        throw new IllegalStateException("alarm " + alarmName + " has no s1");
    }

    // ---------------------------------------------------------------- Lambda

    /**
     * Adds a function.
     *
     * @param name the function's name
     * @param reservedConcurrency its reservation, or null for none
     */
    public synchronized void addFunction(String name, Integer reservedConcurrency) {
        lambda.add(name);
        lambda.reserve(name, reservedConcurrency);
    }

    /**
     * Sets the account's concurrency and the part of it that reservations must leave free.
     *
     * @param concurrency the account's concurrency limit
     * @param minimumUnreserved the minimum unreserved concurrency
     */
    public synchronized void accountConcurrency(int concurrency, int minimumUnreserved) {
        lambda.accountConcurrency(concurrency, minimumUnreserved);
    }

    /**
     * A function's reserved concurrency.
     *
     * @param nameOrArn the function's name or ARN
     * @return the reservation, or null when the function draws on the unreserved pool
     */
    public synchronized Integer reservedConcurrency(String nameOrArn) {
        return lambda.reservation(FunctionStore.functionName(nameOrArn));
    }

    // ---------------------------------------------------------------- faults and records

    /**
     * Injects a fault; call numbers count from the calls this world has seen so far.
     *
     * @param fault the fault
     */
    public synchronized void inject(Fault fault) {
        int seen = callNumbers.getOrDefault(fault.operation(), Map.of()).size();
        faults.add(fault.call() == Fault.EVERY_CALL ? fault
                : new Fault(fault.operation(), fault.call() + seen, fault.kind(), fault.timing(), fault.requests()));
    }

    /** Removes every injected fault. */
    public synchronized void clearFaults() {
        faults.clear();
    }

    /** Forgets the requests recorded so far (call numbering and faults stay). */
    public synchronized void clearRecordedCalls() {
        calls.clear();
    }

    /**
     * Every request this world received, in order.
     *
     * @return the requests
     */
    public synchronized List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    /**
     * The requests this world received after a number of earlier ones, in order.
     *
     * @param earlier how many requests to leave out: the size of {@link #calls()} taken before
     * @return the requests since
     */
    public synchronized List<RecordedCall> callsSince(int earlier) {
        return List.copyOf(calls.subList(earlier, calls.size()));
    }

    /**
     * The requests of one operation, in order.
     *
     * @param operation the operation
     * @return the requests
     */
    public synchronized List<RecordedCall> calls(String operation) {
        return calls.stream().filter(call -> call.operation().equals(operation)).toList();
    }

    /**
     * How many requests of an operation took effect.
     *
     * @param operation the operation
     * @return the count
     */
    public synchronized int accepted(String operation) {
        return (int) calls.stream().filter(call -> call.operation().equals(operation) && call.accepted()).count();
    }

    // ---------------------------------------------------------------- serving

    /**
     * Serves one request: numbers it, applies a fault that strikes it, runs the operation and
     * records what happened. Never blocks: a response that never comes is returned as such and
     * held by the server thread, outside this world's lock.
     */
    synchronized WireResponse serve(AwsProtocol protocol, AwsProtocol.ParsedCall parsed, WireRequest request) {
        String operation = parsed.operation();
        String invocation = request.header("amz-sdk-invocation-id");
        if (invocation == null) {
            invocation = UUID.randomUUID().toString();
        }
        Map<String, Integer> numbers = callNumbers.computeIfAbsent(operation, k -> new LinkedHashMap<>());
        int call = numbers.computeIfAbsent(invocation, k -> numbers.size() + 1);
        int requestNumber = requestNumbers.merge(operation + "/" + invocation, 1, Integer::sum);
        Fault fault = faults.stream().filter(f -> f.strikes(operation, call, requestNumber)).findFirst().orElse(null);

        WireResponse response;
        boolean accepted = false;
        if (fault != null && (fault.timing() == Fault.Timing.BEFORE_EFFECT || !fault.kind().canFollowTheEffect())) {
            response = protocol.fault(fault.kind(), operation);
        } else {
            try {
                JsonNode output = execute(protocol.service(), operation, parsed.input());
                accepted = true;
                response = protocol.success(operation, output);
            } catch (ServiceError error) {
                response = protocol.error(error);
            }
            if (fault != null) {
                response = protocol.fault(fault.kind(), operation);
            }
        }
        calls.add(new RecordedCall(protocol.service(), operation, parsed.resource(), call, requestNumber,
                sdkAttempt(request.header("amz-sdk-request")), request.method(), request.rawPath(), request.headers(),
                parsed.input(), accepted, fault, response.recordedStatus()));
        return response;
    }

    private JsonNode execute(String service, String operation, JsonNode input) {
        return switch (service) {
            case "kinesis" -> kinesis.execute(operation, input, clock.instant());
            case "monitoring" -> cloudWatch.execute(operation, input, clock.instant());
            case "lambda" -> lambda.execute(operation, input);
            default -> throw new IllegalStateException(service);
        };
    }

    private static int sdkAttempt(String header) {
        if (header == null) {
            return 0;
        }
        for (String part : header.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith("attempt=")) {
                return Integer.parseInt(trimmed.substring("attempt=".length()));
            }
        }
        return 0;
    }
}
