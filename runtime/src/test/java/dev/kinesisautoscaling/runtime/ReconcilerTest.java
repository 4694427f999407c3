package dev.kinesisautoscaling.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinesisautoscaling.runtime.fakes.AwsCalls;
import dev.kinesisautoscaling.runtime.fakes.Scenario;
import dev.kinesisautoscaling.runtime.fakes.TestAlarms;
import dev.kinesisautoscaling.runtime.fakes.TestContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.lambda.model.LambdaException;

class ReconcilerTest {

    private static final String UP = "orders-scale-up";
    private static final String DOWN = "orders-scale-down";
    private static final String CONSUMER = "arn:aws:lambda:us-east-1:123456789012:function:orders-consumer";

    private final Scenario world = new Scenario();

    private static ReconciliationRequest pairs(String... streams) {
        return new ReconciliationRequest(java.util.Arrays.stream(streams)
                .map(s -> new ReconciliationRequest.AlarmPairNames(s + "-scale-up", s + "-scale-down")).toList());
    }

    private ScalingReport reconcile(String... streams) {
        return world.handler().reconcile(pairs(streams), new TestContext(180_000));
    }

    @Test
    void changesNothingForAPairTrueToItsStream() {
        world.stream("orders", 4, p -> p.consumerArn = CONSUMER);
        world.lambda.reserve(CONSUMER, 4);

        ScalingReport report = reconcile("orders");

        assertThat(world.calls.mutating()).isEmpty();
        assertThat(world.calls.count("UpdateShardCount")).isZero();
        assertThat(report.getRecords()).extracting(ScalingReport.RecordResult::getOutcome).containsExactly("CONSISTENT");
        assertThat(world.lastOutcome()).isEqualTo("CONSISTENT");
    }

    @Test
    void repairsAlarmsThatAStackUpdateResetToTheTemplatesValues() {
        TestAlarms.Policy policy = world.stream("orders", 8);
        world.cloudWatch.replaceAlarm(TestAlarms.scaleUp("orders", 2, policy));
        world.cloudWatch.replaceAlarm(TestAlarms.scaleDown("orders", 2, policy));

        reconcile("orders");

        world.assertPairMatchesStream("orders", policy);
        assertThat(world.calls.count("UpdateShardCount")).isZero();
        assertThat(world.cloudWatch.statesSet(UP)).containsExactly(StateValue.INSUFFICIENT_DATA);
        assertThat(world.lastOutcome()).isEqualTo("REPAIRED");
    }

    @Test
    void repairsAlarmsOfAStreamReshardedByHand() {
        TestAlarms.Policy policy = world.stream("orders", 4, p -> p.min = 2);
        world.kinesis.stream("orders").openShards = 2;

        reconcile("orders");

        world.assertPairMatchesStream("orders", policy);
        assertThat(world.alarm(DOWN).threshold()).isEqualTo(-1.0);
    }

    @Test
    void completesAScalingThatWasInterruptedAfterUpdateShardCount() {
        TestAlarms.Policy policy = world.stream("orders", 2);
        world.calls.failCall("PutMetricAlarm", 1, AwsCalls.Timing.BEFORE_EFFECT,
                () -> (CloudWatchException) CloudWatchException.builder().statusCode(500).message("Internal failure").build());
        assertThatThrownBy(() -> world.deliver("orders-scale-up-alarm.json")).isInstanceOf(ScalingFailedException.class);
        assertThat(world.kinesis.stream("orders").openShards).isEqualTo(4);

        reconcile("orders");

        world.assertPairMatchesStream("orders", policy);
        assertThat(world.calls.count("UpdateShardCount")).isEqualTo(1);
        assertThat(world.cloudWatch.tags(UP)).containsKey("LastScaledTimestamp");
    }

    @Test
    void writesAHistoryThatOnlyOneAlarmRemembersOntoBoth() {
        world.stream("orders", 4);
        world.cloudWatch.tags(UP).put("LastScaledTimestamp", "2026-11-29T09:00:00.000+0000");
        world.cloudWatch.tags(UP).put("RecentScalingCalls", "20261129T090000Z");

        reconcile("orders");

        assertThat(world.cloudWatch.tags(DOWN)).containsEntry("LastScaledTimestamp", "2026-11-29T09:00:00.000+0000")
                .containsEntry("RecentScalingCalls", "20261129T090000Z");
        assertThat(world.calls.mutating()).containsExactly("TagResource", "TagResource");
        assertThat(world.lastOutcome()).isEqualTo("REPAIRED");
    }

    @Test
    void setsAConsumerReservationThatDriftedFromTheShardCount() {
        world.stream("orders", 4, p -> {
            p.consumerArn = CONSUMER;
            p.consumerPerShard = 2;
        });
        world.lambda.reserve(CONSUMER, 3);

        reconcile("orders");

        assertThat(world.lambda.reservedConcurrency(CONSUMER)).isEqualTo(8);
    }

    @Test
    void resetsAnAlarmWhoseNotificationWasLost() {
        world.stream("orders", 4);
        MetricAlarm up = world.alarm(UP);
        world.cloudWatch.replaceAlarm(up.toBuilder().stateValue(StateValue.ALARM)
                .stateUpdatedTimestamp(Scenario.START.minus(Duration.ofMinutes(40))).build());

        reconcile("orders");

        assertThat(world.cloudWatch.statesSet(UP)).containsExactly(StateValue.INSUFFICIENT_DATA);
        assertThat(world.decisions().get(0).path("StuckAlarmsRedriven").asInt()).isEqualTo(1);
    }

