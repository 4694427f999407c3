package dev.kinesisautoscaling.runtime;

import dev.kinesisautoscaling.runtime.aws.AlarmPair;
import dev.kinesisautoscaling.runtime.aws.ConsumerFunctions;
import dev.kinesisautoscaling.runtime.aws.KinesisStreams;
import dev.kinesisautoscaling.runtime.aws.ScalingAlarms;
import dev.kinesisautoscaling.runtime.aws.StreamSummary;
import dev.kinesisautoscaling.runtime.notification.AlarmNotification;
import dev.kinesisautoscaling.runtime.notification.InvalidNotificationException;
import dev.kinesisautoscaling.runtime.notification.NotificationParser;
import dev.kinesisautoscaling.runtime.scaling.AlarmConfigurationException;
import dev.kinesisautoscaling.runtime.scaling.Decision;
import dev.kinesisautoscaling.runtime.scaling.Outcome;
import dev.kinesisautoscaling.runtime.scaling.ScaleAction;
import dev.kinesisautoscaling.runtime.scaling.ScalingBudget;
import dev.kinesisautoscaling.runtime.scaling.ScalingHistory;
import dev.kinesisautoscaling.runtime.scaling.ScalingPolicy;
import dev.kinesisautoscaling.runtime.scaling.ShardCounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Handles one alarm notification from start to end and says what it decided.
 *
 * <p>The order of the AWS calls is what keeps a notification from scaling a stream twice. Before
 * anything else, the alarm pair is compared with the stream: alarms computed for another shard
 * count mean that a scaling (or a hand reshard, or a stack update) already happened, and the pair
 * is repaired instead of scaled again. Before {@code UpdateShardCount}, the call is written into
 * both alarms' history with {@code LastScaledTimestamp}: a redelivered notification is then
 * recognised whatever happens next, and a call whose answer was lost still counts against the
 * daily budget (the count errs on the safe side). A call Kinesis certainly refused is taken out of
 * the history again.
 */
public final class ScalingService {

    private final NotificationParser parser;
    private final ScalingAlarms alarms;
    private final KinesisStreams streams;
    private final AlarmPairWriter writer;
    private final Clock clock;

    /**
     * Acts through the given AWS access classes.
     *
     * @param parser reads notifications
     * @param alarms the CloudWatch calls
     * @param streams the Kinesis calls
     * @param consumers the Lambda calls
     * @param clock the current time, for timestamps and the daily budget
     */
    public ScalingService(NotificationParser parser, ScalingAlarms alarms, KinesisStreams streams,
                          ConsumerFunctions consumers, Clock clock) {
        this.parser = parser;
        this.alarms = alarms;
        this.streams = streams;
        this.writer = new AlarmPairWriter(alarms, consumers);
        this.clock = clock;
    }

    /**
     * Handles one SNS message.
     *
     * <p>Bad input, a busy stream, a bound and the daily budget end in a decision; an AWS call that
     * fails ends in {@link Outcome#FAILED}, after the alarm was set to {@code OK} so that CloudWatch
     * notifies again. Nothing is thrown.
     *
     * @param messageId the SNS message id
     * @param message the SNS message, a CloudWatch alarm notification
     * @return the decision
     */
    public Decision handle(String messageId, String message) {
        Decision.Builder decision = Decision.forMessage(messageId);
        AlarmNotification notification;
        try {
            notification = parser.parse(message);
        } catch (InvalidNotificationException e) {
            return decision.build(Outcome.INVALID_NOTIFICATION, e.getMessage());
        }
        decision.alarm(notification.streamName(), notification.alarmName(), notification.action());
        if (!notification.isAlarm()) {
            return decision.build(Outcome.IGNORED, "the alarm entered " + notification.newState() + ", not ALARM");
        }
        try {
            return act(notification, decision);
        } catch (AlarmConfigurationException e) {
            return decision.build(Outcome.INVALID_CONFIGURATION, e.getMessage());
        } catch (RuntimeException e) {
            String reason = describe(e);
            decision.detail("error", e.getClass().getName());
            try {
                alarms.setState(notification.alarmName(), StateValue.OK,
                        "Scaling failed (" + reason + "); set to OK so that the alarm notifies again");
                decision.detail("alarmState", StateValue.OK.toString());
            } catch (RuntimeException resetFailure) {
                decision.detail("alarmStateResetFailure", describe(resetFailure));
            }
            return decision.build(Outcome.FAILED, reason);
        }
    }

