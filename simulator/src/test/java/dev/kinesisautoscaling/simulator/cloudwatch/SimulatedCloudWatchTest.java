package dev.kinesisautoscaling.simulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kinesisautoscaling.runtime.aws.AlarmRewrite;
import dev.kinesisautoscaling.runtime.notification.AlarmNotification;
import dev.kinesisautoscaling.runtime.notification.NotificationParser;
import dev.kinesisautoscaling.runtime.scaling.ScaleAction;
import dev.kinesisautoscaling.simulator.SpecAlarms;
import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import dev.kinesisautoscaling.simulator.aws.SimulationClock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

class SimulatedCloudWatchTest {

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final double MIB = 1024 * 1024;
    private static final MetricKey BYTES = MetricKey.kinesisStream("IncomingBytes", "orders");
    private static final MetricKey RECORDS = MetricKey.kinesisStream("IncomingRecords", "orders");

    private SimulationClock clock;
    private MetricStore store;
    private SimulatedCloudWatch cloudWatch;
    private int minutesWritten;

    @BeforeEach
    void setUp() {
        clock = new SimulationClock(START);
        store = new MetricStore(START.getEpochSecond() / 60, MetricStore.History.NONE);
        cloudWatch = new SimulatedCloudWatch(clock, store, AwsAccount.DEFAULT, 2);
    }

    /** Writes minutes of traffic and moves the clock to the end of the last one. */
    private void traffic(int minutes, double mibPerSecond) {
        for (int i = 0; i < minutes; i++) {
            long minute = START.getEpochSecond() / 60 + minutesWritten;
            store.put(BYTES, minute, mibPerSecond * MIB * 60);
            store.put(RECORDS, minute, 600);
            store.completeThrough(minute);
            minutesWritten++;
        }
        clock.set(START.plusSeconds(60L * minutesWritten));
    }

    private void createScaleUp(int period) {
        cloudWatch.createAlarm(SpecAlarms.scaleUp("orders", 1, period), SpecAlarms.tags("orders", true, 1, 10));
    }

