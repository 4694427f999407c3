package dev.kinesisautoscaling.simulator.replay;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.runtime.aws.AlarmRewrite;
import dev.kinesisautoscaling.runtime.scaling.ScaleAction;
import dev.kinesisautoscaling.runtime.scaling.ScalingPolicy;
import dev.kinesisautoscaling.simulator.aws.SimulatedAws;
import dev.kinesisautoscaling.simulator.aws.SimulatedKinesis;
import dev.kinesisautoscaling.simulator.aws.SimulatedLambda;
import dev.kinesisautoscaling.simulator.aws.SimulationClock;
import dev.kinesisautoscaling.simulator.cloudwatch.MetricKey;
import dev.kinesisautoscaling.simulator.cloudwatch.MetricStore;
import dev.kinesisautoscaling.simulator.cloudwatch.SimulatedCloudWatch;
import dev.kinesisautoscaling.simulator.cloudwatch.StateChange;
import dev.kinesisautoscaling.simulator.template.AlarmDefinition;
import dev.kinesisautoscaling.simulator.template.StreamAlarms;
import dev.kinesisautoscaling.simulator.trace.TrafficTrace;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Replays a traffic trace minute by minute through simulated Kinesis and CloudWatch and a scaling
 * function, and measures shard-hours, capacity shortfalls and scalings.
 *
 * <p>At every minute boundary {@code B} the replay, in this order:
 * <ol>
 *   <li>delivers the notifications due before {@code B}, each at its own time;</li>
 *   <li>moves the clock to {@code B} and evaluates every alarm on its complete periods (the minute
 *       that just ended is the newest data);</li>
 *   <li>delivers the notifications due at {@code B} (all of them when the notification delay is
 *       zero), so that a scaling decided now is made now;</li>
 *   <li>reads the stream's open shard count, which is the capacity of the minute starting at
 *       {@code B}, and publishes that minute's metrics: {@code IncomingBytes} and
 *       {@code IncomingRecords} as accepted by that capacity (no datapoint for a minute without
 *       records, as Kinesis publishes none), and {@code GetRecords.IteratorAgeMilliseconds} from
 *       the trace when it has that column.</li>
 * </ol>
 * Every notification of a state change goes to the scaling function, as if it were subscribed to
 * every SNS topic among the alarms' actions, one SNS event per notification.
 *
 * <p>The work per minute is small and constant: publishing three datapoints, and evaluating only
 * the alarms whose newest complete period, configuration or state changed (see
 * {@link SimulatedCloudWatch}); period statistics are cached as soon as they are final (see
 * {@link MetricStore}). A year of minutes replays in seconds.
 */
public final class Replay {

