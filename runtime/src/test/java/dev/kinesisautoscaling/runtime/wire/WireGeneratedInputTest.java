package dev.kinesisautoscaling.runtime.wire;

import dev.kinesisautoscaling.runtime.fakes.AwsCalls;
import dev.kinesisautoscaling.runtime.fakes.MalformedNotifications;
import dev.kinesisautoscaling.runtime.fakes.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated bad input, property-based: mutated real SNS fixtures, random JSON, random bytes and
 * mutated reconciliation requests, each sent as raw bytes through the function's entry point
 * {@code handleEvent} to the real handler with real SDK clients against {@link LocalAwsEndpoint},
 * where AWS is healthy and the streams {@code orders} (2 shards) and {@code payments} (4 shards)
 * have their alarm pairs.
 *
 * <p>Each property runs a fixed number of tries from a fixed seed ({@code -Dwire.generated.seed}
 * changes it, {@code -Dwire.generated.tries} scales the counts), so a run is repeatable: a
 * failure names the try's index and input ({@code -Dwire.generated.verbose=true} prints every
 * failing try). One endpoint and one handler serve all tries; the world is seeded again only after
 * a try changed it. Tries that fail are counted by kind in the line each property prints.
 *
 * <p>The generator is the test's own ({@link EventMutator}): a seeded {@link java.util.Random}, so
 * that a failing try is reproduced from the seed and its index.
 */
class WireGeneratedInputTest {

    private static final long SEED = Long.getLong("wire.generated.seed", 0x5EED_2026_1129L);
    private static final double TRIES_FACTOR = Double.parseDouble(System.getProperty("wire.generated.tries", "1"));
    private static final Instant NOW = Instant.parse("2026-11-29T16:00:00Z");
    private static final Map<String, Integer> STREAMS = Map.of("orders", 2, "payments", 4);

    private static LocalAwsEndpoint endpoint;
    private static AwsSystemProperties properties;
    private static AwsWorld world;
    private static WireLambda lambda;
    private static EventMutator mutator;
    private static final InputOracle ORACLE = new InputOracle(STREAMS.keySet());
    private static int generated;

    /** What the tries of one property did. */
    private static final class Tally {
        int tries;
        int validNotifications;
        int refusedAsNotJson;
        int refusedRequests;
        int awsRequests;
        final List<String> failures = new ArrayList<>();
        final Map<String, Integer> failureKinds = new TreeMap<>();
    }

    @BeforeAll
    static void start() {
        MutableClock clock = new MutableClock(NOW);
        endpoint = LocalAwsEndpoint.start(clock);
        properties = AwsSystemProperties.pointAt(endpoint.url());
        world = endpoint.world();
        seedWorld();
        lambda = new WireLambda(RuntimeSettings.defaults("us-east-1"), clock);
        mutator = new EventMutator(MalformedNotifications.fixtures());
    }

    @AfterAll
    static void stop() {
        properties.close();
        endpoint.close();
        System.out.println("generated input: " + generated + " inputs in total");
    }

    private static void seedWorld() {
        STREAMS.forEach((stream, shards) -> {
            WireFixtures.Policy policy = new WireFixtures.Policy();
            policy.max = 64;
            policy.consumerFunction = stream + "-consumer";
            WireFixtures.seedStream(world, stream, shards, policy);
        });
        world.clearRecordedCalls();
    }

    @Test
    void mutatedFixtureNotificationsNeverFailTheInvocationAndChangeAwsOnlyForAValidAlarmNotification() {
        Tally tally = forAll("mutated SNS fixtures", 1_000, mutator::mutatedFixture, WireGeneratedInputTest::checkNotification);

        assertThat(tally.validNotifications).as("tries that still held a valid ALARM notification (so the generator "
                + "reaches past the parser as well)").isGreaterThan(0);
        assertHeld(tally);
    }

    @Test
    void randomJsonNeverFailsTheInvocationNorChangesAws() {
        assertHeld(forAll("random JSON", 300, mutator::randomJson, WireGeneratedInputTest::checkNotification));
    }

    @Test
    void randomBytesAreRefusedAsNotJsonOrHandledWithoutTouchingAws() {
        Tally tally = forAll("random bytes", 300, mutator::randomBytes, WireGeneratedInputTest::checkNotification);

        assertThat(tally.refusedAsNotJson).as("inputs refused as not JSON").isGreaterThan(0);
        assertHeld(tally);
    }

    @Test
    void mutatedReconciliationRequestsAreRefusedOrCheckedButChangeNothingInAConsistentWorld() {
        assertHeld(forAll("mutated reconciliation requests", 300,
                random -> mutator.mutatedReconciliationRequest(random, List.of("orders", "payments")),
                WireGeneratedInputTest::checkReconciliation));
    }

