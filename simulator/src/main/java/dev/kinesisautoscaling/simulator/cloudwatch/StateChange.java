package dev.kinesisautoscaling.simulator.cloudwatch;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * One change of an alarm's state, by an evaluation or by {@code SetAlarmState}.
 *
 * @param time when the state changed
 * @param alarmName the alarm
 * @param oldState the state before
 * @param newState the state after
 * @param reason the state reason, as CloudWatch would show it
 * @param byEvaluation true when an evaluation changed the state, false for {@code SetAlarmState}
 * @param notifications the notifications the change published, one per SNS action
 */
public record StateChange(Instant time, String alarmName, StateValue oldState, StateValue newState, String reason,
                          boolean byEvaluation, List<Notification> notifications) {

    /**
     * Keeps an unmodifiable copy of the notifications.
     *
     * @param time when the state changed
     * @param alarmName the alarm
     * @param oldState the state before
     * @param newState the state after
     * @param reason the state reason
     * @param byEvaluation whether an evaluation changed the state
     * @param notifications the published notifications
     */
    public StateChange {
        notifications = List.copyOf(notifications);
    }

    /**
     * A notification that an alarm action published: the SNS message CloudWatch sends to a topic.
     *
     * @param topicArn the action, an SNS topic ARN
     * @param alarmName the alarm
     * @param newState the state the alarm entered
     * @param time the state change time
     * @param message the JSON message, exactly as CloudWatch writes it
     */
    public record Notification(String topicArn, String alarmName, StateValue newState, Instant time, String message) {
    }
}
