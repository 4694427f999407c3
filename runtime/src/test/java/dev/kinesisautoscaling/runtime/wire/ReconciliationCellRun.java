package dev.kinesisautoscaling.runtime.wire;

import dev.kinesisautoscaling.runtime.fakes.AwsCalls;
import dev.kinesisautoscaling.runtime.fakes.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinesisautoscaling.contract.AlarmContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One cell of the reconciliation fault matrix played out against its own {@link AwsWorld} on a
 * shared endpoint, through the function's real entry point {@code handleEvent} with a
 * reconciliation request over the wire.
 *
 * <p>The world holds two drifted pairs, reconciled in one request, the struck one first:
 * <ul>
 *   <li>{@code <prefix>orders}: 4 shards (minimum 2), 2 reserved consumer executions per shard;</li>
 *   <li>{@code <prefix>payments}: 2 shards, its minimum, 3 reserved consumer executions per shard.</li>
 * </ul>
 * After a {@link ReconciliationFaultMatrix.Drift#STACK_UPDATE} both pairs are computed for the
 * other stream's count ({@code orders} for 2 shards with the minimum's threshold -1,
 * {@code payments} for 4 with 0.25); after a {@link ReconciliationFaultMatrix.Drift#QUIET_DRIFT}
 * they are right but only one alarm of each pair remembers the history. In both, each consumer's
 * reservation is stale and each scale-up alarm has been in {@code ALARM} for 40 minutes.
 *
 * <ol>
 *   <li>the reconciliation, with the fault injected;</li>
 *   <li>the next reconciliation a minute later, with AWS healthy again;</li>
 *   <li>the one after, which should find nothing left to repair.</li>
 * </ol>
 *
 * <p>Everything the checks need is captured; they run in the test thread.
 */
public final class ReconciliationCellRun {

    /** When the first reconciliation runs. */
    public static final Instant START = Instant.parse("2026-11-29T12:00:00Z");
    /** How long the scale-up alarms have been in {@code ALARM} when it runs. */
    public static final Duration STUCK_FOR = Duration.ofMinutes(40);
    /** The scaling history the pairs carry from an earlier scaling. */
    public static final String EARLIER_SCALING = "2026-11-29T09:00:00.000+0000";
    /** The same scaling as an entry of {@code RecentScalingCalls}. */
    public static final String EARLIER_SCALING_CALL = "20261129T090000Z";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One stream of the world and how it drifted.
     *
     * @param name the stream's name
     * @param shards its open shard count, which never changes (the reconciler never scales)
     * @param driftedShards the shard count a stack update left in the alarms' {@code s1}
     * @param policy its policy
     * @param staleReservation the consumer's reservation before the reconciliation
     */
    public record Stream(String name, int shards, int driftedShards, WireFixtures.Policy policy, int staleReservation) {

        /**
         * The scale-up alarm's name.
         *
         * @return the name
         */
        public String scaleUpAlarm() {
            return name + AlarmContract.SCALE_UP_SUFFIX;
        }

        /**
         * The scale-down alarm's name.
         *
         * @return the name
         */
        public String scaleDownAlarm() {
            return name + AlarmContract.SCALE_DOWN_SUFFIX;
        }

        /**
         * The consumer's reservation that matches the stream.
         *
         * @return shards times the per-shard concurrency
         */
        public int expectedReservation() {
            return shards * policy.consumerPerShard;
        }
    }

    /**
     * One reconciliation.
     *
     * @param label what it stands for
     * @param invocation what the handler did
     * @param calls the requests it made
     */
    public record Reconciliation(String label, WireLambda.RawInvocation invocation, List<RecordedCall> calls) {

        /**
         * The requests that change something.
         *
         * @return the requests of writing operations
         */
        public List<RecordedCall> mutatingCalls() {
            return calls.stream().filter(call -> AwsCalls.MUTATING.contains(call.operation())).toList();
        }

        @Override
        public String toString() {
            return RecordedCall.listing(label + ": " + invocation.outcomes()
                    + (invocation.failed() ? " (invocation failed: " + invocation.failure() + ")" : ""), calls);
        }
    }

    private final ReconciliationFaultMatrix.Cell cell;
    private final List<Stream> streams;
    private final List<Reconciliation> reconciliations = new ArrayList<>();
    private PairState healthyPairAfterFirst;
    private List<PairState> afterNext;
    private List<PairState> atEnd;
    private int updateShardCountRequests;

    private ReconciliationCellRun(ReconciliationFaultMatrix.Cell cell, String prefix) {
        this.cell = cell;
        WireFixtures.Policy orders = new WireFixtures.Policy();
        orders.min = 2;
        orders.max = 16;
        orders.consumerFunction = prefix + "orders-consumer";
        orders.consumerPerShard = 2;
        WireFixtures.Policy payments = new WireFixtures.Policy();
        payments.min = 2;
        payments.max = 16;
        payments.consumerFunction = prefix + "payments-consumer";
        payments.consumerPerShard = 3;
        this.streams = List.of(
                new Stream(prefix + "orders", 4, 2, orders, 4),
                new Stream(prefix + "payments", 2, 4, payments, 12));
    }

    /**
     * Plays a cell out.
     *
     * @param endpoint the shared endpoint ({@code aws.endpointUrl} must point at it)
     * @param cell the cell
     * @param index a number unique among the cells, for the world's prefix
     * @return the captured run
     */
    public static ReconciliationCellRun play(LocalAwsEndpoint endpoint, ReconciliationFaultMatrix.Cell cell, int index) {
        String prefix = String.format("r%03d-", index);
        ReconciliationCellRun run = new ReconciliationCellRun(cell, prefix);
        run.playIn(endpoint, prefix);
        return run;
    }

    /**
     * The reconciliation request for some streams' pairs, as the schedule sends it.
     *
     * @param streamNames the streams, in order
     * @return the event's bytes
     */
    public static byte[] request(List<String> streamNames) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode pairs = event.putArray("reconcile");
        for (String stream : streamNames) {
            pairs.addObject().put("scaleUpAlarm", stream + AlarmContract.SCALE_UP_SUFFIX)
                    .put("scaleDownAlarm", stream + AlarmContract.SCALE_DOWN_SUFFIX);
        }
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void playIn(LocalAwsEndpoint endpoint, String prefix) {
        MutableClock clock = new MutableClock(START.minus(STUCK_FOR));
        AwsWorld world = endpoint.addWorld(prefix, clock);
        seed(world);
        clock.set(START);
        if (cell.consumerReservationRefused()) {
            world.accountConcurrency(105, 100);
        }
        if (cell.injected() != null) {
            world.inject(cell.injected());
        }
        WireLambda lambda = new WireLambda(CellRun.SETTINGS, clock);
        byte[] request = request(streams.stream().map(Stream::name).toList());

        reconcile(world, lambda, "reconciliation with the fault", request);
        healthyPairAfterFirst = pairState(world, streams.get(1));
        world.clearFaults();
        world.accountConcurrency(1000, 100);
        clock.advance(Duration.ofMinutes(1));
        reconcile(world, lambda, "next reconciliation, AWS healthy", request);
        afterNext = streams.stream().map(stream -> pairState(world, stream)).toList();
        clock.advance(Duration.ofMinutes(1));
        reconcile(world, lambda, "the reconciliation after", request);
        atEnd = streams.stream().map(stream -> pairState(world, stream)).toList();
        updateShardCountRequests = world.calls("UpdateShardCount").size();
    }

    private void seed(AwsWorld world) {
        boolean stackUpdate = cell.drift() == ReconciliationFaultMatrix.Drift.STACK_UPDATE;
        for (int i = 0; i < streams.size(); i++) {
            Stream stream = streams.get(i);
            int alarmShards = stackUpdate ? stream.driftedShards() : stream.shards();
            Map<String, String> upTags = stream.policy().tags(stream.name(), true);
            Map<String, String> downTags = stream.policy().tags(stream.name(), false);
            // After a stack update both alarms still carry the history; otherwise only one does
            // (the scale-up alarm of the first pair, the scale-down alarm of the second).
            if (stackUpdate || i == 0) {
                addHistory(upTags);
            }
            if (stackUpdate || i == 1) {
                addHistory(downTags);
            }
            world.addStream(stream.name(), stream.shards());
            world.addAlarm(WireFixtures.scaleUpAlarm(stream.name(), alarmShards, stream.policy()), "ALARM", upTags);
            world.addAlarm(WireFixtures.scaleDownAlarm(stream.name(), alarmShards, stream.policy()), "OK", downTags);
            world.addFunction(stream.policy().consumerFunction, stream.staleReservation());
        }
    }

    private static void addHistory(Map<String, String> tags) {
        tags.put(AlarmContract.TAG_LAST_SCALED_TIMESTAMP, EARLIER_SCALING);
        tags.put(AlarmContract.TAG_RECENT_SCALING_CALLS, EARLIER_SCALING_CALL);
    }

    private void reconcile(AwsWorld world, WireLambda lambda, String label, byte[] request) {
        int before = world.calls().size();
        WireLambda.RawInvocation invocation = lambda.invoke(request);
        reconciliations.add(new Reconciliation(label, invocation, world.callsSince(before)));
    }

    private static PairState pairState(AwsWorld world, Stream stream) {
        return PairState.read(world, stream.name(), stream.policy());
    }

    /**
     * The cell.
     *
     * @return the cell
     */
    public ReconciliationFaultMatrix.Cell cell() {
        return cell;
    }

    /**
     * The streams, the struck one first.
     *
     * @return the streams
     */
    public List<Stream> streams() {
        return streams;
    }

    /**
     * The three reconciliations, in order; the first is the one with the fault.
     *
     * @return the reconciliations
     */
    public List<Reconciliation> reconciliations() {
        return reconciliations;
    }

    /**
     * The second, healthy pair right after the reconciliation with the fault.
     *
     * @return its state
     */
    public PairState healthyPairAfterFirst() {
        return healthyPairAfterFirst;
    }

    /**
     * Both pairs after the next reconciliation.
     *
     * @return their states, in the order of {@link #streams()}
     */
    public List<PairState> afterNext() {
        return afterNext;
    }

    /**
     * Both pairs after the last reconciliation.
     *
     * @return their states, in the order of {@link #streams()}
     */
    public List<PairState> atEnd() {
        return atEnd;
    }

    /**
     * {@code UpdateShardCount} requests over all three reconciliations.
     *
     * @return the count
     */
    public int updateShardCountRequests() {
        return updateShardCountRequests;
    }

    /**
     * Everything that happened, for assertion messages.
     *
     * @return the transcript
     */
    public String transcript() {
        StringBuilder text = new StringBuilder("cell '").append(cell).append("'");
        reconciliations.forEach(reconciliation -> text.append("\n  ").append(reconciliation));
        text.append("\n  healthy pair after the first: ").append(healthyPairAfterFirst);
        text.append("\n  after the next reconciliation: ").append(afterNext);
        text.append("\n  at the end: ").append(atEnd);
        return text.toString();
    }
}