    // ------------------------------------------------------------------ counterexamples the generator found, pinned

    /**
     * A notification of an alarm that does not exist (a deleted stack's, or a foreign alarm on the
     * topic) is bad input that retrying cannot fix: {@code ListTagsForResource} answers
     * {@code ResourceNotFoundException}, and the invocation neither fails nor writes anything.
     */
    @Test
    void treatsANotificationOfAnAlarmThatDoesNotExistAsBadInputWithoutFailingTheInvocation() {
        seedWorld();
        byte[] event = Notifications.eventBytes(List.of(
                Notifications.recordFor("events/orders-scale-up-alarm.json", "ghost", "ghost-1")));

        WireLambda.RawInvocation invocation = lambda.invoke(event);

        List<RecordedCall> calls = world.calls();
        seedWorld();
        assertThat(invocation.failure()).as("the invocation's failure; decisions %s", outcomes(invocation)).isNull();
        assertThat(calls).as("writes for a notification of an alarm that does not exist")
                .filteredOn(call -> AwsCalls.MUTATING.contains(call.operation())).isEmpty();
    }

    /**
     * A message from {@code orders-scale-up} whose {@code StreamName} dimension names
     * {@code payments}. CloudWatch never sends one (the dimension comes from the alarm's own
     * metrics), so it is not a valid notification of either pair: the handler compares the stream
     * the message names with the stream the alarms watch, and changes nothing.
     */
    @Test
    void leavesBothPairsAloneWhenANotificationsStreamDimensionNamesAnotherStream() {
        seedWorld();
        byte[] event = Notifications.eventBytes(List.of(withStreamDimension(
                Notifications.recordFor("events/orders-scale-up-alarm.json", "orders", "cross-1"), "payments")));

        WireLambda.RawInvocation invocation = lambda.invoke(event);

        List<RecordedCall> calls = world.calls();
        int ordersS1 = world.s1("orders-scale-up");
        Integer ordersReservation = world.reservedConcurrency("orders-consumer");
        seedWorld();
        assertThat(invocation.failure()).isNull();
        assertThat(calls).as("writes for an orders alarm's message naming payments; decisions %s", outcomes(invocation))
                .filteredOn(call -> AwsCalls.MUTATING.contains(call.operation())).isEmpty();
        assertThat(ordersS1).as("s1 of orders-scale-up (orders has 2 shards)").isEqualTo(2);
        assertThat(ordersReservation).as("the orders consumer's reservation (2 shards, 1 per shard)").isEqualTo(2);
    }

    /**
     * The same message when {@code payments} has as many shards as the {@code orders} alarms are
     * computed for, so that the pair would "match": {@code payments} is still not scaled on the
     * strength of an {@code orders} alarm.
     */
    @Test
    void neverScalesAStreamOnTheStrengthOfAnotherStreamsAlarm() {
        seedWorld();
        WireFixtures.Policy policy = new WireFixtures.Policy();
        policy.max = 64;
        policy.consumerFunction = "payments-consumer";
        WireFixtures.seedStream(world, "payments", 2, policy);
        world.clearRecordedCalls();
        byte[] event = Notifications.eventBytes(List.of(withStreamDimension(
                Notifications.recordFor("events/orders-scale-up-alarm.json", "orders", "cross-2"), "payments")));

        WireLambda.RawInvocation invocation = lambda.invoke(event);

        List<RecordedCall> calls = world.calls();
        seedWorld();
        assertThat(invocation.failure()).isNull();
        assertThat(calls).as("UpdateShardCount for an orders alarm's message naming payments; decisions %s",
                outcomes(invocation)).filteredOn(call -> call.operation().equals("UpdateShardCount")).isEmpty();
    }

