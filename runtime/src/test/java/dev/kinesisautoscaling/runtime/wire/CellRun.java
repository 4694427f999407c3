package dev.kinesisautoscaling.runtime.wire;

import dev.kinesisautoscaling.runtime.fakes.MutableClock;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.kinesisautoscaling.runtime.RuntimeSettings;
import dev.kinesisautoscaling.runtime.telemetry.JsonLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One cell of the fault matrix played out against its own {@link AwsWorld} on a shared endpoint:
 * stream {@code <prefix>orders} with 2 shards (its minimum), a consumer with 2 reserved executions
 * per shard, a fault on one call of the scale-up, then the notifications that follow in real life.
 *
 * <ol>
 *   <li>the scale-up notification, with the fault injected;</li>
 *   <li>the same notification again a minute later, with AWS healthy again, as an SNS redelivery or
 *       Lambda's retry of a failed asynchronous invocation would bring it;</li>
 *   <li>when the stream has not been scaled yet: the alarm's next notification (11:05) and, when
 *       Kinesis' limit still holds the stream, the one after the hold (12:10).</li>
 * </ol>
 *
 * <p>Everything the invariants need is captured; the checks run in the test thread.
 */
public final class CellRun {

    /** The first scale-up notification's fixture (state change 10:25:44.775). */
    public static final String FIRST_NOTIFICATION = "events/orders-scale-up-alarm.json";
    /** The alarm's next notification (state change 11:05:12.104). */
    public static final String LATER_NOTIFICATION = "events/orders-scale-up-alarm-later.json";
    /** A notification after Kinesis' one-hour hold (state change 12:10:03.512). */
    public static final String AFTER_HOLD_NOTIFICATION = "wire/orders-scale-up-alarm-after-hold.json";
    /** Short timeouts, so that a response that never comes costs little; attempts as in production. */
    public static final RuntimeSettings SETTINGS = new RuntimeSettings("us-east-1", "kinesis-autoscaling",
            JsonLog.Level.INFO, 3, Duration.ofMillis(800), Duration.ofSeconds(5));
    /** Shards before the scale-up. */
    public static final int INITIAL_SHARDS = 2;
    /** Shards after it. */
    public static final int SCALED_SHARDS = 4;

    /**
     * One delivery of a notification.
     *
     * @param label what the delivery stands for
     * @param invocation what the handler did
     * @param calls the requests it made
     */
    public record Delivery(String label, WireLambda.Invocation invocation, List<RecordedCall> calls) {

        /**
         * How many {@code UpdateShardCount} requests of this delivery took effect.
         *
         * @return the count
         */
        public long acceptedUpdates() {
            return calls.stream().filter(call -> call.operation().equals("UpdateShardCount") && call.accepted()).count();
        }

        @Override
        public String toString() {
            return RecordedCall.listing(label + ": " + (invocation.decisions().isEmpty() ? "no decision" : invocation.outcome())
                    + (invocation.failed() ? " (invocation failed)" : ""), calls);
        }
    }

    private final FaultMatrix.Cell cell;
    private final String stream;
    private final WireFixtures.Policy policy = new WireFixtures.Policy();
    private final List<Delivery> deliveries = new ArrayList<>();
    private PairState afterNextNotification;
    private PairState atEnd;

    private CellRun(FaultMatrix.Cell cell, String stream) {
        this.cell = cell;
        this.stream = stream;
        policy.min = INITIAL_SHARDS;
        policy.max = 16;
        policy.consumerFunction = stream + "-consumer";
        policy.consumerPerShard = 2;
    }

    /**
     * Plays a cell out.
     *
     * @param endpoint the shared endpoint ({@code aws.endpointUrl} must point at it)
     * @param cell the cell
     * @param index a number unique among the cells, for the world's prefix
     * @return the captured run
     */
    public static CellRun play(LocalAwsEndpoint endpoint, FaultMatrix.Cell cell, int index) {
        String prefix = String.format("m%03d-", index);
        CellRun run = new CellRun(cell, prefix + "orders");
        run.playIn(endpoint, prefix);
        return run;
    }

    private void playIn(LocalAwsEndpoint endpoint, String prefix) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:26:00Z"));
        AwsWorld world = endpoint.addWorld(prefix, clock);
        WireFixtures.seedStream(world, stream, INITIAL_SHARDS, policy);
        if (cell.consumerReservationRefused()) {
            world.accountConcurrency(105, 100);
        }
        if (cell.fault() != null) {
            world.inject(cell.fault().on(cell.call()));
        }
        WireLambda lambda = new WireLambda(SETTINGS, clock);

        deliver(world, lambda, "first delivery", FIRST_NOTIFICATION);
        world.clearFaults();
        world.accountConcurrency(1000, 100);
        clock.advance(Duration.ofMinutes(1));
        deliver(world, lambda, "same notification again", FIRST_NOTIFICATION);
        clock.advance(Duration.ofMinutes(1));
        afterNextNotification = PairState.read(world, stream, policy);
        if (totalAcceptedUpdates() == 0) {
            clock.set(Instant.parse("2026-11-29T11:05:30Z"));
            deliver(world, lambda, "later notification", LATER_NOTIFICATION);
            clock.advance(Duration.ofMinutes(1));
        }
        if (totalAcceptedUpdates() == 0) {
            clock.set(Instant.parse("2026-11-29T12:10:30Z"));
            deliver(world, lambda, "notification after the hold", AFTER_HOLD_NOTIFICATION);
            clock.advance(Duration.ofMinutes(1));
        }
        atEnd = PairState.read(world, stream, policy);
    }

    private void deliver(AwsWorld world, WireLambda lambda, String label, String fixture) {
        int before = world.calls().size();
        SNSEvent event = Notifications.loadFor(fixture, stream);
        WireLambda.Invocation invocation = lambda.deliver(event);
        deliveries.add(new Delivery(label, invocation, world.callsSince(before)));
    }

    /**
     * The cell.
     *
     * @return the cell
     */
    public FaultMatrix.Cell cell() {
        return cell;
    }

    /**
     * The stream's name.
     *
     * @return the name
     */
    public String stream() {
        return stream;
    }

    /**
     * The stream's policy.
     *
     * @return the policy
     */
    public WireFixtures.Policy policy() {
        return policy;
    }

    /**
     * The deliveries, in order; the first is the one with the fault.
     *
     * @return the deliveries
     */
    public List<Delivery> deliveries() {
        return deliveries;
    }

    /**
     * The pair, the stream and the consumer after the second delivery, once any reshard it started finished.
     *
     * @return the state
     */
    public PairState afterNextNotification() {
        return afterNextNotification;
    }

    /**
     * The pair, the stream and the consumer after the last delivery, once any reshard finished.
     *
     * @return the state
     */
    public PairState atEnd() {
        return atEnd;
    }

    /**
     * {@code UpdateShardCount} requests that took effect over all deliveries.
     *
     * @return the count
     */
    public long totalAcceptedUpdates() {
        return deliveries.stream().mapToLong(Delivery::acceptedUpdates).sum();
    }

    /**
     * Everything that happened, for assertion messages.
     *
     * @return the transcript
     */
    public String transcript() {
        StringBuilder text = new StringBuilder("cell '").append(cell).append("' on stream ").append(stream);
        deliveries.forEach(delivery -> text.append("\n  ").append(delivery));
        text.append("\n  after the next notification: ").append(afterNextNotification);
        text.append("\n  at the end: ").append(atEnd);
        return text.toString();
    }
}
