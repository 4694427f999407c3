package dev.kinesisautoscaling.simulator.replay;

import dev.kinesisautoscaling.simulator.aws.SimulatedKinesis.ShardCountCall;
import dev.kinesisautoscaling.simulator.trace.TrafficTrace;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a replay measured.
 *
 * <p>Capacity is counted per minute: a minute has the open shard count at its start (a reshard
 * that completes during a minute counts from the next one), and each open shard takes 1 MiB/s and
 * 1,000 records/s. A minute whose demand exceeds either is over capacity; the share of its demand
 * above capacity is rejected (writes are throttled), and only the accepted share reaches the
 * metrics. Shard-hours are the same per-minute shard counts summed over the trace.
 *
 * @param trace the replayed traffic
 * @param policy the scaling function that handled the notifications
 * @param streamName the simulated stream
 * @param shardsPerMinute the open shard count of every minute
 * @param overCapacityMinutes minutes whose demand exceeded capacity
 * @param rejectedBytes bytes of demand above capacity, summed over the minutes
 * @param rejectedRecords records of demand above capacity, summed over the minutes
 * @param calls every {@code UpdateShardCount} call, accepted or refused, oldest first
 * @param outcomes how the notifications were handled, by outcome
 * @param notifications notifications delivered to the scaling function
 * @param alarmStateChanges state changes of the alarms
 * @param alarmEvaluations alarm evaluations computed
 * @param wallTime how long the replay took on this machine
 */
public record ReplayResult(
        TrafficTrace trace,
        Policy policy,
        String streamName,
        int[] shardsPerMinute,
        int overCapacityMinutes,
        double rejectedBytes,
        double rejectedRecords,
        List<ShardCountCall> calls,
        Map<String, Long> outcomes,
        long notifications,
        long alarmStateChanges,
        long alarmEvaluations,
        Duration wallTime) {

    /**
     * Keeps unmodifiable copies.
     *
     * @param trace the traffic
     * @param policy the scaling function
     * @param streamName the stream
     * @param shardsPerMinute shard counts per minute
     * @param overCapacityMinutes minutes over capacity
     * @param rejectedBytes bytes above capacity
     * @param rejectedRecords records above capacity
     * @param calls the {@code UpdateShardCount} calls
     * @param outcomes outcome counts
     * @param notifications notifications delivered
     * @param alarmStateChanges alarm state changes
     * @param alarmEvaluations alarm evaluations
     * @param wallTime the replay's duration
     */
    public ReplayResult {
        shardsPerMinute = shardsPerMinute.clone();
        calls = List.copyOf(calls);
        outcomes = Map.copyOf(outcomes);
    }

    /**
     * The open shard counts per minute.
     *
     * @return a copy of the counts
     */
    @Override
    public int[] shardsPerMinute() {
        return shardsPerMinute.clone();
    }

    /**
     * The shard count of one minute.
     *
     * @param minute the minute's index in the trace
     * @return its open shard count
     */
    public int shardsAt(int minute) {
        return shardsPerMinute[minute];
    }

    /**
     * Provisioned shard-hours: every minute's shard count, in hours.
     *
     * @return shard-hours
     */
    public double shardHours() {
        long shardMinutes = 0;
        for (int shards : shardsPerMinute) {
            shardMinutes += shards;
        }
        return shardMinutes / 60.0;
    }

    /**
     * The largest shard count of the replay.
     *
     * @return shards
     */
    public int peakShards() {
        return Arrays.stream(shardsPerMinute).max().orElse(0);
    }

    /**
     * The accepted {@code UpdateShardCount} calls.
     *
     * @return the calls that resharded the stream
     */
    public List<ShardCountCall> acceptedCalls() {
        return calls.stream().filter(ShardCountCall::accepted).toList();
    }

    /**
     * The refused {@code UpdateShardCount} calls.
     *
     * @return the calls Kinesis refused
     */
    public List<ShardCountCall> refusedCalls() {
        return calls.stream().filter(call -> !call.accepted()).toList();
    }

    /**
     * Simulated days per second of wall time.
     *
     * @return the replay's speed
     */
    public double simulatedDaysPerSecond() {
        double seconds = Math.max(wallTime.toNanos(), 1) / 1e9;
        return trace.minutes() / 1440.0 / seconds;
    }
}