    /**
     * Input that Jackson's encoding detection takes for UTF-32 but that is not valid UTF-32 is not
     * JSON either, and gets the documented answer to non-JSON input, {@link IllegalArgumentException}.
     */
    @Test
    void refusesBytesThatLookLikeUtf32ButAreNotAsNotJson() {
        seedWorld();
        byte[] event = {0, 0, 0, '{', (byte) 0xB4, 0x7F, (byte) 0xBC, (byte) 0xD5};

        WireLambda.RawInvocation invocation = lambda.invoke(event);

        assertThat(invocation.failure()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the event is not JSON");
        assertThat(world.calls()).isEmpty();
    }

    /**
     * A reconciliation request that pairs {@code orders-scale-up} with {@code payments-scale-down}
     * is malformed (the construct names a pair {@code <stream>-scale-up} and
     * {@code <stream>-scale-down}, and each alarm's tags name its partner): no alarm is changed.
     */
    @Test
    void changesNoAlarmForAReconciliationRequestThatPairsTwoStreamsAlarms() {
        seedWorld();
        byte[] request = "{\"reconcile\":[{\"scaleUpAlarm\":\"orders-scale-up\",\"scaleDownAlarm\":\"payments-scale-down\"}]}"
                .getBytes(StandardCharsets.UTF_8);

        WireLambda.RawInvocation invocation = lambda.invoke(request);

        List<RecordedCall> calls = world.calls();
        int paymentsDownS1 = world.s1("payments-scale-down");
        seedWorld();
        assertThat(invocation.failure()).as("the invocation's failure").satisfiesAnyOf(
                failure -> assertThat(failure).isNull(),
                failure -> assertThat(failure).isInstanceOf(IllegalArgumentException.class));
        assertThat(calls).as("writes for a pair of two streams' alarms; decisions %s", outcomes(invocation))
                .filteredOn(call -> AwsCalls.MUTATING.contains(call.operation())).isEmpty();
        assertThat(paymentsDownS1).as("s1 of payments-scale-down (payments has 4 shards)").isEqualTo(4);
    }

    private static ObjectNode withStreamDimension(
            ObjectNode record, String stream) {
        ObjectNode sns = (ObjectNode) record.get("Sns");
        String message = sns.get("Message").asText().replace("{\"value\":\"orders\",\"name\":\"StreamName\"}",
                "{\"value\":\"" + stream + "\",\"name\":\"StreamName\"}");
        sns.put("Message", message);
        return record;
    }

    // ------------------------------------------------------------------ the properties

    /**
     * For any input: no exception but the documented ones, and nothing changed in AWS unless a
     * record is a valid ALARM notification of a managed pair, in which case only that pair's
     * resources change and each stream is scaled at most once.
     */
    private static void checkNotification(EventMutator.Sample sample, Tally tally) {
        WireLambda.RawInvocation invocation = lambda.invoke(sample.bytes());
        List<RecordedCall> calls = world.calls();
        tally.awsRequests += calls.size();
        Optional<JsonNode> event = ORACLE.parse(sample.bytes());

        assertOnlyDocumentedExceptions(invocation, event, tally);
        Set<String> validStreams = event.map(ORACLE::streamsOfValidAlarmNotifications).orElse(Set.of());
        if (!validStreams.isEmpty()) {
            tally.validNotifications++;
        }
        List<RecordedCall> writes = calls.stream().filter(call -> AwsCalls.MUTATING.contains(call.operation())).toList();
        for (RecordedCall write : writes) {
            assertThat(validStreams.stream().anyMatch(stream -> belongsTo(write.resource(), stream)))
                    .as("a write for an input without a valid ALARM notification of its stream — %s(%s); the valid ALARM "
                            + "notifications are about %s; decisions %s", write.operation(), write.resource(), validStreams,
                            outcomes(invocation))
                    .isTrue();
        }
        Map<String, Long> scaled = calls.stream()
                .filter(call -> call.operation().equals("UpdateShardCount") && call.accepted())
                .collect(Collectors.groupingBy(RecordedCall::resource, Collectors.counting()));
        scaled.forEach((stream, count) -> assertThat(count)
                .as("more than one accepted UpdateShardCount of a stream — %s; decisions %s", stream, outcomes(invocation))
                .isEqualTo(1));
        if (!writes.isEmpty()) {
            seedWorld();
        }
    }

    /**
     * For any reconciliation request, in a world where every pair matches its stream: refused with
     * {@link IllegalArgumentException} when malformed, otherwise checked without failing, and in
     * neither case anything changed in AWS.
     */
    private static void checkReconciliation(EventMutator.Sample sample, Tally tally) {
        WireLambda.RawInvocation invocation = lambda.invoke(sample.bytes());
        List<RecordedCall> calls = world.calls();
        tally.awsRequests += calls.size();
        Optional<JsonNode> event = ORACLE.parse(sample.bytes());

        assertOnlyDocumentedExceptions(invocation, event, tally);
        if (invocation.failure() == null && event.isPresent() && ORACLE.isReconciliation(event.get())) {
            assertThat(ORACLE.isWellFormedReconciliation(event.get()))
                    .as("a malformed reconciliation request accepted — decisions %s", outcomes(invocation)).isTrue();
        }
        List<RecordedCall> writes = calls.stream().filter(call -> AwsCalls.MUTATING.contains(call.operation())).toList();
        if (!writes.isEmpty()) {
            seedWorld();
        }
        assertThat(writes).as("writes of a reconciliation in a consistent world — decisions %s", outcomes(invocation))
                .isEmpty();
    }

    private static void assertOnlyDocumentedExceptions(WireLambda.RawInvocation invocation, Optional<JsonNode> event,
                                                       Tally tally) {
        Throwable failure = invocation.failure();
        if (failure == null) {
            assertThat(event).as("an input the oracle cannot read was taken for JSON — decisions %s", outcomes(invocation))
                    .isPresent();
            assertThat(invocation.report().path("records").isArray()).as("a report without records — %s",
                    new String(invocation.output(), StandardCharsets.UTF_8)).isTrue();
            return;
        }
        boolean notJson = event.isEmpty();
        boolean malformedRequest = event.isPresent() && ORACLE.isReconciliation(event.get())
                && !ORACLE.isWellFormedReconciliation(event.get());
        assertThat(failure instanceof IllegalArgumentException && (notJson || malformedRequest))
                .as("an exception other than the documented ones (%s%s) — only non-JSON input and a malformed "
                        + "reconciliation request may make the handler throw, IllegalArgumentException, and AWS is healthy:\n%s",
                        failure.getClass().getName(), notJson ? ", input not JSON" : "", stackTrace(failure))
                .isTrue();
        if (notJson) {
            assertThat(failure.getMessage()).as("the message of the refusal of non-JSON input — ")
                    .startsWith("the event is not JSON");
            tally.refusedAsNotJson++;
        } else {
            tally.refusedRequests++;
        }
        assertThat(world.calls()).as("AWS requests for an input refused outright").isEmpty();
    }

    private static boolean belongsTo(String resource, String stream) {
        return resource.equals(stream) || resource.equals(stream + AlarmContract.SCALE_UP_SUFFIX)
                || resource.equals(stream + AlarmContract.SCALE_DOWN_SUFFIX) || resource.equals(stream + "-consumer");
    }

    // ------------------------------------------------------------------ the harness

    /**
     * Runs a property over generated inputs, each try from its own seed derived from {@link #SEED},
     * the property's name and the try's index; collects every failing try instead of stopping at the first.
     */
    private static Tally forAll(String property, int tries, Function<Random, EventMutator.Sample> generator,
                              BiConsumer<EventMutator.Sample, Tally> check) {
        Tally tally = new Tally();
        int count = (int) Math.max(1, Math.round(tries * TRIES_FACTOR));
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long trySeed = SEED ^ (property.hashCode() * 0x9E3779B97F4A7C15L) ^ (i * 0xC2B2AE3D27D4EB4FL);
            EventMutator.Sample sample = generator.apply(new Random(trySeed));
            world.clearRecordedCalls();
            try {
                check.accept(sample, tally);
            } catch (AssertionError e) {
                tally.failures.add("try " + i + " of '" + property + "' (seed " + SEED + "): " + e.getMessage()
                        + "\n  input: " + sample.describe());
                tally.failureKinds.merge(kindOf(e), 1, Integer::sum);
                seedWorld();
            }
            tally.tries++;
        }
        generated += tally.tries;
        if (Boolean.getBoolean("wire.generated.verbose")) {
            tally.failures.forEach(failure -> System.out.println("generated input failure: " + failure));
        }
        System.out.printf("generated input: %s: %d tries (seed %d), %d held, %d with a valid ALARM notification, "
                        + "%d refused as not JSON, %d refused as malformed requests, %d AWS requests, in %d ms%s%n", property,
                tally.tries, SEED, tally.tries - tally.failures.size(), tally.validNotifications, tally.refusedAsNotJson,
                tally.refusedRequests, tally.awsRequests, (System.nanoTime() - started) / 1_000_000,
                tally.failureKinds.isEmpty() ? "" : "; failures by kind: " + tally.failureKinds);
        return tally;
    }

    /** What kind of failure an assertion reports: its description up to the dash that starts the particulars. */
    private static String kindOf(AssertionError failure) {
        String message = String.valueOf(failure.getMessage()).strip();
        if (message.startsWith("[")) {
            message = message.substring(1);
        }
        int particulars = message.indexOf(" — ");
        return (particulars < 0 ? message.lines().findFirst().orElse("") : message.substring(0, particulars)).strip();
    }

    private static void assertHeld(Tally tally) {
        assertThat(tally.failures).as("failing tries (%d of %d); the first ones:\n%s", tally.failures.size(), tally.tries,
                String.join("\n\n", tally.failures.subList(0, Math.min(5, tally.failures.size())))).isEmpty();
    }

    private static List<String> outcomes(WireLambda.RawInvocation invocation) {
        List<String> outcomes = new ArrayList<>();
        for (JsonNode decision : invocation.decisions()) {
            outcomes.add(decision.path("outcome").asText() + " " + decision.path("StreamName").asText("")
                    + " (" + decision.path("reason").asText() + ")");
        }
        return outcomes;
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