    private Decision act(AlarmNotification notification, Decision.Builder decision) {
        Map<String, String> tags = alarms.tags(notification.alarmArn());
        ScalingPolicy policy = ScalingPolicy.fromTags(notification.alarmName(), notification.action(), tags);
        decision.dryRun(policy.dryRun());

        AlarmPair pair = alarms.describePair(policy.scaleUpAlarmName(), policy.scaleDownAlarmName());
        String watched = pair.streamName();
        if (!watched.equals(notification.streamName())) {
            return decision.build(Outcome.INVALID_NOTIFICATION, "the notification names stream "
                    + notification.streamName() + ", but alarm " + notification.alarmName() + " watches stream " + watched);
        }

        StreamSummary stream = streams.describe(watched);
        if (stream.onDemand()) {
            // Left in ALARM: a reset would have the alarm notify again at every evaluation. Should
            // the stream return to provisioned mode, reconciliation resets the alarm.
            return decision.build(Outcome.ON_DEMAND, "the stream is in on-demand mode, which Kinesis scales by itself; "
                    + "the alarm was left in ALARM");
        }
        if (!stream.active()) {
            alarms.setState(notification.alarmName(), StateValue.OK,
                    "Stream is " + stream.status() + "; set to OK so that the alarm notifies again");
            return decision.build(Outcome.STREAM_BUSY, "the stream is " + stream.status()
                    + "; the alarm was set to OK so that it notifies again at its next evaluation");
        }
        int current = stream.openShardCount();
        decision.current(current);

        MetricAlarm complementary = notification.action() == ScaleAction.UP ? pair.scaleDown() : pair.scaleUp();
        ScalingHistory history = ScalingHistory.fromTags(notification.alarmName(), tags)
                .merge(ScalingHistory.fromTags(complementary.alarmName(), alarms.tags(complementary.alarmArn())));
        Instant now = clock.instant();

        if (!pair.matches(current, policy)) {
            if (policy.dryRun()) {
                reset(notification, "dry run");
            }
            return writer.repair(pair, policy, history.withRepair(now), current, decision,
                    "Repaired for the stream's " + current + " shards");
        }
        if (history.isStale(notification.stateChangeTime())) {
            reset(notification, "notification already acted on");
            return decision.build(Outcome.STALE, "the alarm's state change at " + notification.stateChangeTime()
                    + " is not after the last scaling at " + history.lastScaled().orElseThrow());
        }

        int target = ShardCounts.target(notification.action(), current, policy.minShardCount(), policy.maxShardCount());
        decision.target(target);
        if (target == current) {
            reset(notification, "stream is at its shard count bound");
            String bound = notification.action() == ScaleAction.UP
                    ? "maximum of " + policy.maxShardCount() : "minimum of " + policy.minShardCount();
            return decision.build(Outcome.AT_BOUND, "the stream has " + current + " shards, at its " + bound);
        }

        ScalingBudget.Check budget = ScalingBudget.check(history, notification.action(), now);
        decision.detail("callsInLast24Hours", budget.callsInWindow());
        decision.detail("callsAllowedIn24Hours", budget.callsAllowed());
        if (!budget.allowed()) {
            reset(notification, "daily UpdateShardCount budget exhausted");
            return decision.build(Outcome.BUDGET_EXHAUSTED, "no UpdateShardCount call left for a scale-"
                    + notification.action().tagValue().toLowerCase(java.util.Locale.ROOT)
                    + " until " + budget.availableAt().orElseThrow());
        }

        decision.detail("alarmChanges", AlarmPairWriter.changes(pair, target, policy));
        if (policy.dryRun()) {
            reset(notification, "dry run");
            return decision.build(Outcome.DRY_RUN, "dry run: would scale from " + current + " to " + target + " shards");
        }

        // Written ahead of the call: from here on, a redelivery is recognised and the call counts
        // against the daily budget even if its answer is lost.
        writer.writeHistory(pair, history.withCall(now));
        return switch (streams.updateShardCount(notification.streamName(), target)) {
            case BUSY -> {
                writer.writeHistory(pair, history.withRepair(now));
                alarms.setState(notification.alarmName(), StateValue.OK,
                        "Stream is busy resharding; set to OK so that the alarm notifies again");
                yield decision.build(Outcome.STREAM_BUSY, "Kinesis answered ResourceInUseException; the alarm was "
                        + "set to OK so that it notifies again at its next evaluation");
            }
            case LIMIT_EXCEEDED -> {
                writer.writeHistory(pair, history.withRepair(now).withLimitExceeded(now));
                reset(notification, "Kinesis refused UpdateShardCount with a limit");
                yield decision.build(Outcome.LIMIT_EXCEEDED, "Kinesis refused UpdateShardCount with "
                        + "LimitExceededException; no further call for this stream before "
                        + now.plus(ScalingBudget.REFUSAL_HOLD));
            }
            case ACCEPTED -> {
                writer.applyAfterScaling(pair, policy, target, decision, "Scaled from " + current + " to " + target + " shards");
                Outcome outcome = notification.action() == ScaleAction.UP ? Outcome.SCALED_UP : Outcome.SCALED_DOWN;
                yield decision.build(outcome, "scaled from " + current + " to " + target + " shards");
            }
        };
    }

    private void reset(AlarmNotification notification, String why) {
        alarms.setState(notification.alarmName(), StateValue.INSUFFICIENT_DATA,
                "Reset by the scaling function (" + why + ") so that the alarm can notify again");
    }

    /** A failure as the decision line and the alarm's state reason show it: its type and message. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
