package dev.kinesisautoscaling.runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.kinesisautoscaling.runtime.ScalingFailedException;
import dev.kinesisautoscaling.runtime.contract.AlarmContract;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every AWS call of the scaling path × every fault that applies to it, with real SDK clients over
 * the wire, checked against the invariants of SPEC §4.
 *
 * <p>The cells are independent worlds on one shared endpoint, so they are played out side by side
 * on a thread pool (most of a cell's time is the SDK waiting: backoff, attempt timeouts) and
 * reported one dynamic test per cell. {@code -Dwire.transcripts=true} prints every cell's transcript.
 */
class WireFaultMatrixTest {

    private static final int PARALLEL_CELLS = 16;

    private static LocalAwsEndpoint endpoint;
    private static AwsSystemProperties properties;
    private static ExecutorService pool;
    private static final Map<FaultMatrix.Cell, CompletableFuture<CellRun>> RUNS = new LinkedHashMap<>();
    private static final AtomicInteger CELLS_RUN = new AtomicInteger();
    private static final AtomicInteger CELLS_HELD = new AtomicInteger();
    private static final AtomicInteger CONSUMER_CELLS_RUN = new AtomicInteger();
    private static final AtomicInteger CONSUMER_CELLS_HELD = new AtomicInteger();

    @BeforeAll
    static void playTheMatrix() {
        endpoint = LocalAwsEndpoint.start(Clock.systemUTC());
        properties = AwsSystemProperties.pointAt(endpoint.url());
        List<FaultMatrix.Cell> cells = FaultMatrix.cells();
        // The fault-free cell runs alone first: it warms the JVM and the SDK before timeouts matter.
        RUNS.put(cells.get(0), CompletableFuture.completedFuture(CellRun.play(endpoint, cells.get(0), 0)));
        pool = Executors.newFixedThreadPool(PARALLEL_CELLS);
        for (int i = 1; i < cells.size(); i++) {
            int index = i;
            FaultMatrix.Cell cell = cells.get(i);
            RUNS.put(cell, CompletableFuture.supplyAsync(() -> CellRun.play(endpoint, cell, index), pool));
        }
    }

    @AfterAll
    static void report() {
        pool.shutdownNow();
        properties.close();
        endpoint.close();
        System.out.println("fault matrix: " + CELLS_RUN.get() + " cells run, " + CELLS_HELD.get() + " held");
        System.out.println("consumer reservation after each fault: " + CONSUMER_CELLS_RUN.get() + " cells run, "
                + CONSUMER_CELLS_HELD.get() + " held");
    }

    @TestFactory
    Stream<DynamicTest> everyFaultOnEveryCallOfTheScalingPathKeepsTheSpecInvariants() {
        return RUNS.keySet().stream().map(cell -> dynamicTest(cell.toString(), () -> {
            CELLS_RUN.incrementAndGet();
            CellRun run = await(cell);
            if (Boolean.getBoolean("wire.transcripts")) {
                System.out.println(run.transcript());
            }
            assertSpecInvariants(run);
            CELLS_HELD.incrementAndGet();
        }));
    }

    /**
     * SPEC §4.12: the consumer's reservation follows the new shard count, or is removed so that the
     * consumer is never capped below it. A failure late in a scaling (after the alarms were
     * rewritten) leaves the pair consistent and tagged, so the retry is stale: the reservation must
     * already have been set by then.
     */
    @TestFactory
    @DisplayName("the consumer is never left capped below the new shard count after a fault")
    Stream<DynamicTest> consumerIsNeverLeftCappedBelowTheNewShardCountAfterAFault() {
        return RUNS.keySet().stream().map(cell -> dynamicTest(cell.toString(), () -> {
            CONSUMER_CELLS_RUN.incrementAndGet();
            CellRun run = await(cell);
            int needed = run.atEnd().streamShards() * run.policy().consumerPerShard;
            assertThat(run.finalReservation())
                    .as("reservation of the consumer of a stream with %d shards (%d per shard); null = unreserved pool\n%s",
                            run.atEnd().streamShards(), run.policy().consumerPerShard, run.transcript())
                    .satisfiesAnyOf(reservation -> assertThat(reservation).isNull(),
                            reservation -> assertThat(reservation).isGreaterThanOrEqualTo(needed));
            CONSUMER_CELLS_HELD.incrementAndGet();
        }));
    }

    private static CellRun await(FaultMatrix.Cell cell) throws Throwable {
        try {
            return RUNS.get(cell).join();
        } catch (CompletionException e) {
            throw e.getCause();
        }
    }

    private static void assertSpecInvariants(CellRun run) {
        String transcript = run.transcript();
        FaultMatrix.Cell cell = run.cell();
        List<CellRun.Delivery> deliveries = run.deliveries();
        CellRun.Delivery first = deliveries.get(0);
        String expected = cell.expectedFirstOutcome();

        // The invocation outcome SPEC §4 prescribes.
        assertThat(first.invocation().outcome()).as("outcome of the first delivery\n%s", transcript).isEqualTo(expected);
        if (expected.equals("FAILED")) {
            assertThat(first.invocation().failure()).as("the failed invocation throws\n%s", transcript)
                    .isInstanceOf(ScalingFailedException.class);
        } else {
            assertThat(first.invocation().failed()).as("the invocation does not fail\n%s", transcript).isFalse();
        }
        String trigger = run.stream() + AlarmContract.SCALE_UP_SUFFIX;
        if (expected.equals("FAILED") || expected.equals("STREAM_BUSY")) {
            assertThat(lastStateSet(first, trigger)).as("the triggering alarm is set to OK so that it notifies again\n%s",
                    transcript).isEqualTo("OK");
        }
        if (expected.equals("LIMIT_EXCEEDED")) {
            assertThat(lastStateSet(first, trigger)).as("the triggering alarm is reset\n%s", transcript)
                    .isEqualTo("INSUFFICIENT_DATA");
        }

        // UpdateShardCount is retried by the SDK after throttling only.
        if (cell.call() == FaultMatrix.PathCall.UPDATE_SHARD_COUNT) {
            List<Integer> attempts = first.calls().stream().filter(call -> call.operation().equals("UpdateShardCount"))
                    .map(RecordedCall::sdkAttempt).toList();
            List<Integer> expectedAttempts = switch (cell.fault()) {
                case THROTTLING_THAT_CLEARS -> List.of(1, 2);
                case THROTTLING_THAT_PERSISTS -> List.of(1, 2, 3);
                default -> List.of(1);
            };
            assertThat(attempts).as("SDK attempts of UpdateShardCount\n%s", transcript).isEqualTo(expectedAttempts);
        }

        // At most one accepted UpdateShardCount per notification, redelivery included.
        long firstNotification = deliveries.stream().filter(d -> d.label().startsWith("first")
                || d.label().startsWith("same")).mapToLong(CellRun.Delivery::acceptedUpdates).sum();
        assertThat(firstNotification).as("accepted UpdateShardCount for the first notification and its redelivery\n%s",
                transcript).isLessThanOrEqualTo(1);
        for (CellRun.Delivery delivery : deliveries.subList(1, deliveries.size())) {
            assertThat(delivery.acceptedUpdates()).as("accepted UpdateShardCount of the %s\n%s", delivery.label(), transcript)
                    .isLessThanOrEqualTo(1);
            assertThat(delivery.invocation().failed()).as("the %s, with AWS healthy, does not fail\n%s", delivery.label(),
                    transcript).isFalse();
        }

        // After the next notification the alarms match the stream.
        assertPairMatchesStream(run.afterNextNotification(), run.policy(), "after the next notification\n" + transcript);

        // Nothing silently dropped: the scaling asked for happened, exactly once, and the pair follows it.
        assertThat(run.totalAcceptedUpdates()).as("accepted UpdateShardCount over all deliveries\n%s", transcript)
                .isEqualTo(1);
        assertThat(run.atEnd().streamShards()).as("shards at the end\n%s", transcript).isEqualTo(CellRun.SCALED_SHARDS);
        assertPairMatchesStream(run.atEnd(), run.policy(), "at the end\n" + transcript);
    }

    private static void assertPairMatchesStream(CellRun.PairState state, WireFixtures.Policy policy, String context) {
        assertThat(state.streamStatus()).as("stream status %s", context).isEqualTo("ACTIVE");
        assertThat(state.scaleUpS1()).as("s1 of the scale-up alarm %s", context).isEqualTo(state.streamShards());
        assertThat(state.scaleDownS1()).as("s1 of the scale-down alarm %s", context).isEqualTo(state.streamShards());
        assertThat(state.scaleDownThreshold()).as("scale-down threshold %s", context)
                .isEqualTo(policy.downThresholdAt(state.streamShards()));
    }

    private static String lastStateSet(CellRun.Delivery delivery, String alarmName) {
        List<String> states = new ArrayList<>();
        for (RecordedCall call : delivery.calls()) {
            if (call.operation().equals("SetAlarmState") && call.accepted() && call.resource().equals(alarmName)) {
                states.add(call.input().get("StateValue").asText());
            }
        }
        return states.isEmpty() ? null : states.get(states.size() - 1);
    }
}