    @Test
    void publishesAnAlarmNotificationThatTheScalingLambdaParses() throws Exception {
        createScaleUp(60);
        traffic(5, 0.9);

        List<StateChange> changes = cloudWatch.evaluateAlarms();
        List<StateChange.Notification> notifications = cloudWatch.drainNotifications();

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.oldState()).isEqualTo(StateValue.INSUFFICIENT_DATA);
            assertThat(change.newState()).isEqualTo(StateValue.ALARM);
            assertThat(change.reason()).startsWith("Threshold Crossed: 5 out of the last 5 datapoints [0.9 (05/01/26 00:04:00)");
        });
        assertThat(notifications).singleElement().satisfies(notification -> {
            assertThat(notification.topicArn()).isEqualTo(SpecAlarms.TOPIC);
            AlarmNotification parsed = new NotificationParser(new ObjectMapper()).parse(notification.message());
            assertThat(parsed.alarmName()).isEqualTo("orders-scale-up");
            assertThat(parsed.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-scale-up");
            assertThat(parsed.streamName()).isEqualTo("orders");
            assertThat(parsed.action()).isEqualTo(ScaleAction.UP);
            assertThat(parsed.isAlarm()).isTrue();
            assertThat(parsed.stateChangeTime()).isEqualTo(Instant.parse("2026-01-05T00:05:00Z"));
        });
        JsonNode message = new ObjectMapper().readTree(notifications.get(0).message());
        assertThat(message.get("StateChangeTime").asText()).isEqualTo("2026-01-05T00:05:00.000+0000");
        assertThat(message.get("OldStateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(message.get("Region").asText()).isEqualTo("US East (N. Virginia)");
        assertThat(message.at("/Trigger/Metrics/0/MetricStat/Metric/Dimensions/0").toString())
                .isEqualTo("{\"value\":\"orders\",\"name\":\"StreamName\"}");
        assertThat(message.at("/Trigger/Period").asInt()).isEqualTo(60);
        assertThat(message.at("/Trigger/TreatMissingData").asText()).isEqualTo("notBreaching");
    }

    @Test
    void evaluatesOnlyPeriodsThatAreCompleteAndAlignedToThePeriod() {
        createScaleUp(300);
        traffic(24, 0.9);
        cloudWatch.evaluateAlarms();
        assertThat(cloudWatch.alarm("orders-scale-up").stateValue()).isEqualTo(StateValue.OK);

        traffic(1, 0.9);
        cloudWatch.evaluateAlarms();
        assertThat(cloudWatch.alarm("orders-scale-up").stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(cloudWatch.alarm("orders-scale-up").stateUpdatedTimestamp()).isEqualTo(START.plusSeconds(25 * 60));
    }

    @Test
    void keepsAStateSetBySetAlarmStateOnlyUntilTheNextEvaluation() {
        createScaleUp(60);
        traffic(5, 0.9);
        cloudWatch.evaluateAlarms();
        cloudWatch.drainNotifications();

        cloudWatch.setAlarmState(r -> r.alarmName("orders-scale-up").stateValue(StateValue.OK).stateReason("retry"));
        assertThat(cloudWatch.alarm("orders-scale-up").stateValue()).isEqualTo(StateValue.OK);
        assertThat(cloudWatch.drainNotifications()).isEmpty();

        cloudWatch.evaluateAlarms();
        assertThat(cloudWatch.alarm("orders-scale-up").stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(cloudWatch.drainNotifications()).hasSize(1);
    }

    @Test
    void keepsStateAndTagsWhenPutMetricAlarmReplacesTheConfiguration() {
        createScaleUp(60);
        traffic(5, 0.9);
        cloudWatch.evaluateAlarms();
        MetricAlarm before = cloudWatch.alarm("orders-scale-up");

        cloudWatch.putMetricAlarm(AlarmRewrite.forShardCount(before, 2, OptionalDouble.empty()));

        MetricAlarm after = cloudWatch.alarm("orders-scale-up");
        assertThat(after.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(AlarmRewrite.shardCount(after)).isEqualTo(2);
        assertThat(after.alarmActions()).containsExactly(SpecAlarms.TOPIC);
        assertThat(cloudWatch.tags("orders-scale-up")).containsEntry("ScaleAction", "Up");

        cloudWatch.evaluateAlarms();
        assertThat(cloudWatch.alarm("orders-scale-up").stateValue()).isEqualTo(StateValue.OK);
    }

    @Test
    void skipsAnEvaluationWhoseDataConfigurationAndStateAreUnchanged() {
        createScaleUp(300);
        traffic(5, 0.1);
        cloudWatch.evaluateAlarms();
        long evaluations = cloudWatch.evaluationCount();

        traffic(1, 0.1);
        cloudWatch.evaluateAlarms();
        assertThat(cloudWatch.evaluationCount()).isEqualTo(evaluations);

        cloudWatch.setAlarmState(r -> r.alarmName("orders-scale-up").stateValue(StateValue.INSUFFICIENT_DATA).stateReason("reset"));
        cloudWatch.evaluateAlarms();
        assertThat(cloudWatch.evaluationCount()).isEqualTo(evaluations + 1);
        assertThat(cloudWatch.alarm("orders-scale-up").stateValue()).isEqualTo(StateValue.OK);
    }

    @Test
    void alarmsTheScaleDownAlarmOfAStreamWithoutAnyTraffic() {
        cloudWatch.createAlarm(SpecAlarms.scaleDown("orders", 2, 300, 0.25, null), SpecAlarms.tags("orders", false, 1, 10));
        clock.set(START.plusSeconds(300));

        cloudWatch.evaluateAlarms();

        assertThat(cloudWatch.alarm("orders-scale-down").stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(cloudWatch.alarm("orders-scale-down").stateReason()).startsWith("Insufficient Data: 62 datapoints were unknown");
    }

    @Test
    void publishesNothingWhenActionsAreDisabledOrNotSnsTopics() {
        cloudWatch.createAlarm(SpecAlarms.scaleUp("orders", 1, 60).toBuilder().actionsEnabled(false).build(),
                SpecAlarms.tags("orders", true, 1, 10));
        cloudWatch.createAlarm(SpecAlarms.scaleUp("other", 1, 60).toBuilder()
                .metrics(SpecAlarms.scaleUp("orders", 1, 60).metrics())
                .alarmActions("arn:aws:automate:us-east-1:ec2:stop").build(), SpecAlarms.tags("other", true, 1, 10));
        traffic(5, 0.9);

        assertThat(cloudWatch.evaluateAlarms()).hasSize(2);
        assertThat(cloudWatch.drainNotifications()).isEmpty();
    }

    @Test
    void describesTagsAndFiltersAlarmsLikeCloudWatch() {
        createScaleUp(60);
        cloudWatch.createAlarm(SpecAlarms.scaleDown("orders", 1, 60, -1, null), SpecAlarms.tags("orders", false, 1, 10));
        String arn = cloudWatch.alarm("orders-scale-up").alarmArn();

        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("orders-scale-down", "missing")).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("orders-scale-down");
        assertThat(cloudWatch.describeAlarms(r -> r.alarmTypes(AlarmType.COMPOSITE_ALARM)).metricAlarms()).isEmpty();
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNamePrefix("orders-")).metricAlarms()).hasSize(2);

        cloudWatch.tagResource(r -> r.resourceARN(arn).tags(Tag.builder().key("LastScaledTimestamp").value("x").build()));
        assertThat(cloudWatch.listTagsForResource(r -> r.resourceARN(arn)).tags())
                .contains(Tag.builder().key("LastScaledTimestamp").value("x").build());
        cloudWatch.untagResource(r -> r.resourceARN(arn).tagKeys("LastScaledTimestamp"));
        assertThat(cloudWatch.tags("orders-scale-up")).doesNotContainKey("LastScaledTimestamp");

        assertThatThrownBy(() -> cloudWatch.listTagsForResource(r -> r.resourceARN(arn + "-gone")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cloudWatch.setAlarmState(r -> r.alarmName("gone").stateValue(StateValue.OK).stateReason("x")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