    /** Called once per simulated day and at the end of a replay. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Reports progress.
         *
         * @param minutesDone minutes replayed so far
         * @param minutesTotal minutes of the trace
         * @param elapsed wall time since the replay started
         */
        void update(int minutesDone, int minutesTotal, Duration elapsed);
    }

    /** A progress listener that reports nothing. */
    public static final Progress SILENT = (done, total, elapsed) -> {
    };

    private static final double MIB = 1024 * 1024;
    private static final double RECORDS_PER_SHARD_SECOND = 1000;
    private static final int MAX_DELIVERIES_PER_MINUTE = 10_000;

    private final TrafficTrace trace;
    private final StreamAlarms alarms;
    private final Policy policy;
    private final ReplaySettings settings;
    private final SimulatedAws aws;
    private final MetricStore store;
    private final ScalingResponder responder;
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long sequence;
    private long delivered;

    private record Scheduled(Instant time, long sequence, StateChange.Notification notification)
            implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = time.compareTo(other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /**
     * Sets up a replay with one of the two policies.
     *
     * @param trace the traffic
     * @param alarms the stream's alarms
     * @param policy which scaling function handles the notifications
     * @param settings the replay's settings
     * @param handlerLog where the project handler's log lines go
     */
    public Replay(TrafficTrace trace, StreamAlarms alarms, Policy policy, ReplaySettings settings, PrintStream handlerLog) {
        this(trace, alarms, policy, settings, aws -> policy.responder(aws, handlerLog));
    }

    /**
     * Sets up a replay with any responder.
     *
     * @param trace the traffic
     * @param alarms the stream's alarms
     * @param policy the policy the result is labelled with
     * @param settings the replay's settings
     * @param responders builds the scaling function over the simulated AWS
     */
    public Replay(TrafficTrace trace, StreamAlarms alarms, Policy policy, ReplaySettings settings,
                  Function<SimulatedAws, ScalingResponder> responders) {
        this.trace = trace;
        this.alarms = alarms;
        this.policy = policy;
        this.settings = settings;
        SimulationClock clock = new SimulationClock(trace.start());
        this.store = new MetricStore(trace.start().getEpochSecond() / 60, settings.history());
        SimulatedCloudWatch cloudWatch = new SimulatedCloudWatch(clock, store, settings.account(),
                settings.extraEvaluationPeriods());
        SimulatedKinesis kinesis = new SimulatedKinesis(clock, settings.updateDuration(), settings.account());
        this.aws = new SimulatedAws(clock, kinesis, cloudWatch, new SimulatedLambda());
        int shards = settings.initialShards().orElse(alarms.shardCount());
        kinesis.createStream(alarms.streamName(), shards);
        for (AlarmDefinition definition : alarms.alarms()) {
            cloudWatch.createAlarm(definition.alarm(), definition.tags());
            if (shards != alarms.shardCount()) {
                cloudWatch.putMetricAlarm(AlarmRewrite.forShardCount(cloudWatch.alarm(definition.alarm().alarmName()),
                        shards, threshold(definition, shards)));
            }
        }
        this.responder = responders.apply(aws);
    }

    /** What the construct would have deployed for another initial shard count: s1, and the scale-down threshold. */
    private static OptionalDouble threshold(AlarmDefinition definition, int shards) {
        if (!AlarmContract.SCALE_ACTION_DOWN.equals(definition.tags().get(AlarmContract.TAG_SCALE_ACTION))) {
            return OptionalDouble.empty();
        }
        ScalingPolicy policy = ScalingPolicy.fromTags(definition.alarm().alarmName(), ScaleAction.DOWN, definition.tags());
        return OptionalDouble.of(policy.scaleDownThresholdAt(shards));
    }

    /**
     * The simulated AWS of this replay, to inspect it before or after {@link #run}.
     *
     * @return the clock and services
     */
    public SimulatedAws aws() {
        return aws;
    }

    /**
     * Replays the whole trace.
     *
     * @param progress told once per simulated day and at the end
     * @return the measurements
     */
    public ReplayResult run(Progress progress) {
        long started = System.nanoTime();
        String stream = alarms.streamName();
        MetricKey bytesKey = MetricKey.kinesisStream("IncomingBytes", stream);
        MetricKey recordsKey = MetricKey.kinesisStream("IncomingRecords", stream);
        MetricKey ageKey = MetricKey.kinesisStream("GetRecords.IteratorAgeMilliseconds", stream);
        long firstMinute = trace.start().getEpochSecond() / 60;
        int minutes = trace.minutes();
        int[] shardsPerMinute = new int[minutes];
        int overCapacityMinutes = 0;
        double rejectedBytes = 0;
        double rejectedRecords = 0;

        for (int k = 0; k <= minutes; k++) {
            Instant boundary = trace.start().plusSeconds(60L * k);
            deliverUntil(boundary, false);
            aws.clock().set(boundary);
            if (k > 0) {
                aws.cloudWatch().evaluateAlarms();
                schedule();
            }
            deliverUntil(boundary, true);
            if (k == minutes) {
                break;
            }

            int shards = aws.kinesis().openShardCount(stream);
            shardsPerMinute[k] = shards;
            double bytes = trace.bytes(k);
            double records = trace.records(k);
            double bytesCapacity = shards * MIB * 60;
            double recordsCapacity = shards * RECORDS_PER_SHARD_SECOND * 60;
            double accepted = 1;
            if (bytes > bytesCapacity) {
                accepted = bytesCapacity / bytes;
            }
            if (records > recordsCapacity) {
                accepted = Math.min(accepted, recordsCapacity / records);
            }
            if (accepted < 1) {
                overCapacityMinutes++;
                rejectedBytes += bytes * (1 - accepted);
                rejectedRecords += records * (1 - accepted);
            }
            long minute = firstMinute + k;
            if (records * accepted > 0) {
                store.put(bytesKey, minute, bytes * accepted);
                store.put(recordsKey, minute, records * accepted);
            }
            double age = trace.iteratorAgeMillis(k);
            if (!Double.isNaN(age)) {
                store.put(ageKey, minute, age);
            }
            store.completeThrough(minute);
            if ((k + 1) % 1440 == 0 && k + 1 < minutes) {
                progress.update(k + 1, minutes, Duration.ofNanos(System.nanoTime() - started));
            }
        }
        Duration wallTime = Duration.ofNanos(System.nanoTime() - started);
        progress.update(minutes, minutes, wallTime);
        return new ReplayResult(trace, policy, stream, shardsPerMinute, overCapacityMinutes, rejectedBytes,
                rejectedRecords, aws.kinesis().calls(stream), responder.outcomes(), delivered,
                aws.cloudWatch().stateChangeCount(), aws.cloudWatch().evaluationCount(), wallTime);
    }

    private void schedule() {
        Instant at = aws.clock().instant().plus(settings.notificationDelay());
        for (StateChange.Notification notification : aws.cloudWatch().drainNotifications()) {
            queue.add(new Scheduled(at, sequence++, notification));
        }
    }

    /** Delivers the notifications due before (or, with {@code inclusive}, at) a time, in order. */
    private void deliverUntil(Instant limit, boolean inclusive) {
        int deliveries = 0;
        while (!queue.isEmpty()) {
            Scheduled next = queue.peek();
            int order = next.time().compareTo(limit);
            if (order > 0 || (order == 0 && !inclusive)) {
                return;
            }
            queue.poll();
            if (++deliveries > MAX_DELIVERIES_PER_MINUTE) {
                // A function that answers each notification with a state change that notifies it again would
                // otherwise never let the simulated minute end.
                throw new IllegalStateException("more than " + MAX_DELIVERIES_PER_MINUTE + " notifications before "
                        + limit + ": the scaling function and the alarms' actions notify each other in a loop");
            }
            aws.clock().set(next.time());
            SNSEvent event = aws.cloudWatch().messages().snsEvent(next.notification(), next.sequence());
            delivered++;
            responder.deliver(event);
            schedule();
        }
    }
}
