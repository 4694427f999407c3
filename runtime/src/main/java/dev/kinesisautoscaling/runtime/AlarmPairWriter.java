package dev.kinesisautoscaling.runtime;

import dev.kinesisautoscaling.contract.MetricContract;
import dev.kinesisautoscaling.runtime.aws.AlarmPair;
import dev.kinesisautoscaling.runtime.aws.ConsumerFunctions;
import dev.kinesisautoscaling.runtime.aws.ScalingAlarms;
import dev.kinesisautoscaling.runtime.scaling.ConsumerConcurrency;
import dev.kinesisautoscaling.runtime.scaling.Decision;
import dev.kinesisautoscaling.runtime.scaling.Outcome;
import dev.kinesisautoscaling.runtime.scaling.ScalingHistory;
import dev.kinesisautoscaling.runtime.scaling.ScalingPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Brings an alarm pair to a shard count, after a scaling or as a repair.
 *
 * <p>The order is what makes a failure half-way harmless. The history (with
 * {@code LastScaledTimestamp}) is on both alarms before they are rewritten, so that there is no
 * moment in which both alarms match the new shard count while the notification would still look
 * new. The consumer's reservation comes before the alarms: once they match the stream, a
 * redelivery is stale and would not come back to it.
 */
final class AlarmPairWriter {

    private final ScalingAlarms alarms;
    private final ConsumerFunctions consumers;

    AlarmPairWriter(ScalingAlarms alarms, ConsumerFunctions consumers) {
        this.alarms = alarms;
        this.consumers = consumers;
    }

    /**
     * Repairs a pair computed for another shard count or with the wrong threshold, without
     * scaling: the consumer, the history on both alarms, both alarms, their states. A dry-run pair
     * is only described.
     *
     * @param history the pair's history, with the repair already recorded in it
     * @param stateReason why the alarms are reset, for their state history
     */
    Decision repair(AlarmPair pair, ScalingPolicy policy, ScalingHistory history, int shards,
                    Decision.Builder decision, String stateReason) {
        decision.target(shards);
        decision.detail("alarmChanges", changes(pair, shards, policy));
        String found = pair.describeMismatch(shards);
        if (policy.dryRun()) {
            return decision.build(Outcome.DRY_RUN, "dry run: would repair the alarms without scaling; " + found);
        }
        policy.consumer().ifPresent(consumer -> followConsumer(consumer, shards, decision));
        writeHistory(pair, history);
        rewriteAndReset(pair, policy, shards, stateReason);
        return decision.build(Outcome.REPAIRED, found + "; repaired them without scaling");
    }

    /** After an accepted {@code UpdateShardCount}, whose history is already written: the consumer, both alarms, their states. */
    void applyAfterScaling(AlarmPair pair, ScalingPolicy policy, int shards, Decision.Builder decision,
                           String stateReason) {
        policy.consumer().ifPresent(consumer -> followConsumer(consumer, shards, decision));
        rewriteAndReset(pair, policy, shards, stateReason);
    }

    /** The same history on both alarms of the pair. */
    void writeHistory(AlarmPair pair, ScalingHistory history) {
        Map<String, String> historyTags = history.toTags();
        alarms.tag(pair.scaleUp().alarmArn(), historyTags);
        alarms.tag(pair.scaleDown().alarmArn(), historyTags);
    }

    private void rewriteAndReset(AlarmPair pair, ScalingPolicy policy, int shards, String stateReason) {
        alarms.rewrite(pair.scaleUp(), shards, OptionalDouble.empty());
        alarms.rewrite(pair.scaleDown(), shards, OptionalDouble.of(policy.scaleDownThresholdAt(shards)));
        alarms.setState(pair.scaleUp().alarmName(), StateValue.INSUFFICIENT_DATA, stateReason);
        alarms.setState(pair.scaleDown().alarmName(), StateValue.INSUFFICIENT_DATA, stateReason);
    }

    /** Sets the consumer's reservation for a shard count, and records what happened. */
    void followConsumer(ConsumerConcurrency consumer, int shards, Decision.Builder decision) {
        ConsumerFunctions.Result result = consumers.follow(consumer, shards);
        Map<String, Object> concurrency = new LinkedHashMap<>();
        concurrency.put("function", consumer.functionArn());
        switch (result.reservation()) {
            case SET -> concurrency.put("reservedConcurrency", result.reservedConcurrency());
            case REMOVED -> concurrency.put("reservedConcurrency", "unreserved");
            case UNCHANGED -> concurrency.put("reservedConcurrency", "unchanged");
        }
        if (result.reservation() != ConsumerFunctions.Reservation.SET) {
            concurrency.put("refusedReservation", result.reservedConcurrency());
            concurrency.put("refusal", result.refusal());
            decision.metric(MetricContract.CONSUMER_CONCURRENCY_FALLBACKS);
        }
        decision.detail("consumerConcurrency", concurrency);
    }

    /** The changes a rewrite for a shard count makes to the pair, for the log. */
    static Map<String, Object> changes(AlarmPair pair, int shards, ScalingPolicy policy) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(pair.scaleUp().alarmName(), Map.of("s1", change(pair.scaleUpShardCount(), shards)));
        changes.put(pair.scaleDown().alarmName(), Map.of(
                "s1", change(pair.scaleDownShardCount(), shards),
                "threshold", change(pair.scaleDown().threshold(), policy.scaleDownThresholdAt(shards))));
        return changes;
    }

    private static Map<String, Object> change(Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        return change;
    }
}
