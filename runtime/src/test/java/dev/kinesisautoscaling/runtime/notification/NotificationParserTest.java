package dev.kinesisautoscaling.runtime.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kinesisautoscaling.runtime.fakes.Scenario;
import dev.kinesisautoscaling.runtime.scaling.ScaleAction;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationParserTest {

    private final NotificationParser parser = new NotificationParser(new ObjectMapper());

    private static String message(String fixture) {
        return Scenario.event(fixture).getRecords().get(0).getSNS().getMessage();
    }

    @Test
    void readsTheAlarmTheStateAndTheStreamOfANotificationAsCloudWatchSendsIt() throws Exception {
        AlarmNotification notification = parser.parse(message("orders-scale-up-alarm.json"));

        assertThat(notification.alarmName()).isEqualTo("orders-scale-up");
        assertThat(notification.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-scale-up");
        assertThat(notification.newState()).isEqualTo("ALARM");
        assertThat(notification.isAlarm()).isTrue();
        assertThat(notification.stateChangeTime()).isEqualTo(Instant.parse("2026-11-29T10:25:44.775Z"));
        assertThat(notification.streamName()).isEqualTo("orders");
        assertThat(notification.action()).isEqualTo(ScaleAction.UP);
    }

    @Test
    void readsAScaleDownNotification() throws Exception {
        AlarmNotification notification = parser.parse(message("orders-scale-down-alarm.json"));

        assertThat(notification.action()).isEqualTo(ScaleAction.DOWN);
        assertThat(notification.stateChangeTime()).isEqualTo(Instant.parse("2026-11-29T15:40:02.318Z"));
    }

    @Test
    void acceptsCapitalisedDimensionKeysToo() throws Exception {
        String message = message("orders-scale-up-alarm.json")
                .replace("\"name\":\"StreamName\"", "\"Name\":\"StreamName\"")
                .replace("\"value\":\"orders\"", "\"Value\":\"orders\"");

        assertThat(parser.parse(message).streamName()).isEqualTo("orders");
    }

    @Test
    void namesTheWrongType() {
        String message = message("orders-scale-up-alarm.json").replace("\"NewStateValue\":\"ALARM\"", "\"NewStateValue\":3");

        assertThatThrownBy(() -> parser.parse(message))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessage("NewStateValue is a number, not a string");
    }

    @Test
    void refusesAnArnOfAnotherAlarm() {
        String message = message("orders-scale-up-alarm.json").replace("alarm:orders-scale-up", "alarm:payments-scale-up");

        assertThatThrownBy(() -> parser.parse(message))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessage("AlarmArn 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:payments-scale-up' is not the ARN "
                        + "of alarm 'orders-scale-up'");
    }
}
