package dev.kinesisautoscaling.runtime.notification;

import dev.kinesisautoscaling.runtime.scaling.ScaleAction;
import java.time.Instant;

/**
 * The parts of a CloudWatch alarm notification that the Lambda acts on.
 *
 * @param alarmName the alarm's name
 * @param alarmArn the alarm's ARN
 * @param newState the state the alarm entered: {@code ALARM}, {@code OK} or {@code INSUFFICIENT_DATA}
 * @param stateChangeTime when the alarm entered that state
 * @param streamName the stream named by the {@code StreamName} dimension of the alarm's Kinesis metrics
 * @param action the direction the alarm's name asks for
 */
public record AlarmNotification(
        String alarmName,
        String alarmArn,
        String newState,
        Instant stateChangeTime,
        String streamName,
        ScaleAction action) {

    /** The state in which an alarm asks for scaling. */
    public static final String ALARM_STATE = "ALARM";

    /**
     * Whether the alarm entered {@code ALARM}.
     *
     * @return true for a notification that asks for scaling
     */
    public boolean isAlarm() {
        return ALARM_STATE.equals(newState);
    }
}
