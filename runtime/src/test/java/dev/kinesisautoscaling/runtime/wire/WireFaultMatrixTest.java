package dev.kinesisautoscaling.runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.runtime.Reconciler;
import dev.kinesisautoscaling.runtime.ScalingFailedException;
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
 * Every AWS call of the scaling path and of the reconciliation path × every fault that applies to
 * it, with real SDK clients over the wire, checked against the invariants listed in the README's Reliability section.
 *
 * <p>The cells are independent worlds on one shared endpoint, so they are played out side by side
 * on a thread pool (most of a cell's time is the SDK waiting: backoff, attempt timeouts) and
 * reported one dynamic test per cell. The run ends with one line counting the cells of both paths.
 * {@code -Dwire.transcripts=true} prints every cell's transcript.
 */
class WireFaultMatrixTest {

    private static final int PARALLEL_CELLS = 24;

    private static LocalAwsEndpoint endpoint;
    private static AwsSystemProperties properties;
    private static ExecutorService pool;
    private static final Map<FaultMatrix.Cell, CompletableFuture<CellRun>> RUNS = new LinkedHashMap<>();
    private static final Map<ReconciliationFaultMatrix.Cell, CompletableFuture<ReconciliationCellRun>> RECONCILIATION_RUNS =
            new LinkedHashMap<>();
    private static final AtomicInteger CELLS_RUN = new AtomicInteger();
    private static final AtomicInteger CELLS_HELD = new AtomicInteger();
    private static final AtomicInteger RECONCILIATION_CELLS_RUN = new AtomicInteger();
    private static final AtomicInteger RECONCILIATION_CELLS_HELD = new AtomicInteger();
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
        List<ReconciliationFaultMatrix.Cell> reconciliationCells = ReconciliationFaultMatrix.cells();
        for (int i = 0; i < reconciliationCells.size(); i++) {
            int index = i;
            ReconciliationFaultMatrix.Cell cell = reconciliationCells.get(i);
            RECONCILIATION_RUNS.put(cell, CompletableFuture.supplyAsync(
                    () -> ReconciliationCellRun.play(endpoint, cell, index), pool));
        }
    }

    @AfterAll
    static void report() {
        pool.shutdownNow();
        properties.close();
        endpoint.close();
        System.out.println("fault matrix: " + (CELLS_RUN.get() + RECONCILIATION_CELLS_RUN.get()) + " cells run, "
                + (CELLS_HELD.get() + RECONCILIATION_CELLS_HELD.get()) + " held (scaling path " + CELLS_RUN.get()
                + " run, " + CELLS_HELD.get() + " held; reconciliation path " + RECONCILIATION_CELLS_RUN.get() + " run, "
                + RECONCILIATION_CELLS_HELD.get() + " held)");
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
     * The consumer's reservation follows the new shard count; only where Lambda refused the new
     * reservation may it be removed instead, so that the consumer is not capped below the count.
     * Only where Lambda refused the removal too does the old reservation stand, counted in
     * {@code ConsumerConcurrencyFallbacks} for the failure alarm. A failure late in a scaling (after the alarms were rewritten) leaves the pair
     * consistent and tagged, so the retry is stale: the reservation must already have been set by then.
     */
    @TestFactory
    @DisplayName("the consumer is left capped below the new shard count after a fault only when Lambda refuses every change")
    Stream<DynamicTest> consumerIsLeftCappedBelowTheNewShardCountOnlyWhenLambdaRefusesEveryChange() {
        return RUNS.keySet().stream().map(cell -> dynamicTest(cell.toString(), () -> {
            CONSUMER_CELLS_RUN.incrementAndGet();
            CellRun run = await(cell);
            int needed = run.atEnd().streamShards() * run.policy().consumerPerShard;
            String description = String.format(
                    "reservation of the consumer of a stream with %d shards (%d per shard); null = unreserved pool\n%s",
                    run.atEnd().streamShards(), run.policy().consumerPerShard, run.transcript());
            if (cell.consumerKeepsItsOldReservation()) {
                // Lambda refused every change: the old reservation stands, and the refusal is counted.
                assertThat(run.atEnd().reservation()).as(description)
                        .isEqualTo(CellRun.INITIAL_SHARDS * run.policy().consumerPerShard);
                assertThat(run.deliveries().get(0).invocation().decisions())
                        .as("decision lines of the first delivery\n%s", run.transcript())
                        .anySatisfy(line -> assertThat(line.path("ConsumerConcurrencyFallbacks").asInt()).isEqualTo(1));
            } else if (cell.consumerMayEndUnreserved()) {
                assertThat(run.atEnd().reservation()).as(description).satisfiesAnyOf(
                        reservation -> assertThat(reservation).isNull(),
                        reservation -> assertThat(reservation).isEqualTo(needed));
            } else {
                assertThat(run.atEnd().reservation()).as(description).isEqualTo(needed);
            }
            CONSUMER_CELLS_HELD.incrementAndGet();
        }));
    }

    /**
     * The reconciliation path: it never scales; an AWS failure on one pair fails the
     * invocation only after the other pair was checked and repaired; and the next reconciliation,
     * with AWS healthy, leaves every pair true to its stream, the consumer reserved for it and no
     * alarm stuck in {@code ALARM}.
     */
    @TestFactory
    Stream<DynamicTest> everyFaultOnEveryCallOfTheReconciliationPathLeavesEveryPairTrueToItsStream() {
        return RECONCILIATION_RUNS.keySet().stream().map(cell -> dynamicTest(cell.toString(), () -> {
            RECONCILIATION_CELLS_RUN.incrementAndGet();
            ReconciliationCellRun run = await(RECONCILIATION_RUNS.get(cell));
            if (Boolean.getBoolean("wire.transcripts")) {
                System.out.println(run.transcript());
            }
            assertReconciliationInvariants(run);
            RECONCILIATION_CELLS_HELD.incrementAndGet();
        }));
    }

    private static CellRun await(FaultMatrix.Cell cell) throws Throwable {
        return await(RUNS.get(cell));
    }

    private static <T> T await(CompletableFuture<T> run) throws Throwable {
        try {
            return run.join();
        } catch (CompletionException e) {
            throw e.getCause();
        }
    }

    private static void assertReconciliationInvariants(ReconciliationCellRun run) {
        String transcript = run.transcript();
        ReconciliationFaultMatrix.Cell cell = run.cell();
        List<ReconciliationCellRun.Reconciliation> reconciliations = run.reconciliations();
        ReconciliationCellRun.Reconciliation first = reconciliations.get(0);
        String expected = cell.expectedFirstOutcome();
        ReconciliationCellRun.Stream struckStream = run.streams().get(0);

        // The reconciler never scales.
        assertThat(run.updateShardCountRequests()).as("UpdateShardCount requests\n%s", transcript).isZero();

        // The fault struck the call of the cell, on the first pair.
        if (cell.call() != null) {
            assertStruckOnly(cell.call(), struckStream.name(), struckStream.policy(), first.calls(), transcript);
        }

        // One pair's failure does not stop the other; the invocation fails after both were checked.
        assertThat(first.invocation().outcomes()).as("outcomes of the reconciliation with the fault\n%s", transcript)
                .containsExactly(expected, "REPAIRED");
        if (expected.equals("FAILED")) {
            assertThat(first.invocation().failure()).as("the failed reconciliation throws\n%s", transcript)
                    .isInstanceOf(ScalingFailedException.class)
                    .hasMessageStartingWith("1 of 2 alarm pairs failed: " + struckStream.scaleUpAlarm() + ": ");
        } else {
            assertThat(first.invocation().failure()).as("the reconciliation does not fail\n%s", transcript).isNull();
        }

        // The healthy pair was repaired in the same invocation.
        ReconciliationCellRun.Stream healthyStream = run.streams().get(1);
        PairState healthy = run.healthyPairAfterFirst();
        assertReconciledPair(healthyStream, healthy, "the healthy pair after the reconciliation with the fault\n" + transcript);
        if (cell.consumerReservationRefused()) {
            assertThat(healthy.reservation()).as("the healthy pair's consumer after Lambda refused its reservation\n%s",
                    transcript).isNull();
        } else {
            assertThat(healthy.reservation()).as("the healthy pair's consumer reservation\n%s", transcript)
                    .isEqualTo(healthyStream.expectedReservation());
        }

        // The next reconciliation, with AWS healthy, leaves every pair true to its stream.
        ReconciliationCellRun.Reconciliation next = reconciliations.get(1);
        assertThat(next.invocation().failure()).as("the next reconciliation, AWS healthy, does not fail\n%s", transcript)
                .isNull();
        for (int i = 0; i < run.streams().size(); i++) {
            ReconciliationCellRun.Stream stream = run.streams().get(i);
            PairState pair = run.afterNext().get(i);
            assertReconciledPair(stream, pair, "after the next reconciliation\n" + transcript);
            assertThat(pair.reservation()).as("consumer reservation of %s after the next reconciliation\n%s",
                    stream.name(), transcript).isEqualTo(stream.expectedReservation());
        }

        // And nothing is left to repair after it: no repair loop.
        ReconciliationCellRun.Reconciliation after = reconciliations.get(2);
        assertThat(after.invocation().failure()).as("the reconciliation after\n%s", transcript).isNull();
        assertThat(after.invocation().outcomes()).as("outcomes of the reconciliation after\n%s", transcript)
                .containsExactly("CONSISTENT", "CONSISTENT");
        assertThat(after.mutatingCalls()).as("writes of the reconciliation after\n%s", transcript).isEmpty();
        for (int i = 0; i < run.streams().size(); i++) {
            assertReconciledPair(run.streams().get(i), run.atEnd().get(i), "at the end\n" + transcript);
        }
    }

    private static void assertReconciledPair(ReconciliationCellRun.Stream stream, PairState pair, String context) {
        pair.assertMatchesItsStream(stream.policy(), context);
        assertThat(pair.streamShards()).as("shards of %s %s", stream.name(), context).isEqualTo(stream.shards());
        assertThat(pair.acceptedUpdates()).as("accepted UpdateShardCount of %s %s", stream.name(), context).isZero();
        assertThat(pair.inAlarmLongerThan(Reconciler.STUCK_ALARM_AGE))
                .as("alarms of %s in ALARM for longer than %s %s", stream.name(), Reconciler.STUCK_ALARM_AGE, context)
                .isEmpty();
    }

    private static void assertSpecInvariants(CellRun run) {
        String transcript = run.transcript();
        FaultMatrix.Cell cell = run.cell();
        List<CellRun.Delivery> deliveries = run.deliveries();
        CellRun.Delivery first = deliveries.get(0);
        String expected = cell.expectedFirstOutcome();

        // The fault struck the call of the cell.
        if (cell.call() != null) {
            assertStruckOnly(cell.call(), run.stream(), run.policy(), first.calls(), transcript);
        }

        // The invocation outcome the contract prescribes.
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
        run.afterNextNotification().assertMatchesItsStream(run.policy(), "after the next notification\n" + transcript);

        // Nothing silently dropped: the scaling asked for happened, exactly once, and the pair follows it.
        assertThat(run.totalAcceptedUpdates()).as("accepted UpdateShardCount over all deliveries\n%s", transcript)
                .isEqualTo(1);
        assertThat(run.atEnd().streamShards()).as("shards at the end\n%s", transcript).isEqualTo(CellRun.SCALED_SHARDS);
        run.atEnd().assertMatchesItsStream(run.policy(), "at the end\n" + transcript);
    }

    /** The fault struck at least one request, and only requests of the struck call. */
    private static void assertStruckOnly(MatrixCall struck, String stream, WireFixtures.Policy policy,
                                         List<RecordedCall> calls, String transcript) {
        String expected = struck.operation() + " #" + struck.callNumber() + " of " + struck.resource().nameIn(stream, policy);
        assertThat(calls).as("requests struck by the fault\n%s", transcript)
                .filteredOn(call -> call.fault() != null)
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.operation() + " #" + call.call() + " of " + call.resource())
                        .isEqualTo(expected));
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
