package dev.kinesisautoscaling.simulator.replay;

import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import dev.kinesisautoscaling.simulator.cloudwatch.MetricStore;
import dev.kinesisautoscaling.simulator.cloudwatch.SimulatedCloudWatch;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The settings of a replay that are not in the trace or the alarms.
 *
 * @param updateDuration how long a stream stays {@code UPDATING} after an accepted {@code UpdateShardCount}
 * @param notificationDelay time from an alarm's state change to the scaling function's invocation
 * @param history what the metrics looked like before the trace
 * @param extraEvaluationPeriods periods CloudWatch retrieves beyond an alarm's evaluation periods
 * @param initialShards the stream's shard count at the start; empty for the count the alarms were computed for
 * @param account the simulated account and region
 */
public record ReplaySettings(Duration updateDuration, Duration notificationDelay, MetricStore.History history,
                             int extraEvaluationPeriods, OptionalInt initialShards, AwsAccount account) {

    /** Default of {@link #updateDuration()}: Kinesis documents that resharding "could take a few minutes". */
    public static final Duration DEFAULT_UPDATE_DURATION = Duration.ofMinutes(2);

    /**
     * The defaults: two-minute reshards, immediate delivery, a steady history, CloudWatch's
     * documented evaluation range, the alarms' shard count, the default account.
     */
    public static final ReplaySettings DEFAULTS = new ReplaySettings(DEFAULT_UPDATE_DURATION, Duration.ZERO,
            MetricStore.History.REPEAT_FIRST_MINUTE, SimulatedCloudWatch.DEFAULT_EXTRA_PERIODS, OptionalInt.empty(),
            AwsAccount.DEFAULT);

    /**
     * Checks the values.
     *
     * @param updateDuration reshard time
     * @param notificationDelay delivery delay
     * @param history pre-trace metrics
     * @param extraEvaluationPeriods extra periods per evaluation
     * @param initialShards initial shard count
     * @param account account and region
     */
    public ReplaySettings {
        if (updateDuration.isNegative()) {
            throw new IllegalArgumentException("update duration (" + updateDuration + ") must not be negative");
        }
        if (notificationDelay.isNegative() || notificationDelay.compareTo(Duration.ofMinutes(1)) >= 0) {
            throw new IllegalArgumentException("notification delay (" + notificationDelay
                    + ") must be at least zero and less than one minute");
        }
        if (initialShards.isPresent() && (initialShards.getAsInt() < 1 || initialShards.getAsInt() > 10_000)) {
            throw new IllegalArgumentException("initial shard count (" + initialShards.getAsInt() + ") must be from 1 to 10000");
        }
    }

    /**
     * These settings with another update duration.
     *
     * @param duration the reshard time
     * @return the new settings
     */
    public ReplaySettings withUpdateDuration(Duration duration) {
        return new ReplaySettings(duration, notificationDelay, history, extraEvaluationPeriods, initialShards, account);
    }

    /**
     * These settings with another initial shard count.
     *
     * @param shards the shard count at the start
     * @return the new settings
     */
    public ReplaySettings withInitialShards(int shards) {
        return new ReplaySettings(updateDuration, notificationDelay, history, extraEvaluationPeriods, OptionalInt.of(shards),
                account);
    }

    /**
     * These settings with another history.
     *
     * @param newHistory what the metrics looked like before the trace
     * @return the new settings
     */
    public ReplaySettings withHistory(MetricStore.History newHistory) {
        return new ReplaySettings(updateDuration, notificationDelay, newHistory, extraEvaluationPeriods, initialShards,
                account);
    }

    /**
     * These settings with another notification delay.
     *
     * @param delay time from state change to invocation, under one minute
     * @return the new settings
     */
    public ReplaySettings withNotificationDelay(Duration delay) {
        return new ReplaySettings(updateDuration, delay, history, extraEvaluationPeriods, initialShards, account);
    }
}
