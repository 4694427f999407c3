package dev.kinesisautoscaling.runtime.wire;

import dev.kinesisautoscaling.runtime.fakes.MutableClock;
import dev.kinesisautoscaling.runtime.fakes.TestContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinesisautoscaling.runtime.RuntimeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Load: one invocation carrying 100 SNS records for 50 streams, through the function's entry point
 * {@code handleEvent}, with real SDK clients and the runtime's default timeouts
 * ({@link RuntimeSettings#defaults}) against {@link LocalAwsEndpoint}.
 *
 * <p>Every stream's alarm notifies twice, the records interleaved: most as SNS redelivers a message
 * (the same record twice), a few as variations (the alarm's later notification, an {@code OK}
 * after the {@code ALARM}, the other alarm of the pair). Half the streams live in a world where a
 * reshard completes at once, so that a duplicate finds the stream already scaled; the other half
 * in one where it takes 30 seconds, so that a duplicate finds the stream still resharding.
 *
 * <p>The test prints the time the invocation took; the only timing it asserts is Lambda's timeout.
 */
class WireLoadTest {

    private static final Instant NOW = Instant.parse("2026-11-29T16:00:00Z");
    private static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(180);
    private static final int STREAMS_PER_WORLD = 25;
    private static final long SHUFFLE_SEED = 20261129L;

    private static final String UP = "events/orders-scale-up-alarm.json";
    private static final String UP_LATER = "events/orders-scale-up-alarm-later.json";
    private static final String UP_OK = "events/orders-scale-up-ok.json";
    private static final String DOWN = "events/orders-scale-down-alarm.json";

    /** How a stream's two records differ. */
    private enum Variation {
        /** The scale-up notification, delivered twice by SNS (the same record). */
        SCALE_UP_DELIVERED_TWICE(2, 4, UP, UP),
        /** The scale-down notification, delivered twice by SNS (the same record). */
        SCALE_DOWN_DELIVERED_TWICE(4, 2, DOWN, DOWN),
        /** The scale-up notification, then the same alarm's later notification. */
        SCALE_UP_THEN_LATER_NOTIFICATION(2, 4, UP, UP_LATER),
        /** The scale-up notification, then the same alarm's OK notification. */
        SCALE_UP_THEN_OK(2, 4, UP, UP_OK),
        /** The scale-up notification, then the scale-down alarm's notification of the same stream. */
        SCALE_UP_THEN_SCALE_DOWN(2, 4, UP, DOWN);

        private final int shards;
        private final int scaledShards;
        private final String first;
        private final String second;

        Variation(int shards, int scaledShards, String first, String second) {
            this.shards = shards;
            this.scaledShards = scaledShards;
            this.first = first;
            this.second = second;
        }

        static Variation of(int indexInWorld) {
            if (indexInWorld < 20) {
                return SCALE_UP_DELIVERED_TWICE;
            }
            return switch (indexInWorld) {
                case 20, 21 -> SCALE_DOWN_DELIVERED_TWICE;
                case 22 -> SCALE_UP_THEN_LATER_NOTIFICATION;
                case 23 -> SCALE_UP_THEN_OK;
                default -> SCALE_UP_THEN_SCALE_DOWN;
            };
        }
    }

    private record LoadStream(AwsWorld world, String name, Variation variation, WireFixtures.Policy policy) {
    }

    private record Entry(LoadStream stream, boolean first, ObjectNode record) {
    }

    private final MutableClock clock = new MutableClock(NOW);
    private LocalAwsEndpoint endpoint;
    private AwsSystemProperties properties;
    private AwsWorld instant;
    private AwsWorld resharding;

    @BeforeEach
    void startEndpoint() {
        endpoint = LocalAwsEndpoint.start(clock);
        properties = AwsSystemProperties.pointAt(endpoint.url());
        instant = endpoint.addWorld("instant-", clock);
        instant.updatingDuration(Duration.ZERO);
        resharding = endpoint.addWorld("resharding-", clock);
    }

    @AfterEach
    void stopEndpoint() {
        properties.close();
        endpoint.close();
    }

    @Test
    void handlesOneHundredRecordsForFiftyStreamsWithinTheLambdaTimeoutScalingEachStreamOnce() {
        List<LoadStream> streams = new ArrayList<>();
        for (AwsWorld world : List.of(instant, resharding)) {
            for (int i = 0; i < STREAMS_PER_WORLD; i++) {
                streams.add(seed(world, world.prefix() + String.format("s%02d", i), Variation.of(i)));
            }
        }
        List<Entry> entries = interleave(streams);
        byte[] event = Notifications.eventBytes(entries.stream().map(Entry::record).toList());
        WireLambda lambda = new WireLambda(RuntimeSettings.defaults("us-east-1"), clock);

        TestContext context = TestContext.countingDown(LAMBDA_TIMEOUT);
        long started = System.nanoTime();
        WireLambda.RawInvocation invocation = lambda.invoke(event, context);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        int requests = instant.calls().size() + resharding.calls().size();
        System.out.printf("load: %d records for %d streams in %d ms, %.1f ms per record (%d AWS requests, %.1f ms each)%n",
                entries.size(), streams.size(), elapsedMillis, (double) elapsedMillis / entries.size(), requests,
                (double) elapsedMillis / requests);

        assertThat(elapsedMillis).as("time of the invocation against Lambda's timeout").isLessThan(LAMBDA_TIMEOUT.toMillis());
        assertThat(invocation.failure()).as("the invocation's failure").isNull();
        assertThat(invocation.decisions()).as("one decision per record").hasSize(entries.size());
        assertThat(invocation.report().get("records")).as("the report's records").hasSize(entries.size());

        Map<String, List<String>> outcomesByStream = new LinkedHashMap<>();
        for (JsonNode decision : invocation.decisions()) {
            outcomesByStream.computeIfAbsent(decision.path("StreamName").asText(), k -> new ArrayList<>())
                    .add(decision.path("outcome").asText());
        }
        for (LoadStream stream : streams) {
            assertThat(outcomesByStream.get(stream.name())).as("outcomes of the records of %s (%s)", stream.name(),
                    stream.variation()).containsExactlyElementsOf(expectedOutcomes(stream));
            assertThat(stream.world().calls("UpdateShardCount")).as("accepted UpdateShardCount of %s", stream.name())
                    .filteredOn(call -> call.resource().equals(stream.name()) && call.accepted())
                    .hasSize(1);
        }

        clock.advance(Duration.ofMinutes(1));
        for (LoadStream stream : streams) {
            assertPairMatchesItsStream(stream);
        }
    }

    private static LoadStream seed(AwsWorld world, String name, Variation variation) {
        WireFixtures.Policy policy = new WireFixtures.Policy();
        policy.min = 1;
        policy.max = 64;
        policy.consumerFunction = name + "-consumer";
        policy.consumerPerShard = 1;
        WireFixtures.seedStream(world, name, variation.shards, policy);
        return new LoadStream(world, name, variation, policy);
    }

    /**
     * The 100 records in a fixed shuffled order, each stream's second record somewhere after its
     * first, so that a variation arrives in the order that gives it its meaning.
     */
    private static List<Entry> interleave(List<LoadStream> streams) {
        List<Entry> entries = new ArrayList<>();
        for (LoadStream stream : streams) {
            String firstId = stream.name() + "-" + stream.variation().first.hashCode();
            entries.add(new Entry(stream, true, Notifications.recordFor(stream.variation().first, stream.name(), firstId)));
            boolean redelivery = stream.variation().first.equals(stream.variation().second);
            String secondId = redelivery ? firstId : stream.name() + "-" + stream.variation().second.hashCode();
            entries.add(new Entry(stream, false, Notifications.recordFor(stream.variation().second, stream.name(), secondId)));
        }
        Collections.shuffle(entries, new Random(SHUFFLE_SEED));
        Map<LoadStream, Integer> firstSeen = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (firstSeen.containsKey(entry.stream())) {
                int earlier = firstSeen.get(entry.stream());
                if (entry.first()) {
                    entries.set(i, entries.get(earlier));
                    entries.set(earlier, entry);
                }
            } else {
                firstSeen.put(entry.stream(), i);
            }
        }
        return entries;
    }

    /**
     * What each of a stream's two records ends in: the first scales; the second finds the stream
     * resharding (and sets its alarm to {@code OK} to notify again), or already scaled (stale),
     * or is an {@code OK} notification and ignored.
     */
    private List<String> expectedOutcomes(LoadStream stream) {
        String scaled = stream.variation() == Variation.SCALE_DOWN_DELIVERED_TWICE ? "SCALED_DOWN" : "SCALED_UP";
        if (stream.variation() == Variation.SCALE_UP_THEN_OK) {
            return List.of(scaled, "IGNORED");
        }
        return List.of(scaled, stream.world() == instant ? "STALE" : "STREAM_BUSY");
    }

    private static void assertPairMatchesItsStream(LoadStream stream) {
        PairState pair = PairState.read(stream.world(), stream.name(), stream.policy());
        String context = "(" + stream.variation() + ")";
        pair.assertMatchesItsStream(stream.policy(), context);
        assertThat(pair.streamShards()).as("shards of %s %s", stream.name(), context)
                .isEqualTo(stream.variation().scaledShards);
        assertThat(pair.reservation()).as("consumer reservation of %s %s", stream.name(), context)
                .isEqualTo(pair.streamShards() * stream.policy().consumerPerShard);
    }
}
