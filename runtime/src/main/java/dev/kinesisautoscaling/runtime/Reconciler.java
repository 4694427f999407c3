package dev.kinesisautoscaling.runtime;

import dev.kinesisautoscaling.contract.MetricContract;
import dev.kinesisautoscaling.runtime.aws.AlarmPair;
import dev.kinesisautoscaling.runtime.aws.ConsumerFunctions;
import dev.kinesisautoscaling.runtime.aws.KinesisStreams;
import dev.kinesisautoscaling.runtime.aws.ScalingAlarms;
import dev.kinesisautoscaling.runtime.aws.StreamSummary;
import dev.kinesisautoscaling.runtime.scaling.AlarmConfigurationException;
import dev.kinesisautoscaling.runtime.scaling.ConsumerConcurrency;
import dev.kinesisautoscaling.runtime.scaling.Decision;
import dev.kinesisautoscaling.runtime.scaling.Outcome;
import dev.kinesisautoscaling.runtime.scaling.ScaleAction;
import dev.kinesisautoscaling.runtime.scaling.ScalingHistory;
import dev.kinesisautoscaling.runtime.scaling.ScalingPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Keeps every alarm pair true to its stream, whatever happened in between: a stack update that
 * reset the alarms to the template's values, a stream resharded by hand, a scaling interrupted
 * half-way. It never calls {@code UpdateShardCount}.
 *
 * <p>For each pair it repairs, in this order: alarms computed for another shard count or with the
 * wrong scale-down threshold; a history that only one alarm of the pair remembers; an alarm left
 * in {@code ALARM} for longer than {@link #STUCK_ALARM_AGE}, whose notification was lost, which it
 * resets so that CloudWatch notifies again; and a consumer reservation that does not match the
 * shard count.
 */
public final class Reconciler {

    /** How long an alarm may stay in {@code ALARM} before its notification counts as lost. */
    public static final Duration STUCK_ALARM_AGE = Duration.ofMinutes(15);

    private final ScalingAlarms alarms;
    private final KinesisStreams streams;
    private final ConsumerFunctions consumers;
    private final AlarmPairWriter writer;
    private final Clock clock;

    /**
     * Acts through the given AWS access classes.
     *
     * @param alarms the CloudWatch calls
     * @param streams the Kinesis calls
     * @param consumers the Lambda calls
     * @param clock the current time
     */
    public Reconciler(ScalingAlarms alarms, KinesisStreams streams, ConsumerFunctions consumers, Clock clock) {
        this.alarms = alarms;
        this.streams = streams;
        this.consumers = consumers;
        this.writer = new AlarmPairWriter(alarms, consumers);
        this.clock = clock;
    }

    /**
     * Checks and repairs one alarm pair. Nothing is thrown: an AWS failure ends in
     * {@link Outcome#FAILED}, an unusable pair in {@link Outcome#INVALID_CONFIGURATION}.
     *
     * @param names the pair's alarm names
     * @return the decision
     */
    public Decision reconcile(ReconciliationRequest.AlarmPairNames names) {
        Decision.Builder decision = decisionFor(names);
        try {
            return check(names, decision);
        } catch (AlarmConfigurationException e) {
            return decision.build(Outcome.INVALID_CONFIGURATION, e.getMessage());
        } catch (RuntimeException e) {
            decision.detail("error", e.getClass().getName());
            return decision.build(Outcome.FAILED, ScalingService.describe(e));
        }
    }

    /**
     * The decision for a pair the invocation had no time left to check.
     *
     * @param names the pair's alarm names
     * @param remainingMillis the invocation's remaining time
     * @return a {@link Outcome#DEFERRED} decision
     */
    public static Decision deferred(ReconciliationRequest.AlarmPairNames names, long remainingMillis) {
        return decisionFor(names).build(Outcome.DEFERRED, "not checked: only " + remainingMillis
                + " ms of the invocation were left; the next reconciliation checks it");
    }

    private static Decision.Builder decisionFor(ReconciliationRequest.AlarmPairNames names) {
        return Decision.forMessage("reconciliation").detail("scaleDownAlarm", names.scaleDownAlarm())
                .alarm(null, names.scaleUpAlarm(), null);
    }

    private Decision check(ReconciliationRequest.AlarmPairNames names, Decision.Builder decision) {
        AlarmPair pair = alarms.describePair(names.scaleUpAlarm(), names.scaleDownAlarm());
        String streamName = pair.streamName();
        decision.alarm(streamName, names.scaleUpAlarm(), null);
        Map<String, String> upTags = alarms.tags(pair.scaleUp().alarmArn());
        Map<String, String> downTags = alarms.tags(pair.scaleDown().alarmArn());
        ScalingPolicy policy = ScalingPolicy.fromTags(names.scaleUpAlarm(), ScaleAction.UP, upTags);
        if (!policy.scaleDownAlarmName().equals(names.scaleDownAlarm())) {
            throw new AlarmConfigurationException("alarms " + names.scaleUpAlarm() + " and " + names.scaleDownAlarm()
                    + " are not a pair: the scale-up alarm's partner is " + policy.scaleDownAlarmName());
        }
        decision.dryRun(policy.dryRun());
        ScalingHistory upHistory = ScalingHistory.fromTags(names.scaleUpAlarm(), upTags);
        ScalingHistory downHistory = ScalingHistory.fromTags(names.scaleDownAlarm(), downTags);
        ScalingHistory history = upHistory.merge(downHistory);

        StreamSummary stream = streams.describe(streamName);
        if (stream.onDemand()) {
            return decision.build(Outcome.ON_DEMAND, "the stream is in on-demand mode; its alarms were left alone");
        }
        if (!stream.active()) {
            return decision.build(Outcome.STREAM_BUSY, "the stream is " + stream.status()
                    + "; the pair is checked again at the next reconciliation");
        }
        int shards = stream.openShardCount();
        decision.current(shards).target(shards);
        Instant now = clock.instant();

        if (!pair.matches(shards, policy)) {
            return writer.repair(pair, policy, history.withRepair(now), shards, decision,
                    "Repaired by reconciliation for the stream's " + shards + " shards");
        }
        if (policy.dryRun()) {
            return decision.build(Outcome.CONSISTENT, "the alarms match the stream's " + shards + " shards");
        }

        List<String> repairs = new ArrayList<>();
        Map<String, String> merged = history.toTags();
        if (!upHistory.toTags().equals(merged) || !downHistory.toTags().equals(merged)) {
            writer.writeHistory(pair, history);
            repairs.add("wrote the history both alarms should share");
        }
        for (MetricAlarm alarm : List.of(pair.scaleUp(), pair.scaleDown())) {
            if (alarm.stateValue() == StateValue.ALARM && alarm.stateUpdatedTimestamp() != null
                    && alarm.stateUpdatedTimestamp().isBefore(now.minus(STUCK_ALARM_AGE))) {
                alarms.setState(alarm.alarmName(), StateValue.INSUFFICIENT_DATA,
                        "Reset by reconciliation: in ALARM since " + alarm.stateUpdatedTimestamp()
                                + " without being acted on, so that it notifies again");
                decision.metric(MetricContract.STUCK_ALARMS_REDRIVEN);
                repairs.add("reset " + alarm.alarmName() + ", in ALARM since " + alarm.stateUpdatedTimestamp());
            }
        }
        // Last: a consumer whose reservation cannot be read must not keep a stuck alarm from being reset.
        if (policy.consumer().isPresent()) {
            ConsumerConcurrency consumer = policy.consumer().get();
            OptionalInt reserved = consumers.reservedConcurrency(consumer.functionArn());
            if (reserved.isEmpty() || reserved.getAsInt() != consumer.reservedFor(shards)) {
                writer.followConsumer(consumer, shards, decision);
                repairs.add("set the consumer's reserved concurrency for " + shards + " shards");
            }
        }
        if (repairs.isEmpty()) {
            return decision.build(Outcome.CONSISTENT, "the alarms match the stream's " + shards + " shards");
        }
        return decision.build(Outcome.REPAIRED, String.join("; ", repairs));
    }
}