    @Test
    void resetsAStuckAlarmEvenWhenTheConsumersReservationCannotBeRead() {
        world.stream("orders", 4, p -> p.consumerArn = CONSUMER);
        world.cloudWatch.replaceAlarm(world.alarm(UP).toBuilder().stateValue(StateValue.ALARM)
                .stateUpdatedTimestamp(Scenario.START.minus(Duration.ofMinutes(40))).build());
        world.calls.failAlways("GetFunctionConcurrency",
                () -> LambdaException.builder().statusCode(500).message("internal error").build());

        assertThatThrownBy(() -> reconcile("orders")).isInstanceOf(ScalingFailedException.class);

        assertThat(world.cloudWatch.statesSet(UP)).containsExactly(StateValue.INSUFFICIENT_DATA);
        assertThat(world.lastOutcome()).isEqualTo("FAILED");
    }

    @Test
    void leavesAnAlarmThatHasJustEnteredAlarmToItsNotification() {
        world.stream("orders", 4);
        world.cloudWatch.replaceAlarm(world.alarm(UP).toBuilder().stateValue(StateValue.ALARM)
                .stateUpdatedTimestamp(Scenario.START.minus(Duration.ofMinutes(2))).build());

        reconcile("orders");

        assertThat(world.calls.mutating()).isEmpty();
    }

    @Test
    void leavesABusyOrOnDemandStreamForLater() {
        world.stream("orders", 4);
        world.stream("clicks", 2);
        world.kinesis.stream("orders").status = StreamStatus.UPDATING;
        world.kinesis.stream("clicks").mode = StreamMode.ON_DEMAND;

        ScalingReport report = reconcile("orders", "clicks");

        assertThat(world.calls.mutating()).isEmpty();
        assertThat(report.getRecords()).extracting(ScalingReport.RecordResult::getOutcome)
                .containsExactly("STREAM_BUSY", "ON_DEMAND");
    }

    @Test
    void onlyLogsTheRepairOfADryRunPair() {
        TestAlarms.Policy policy = world.stream("orders", 8, p -> p.dryRun = true);
        world.cloudWatch.replaceAlarm(TestAlarms.scaleUp("orders", 2, policy));

        reconcile("orders");

        assertThat(world.calls.mutating()).isEmpty();
        assertThat(world.lastOutcome()).isEqualTo("DRY_RUN");
    }

    @Test
    void reportsAMissingPairWithoutFailing() {
        world.stream("orders", 4);

        ScalingReport report = reconcile("orders", "gone");

        assertThat(report.getRecords()).extracting(ScalingReport.RecordResult::getOutcome)
                .containsExactly("CONSISTENT", "INVALID_CONFIGURATION");
        assertThat(report.getRecords().get(1).getReason())
                .isEqualTo("alarm pair is incomplete: gone-scale-up and gone-scale-down do not exist");
    }

    @Test
    void checksEveryPairAndThenFailsWhenOneFailed() {
        TestAlarms.Policy policy = world.stream("orders", 4);
        world.stream("payments", 2);
        world.cloudWatch.replaceAlarm(TestAlarms.scaleUp("orders", 2, policy));
        world.calls.failCall("DescribeAlarms", 1, AwsCalls.Timing.BEFORE_EFFECT,
                () -> (CloudWatchException) CloudWatchException.builder().statusCode(500).message("Internal failure").build());

        world.clock.set(java.time.Instant.parse("2026-11-29T10:00:00Z"));

        assertThatThrownBy(() -> reconcile("payments", "orders"))
                .isInstanceOf(ScalingFailedException.class)
                .hasMessageStartingWith("1 of 2 alarm pairs failed: payments-scale-up: CloudWatchException");

        world.assertPairMatchesStream("orders", policy);
        assertThat(world.decisions()).extracting(d -> d.path("outcome").asText()).containsExactly("FAILED", "REPAIRED");
    }

    @Test
    void defersPairsToTheNextRunWhenTheInvocationIsAboutToTimeOut() {
        world.stream("orders", 4);

        ScalingReport report = world.handler().reconcile(pairs("orders"), new TestContext(3_000));

        assertThat(world.calls.all()).isEmpty();
        assertThat(report.getRecords()).extracting(ScalingReport.RecordResult::getReason).containsExactly(
                "not checked: only 3000 ms of the invocation were left; the next reconciliation checks it");
        assertThat(world.lastOutcome()).isEqualTo("DEFERRED");
    }

    @Test
    void startsEachRunAtAnotherPlaceInTheList() {
        world.stream("a", 2);
        world.stream("b", 2);
        world.stream("c", 2);

        world.clock.set(java.time.Instant.parse("2026-11-29T10:00:00Z"));
        reconcile("a", "b", "c");
        world.clock.advance(Duration.ofMinutes(1));
        reconcile("a", "b", "c");

        assertThat(world.decisions()).extracting(d -> d.path("StreamName").asText())
                .containsExactly("a", "b", "c", "b", "c", "a");
    }

    @Test
    void writesOneDecisionLinePerPair() {
        world.stream("orders", 4);
        world.stream("payments", 2);
        world.clock.set(java.time.Instant.parse("2026-11-29T10:00:00Z"));

        reconcile("orders", "payments");

        List<JsonNode> lines = world.decisions();
        assertThat(lines).extracting(l -> l.path("StreamName").asText()).containsExactly("orders", "payments");
        assertThat(lines.get(0).path("AlarmPairsConsistent").asInt()).isEqualTo(1);
        assertThat(lines.get(0).path("currentShardCount").asInt()).isEqualTo(4);
    }
}
