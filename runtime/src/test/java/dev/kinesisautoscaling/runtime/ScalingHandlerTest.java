package dev.kinesisautoscaling.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinesisautoscaling.runtime.fakes.AwsCalls;
import dev.kinesisautoscaling.runtime.fakes.FakeCloudWatch;
import dev.kinesisautoscaling.runtime.fakes.PairPolicy;
import dev.kinesisautoscaling.runtime.fakes.Scenario;
import dev.kinesisautoscaling.runtime.fakes.TestAlarms;
import dev.kinesisautoscaling.runtime.fakes.TestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountRequest;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;

class ScalingHandlerTest {

    private static final String UP = "orders-scale-up";
    private static final String DOWN = "orders-scale-down";
    private static final String CONSUMER = "arn:aws:lambda:us-east-1:123456789012:function:orders-consumer";

    private final Scenario world = new Scenario();

    private UpdateShardCountRequest onlyUpdate() {
        assertThat(world.calls.count("UpdateShardCount")).isEqualTo(1);
        return (UpdateShardCountRequest) world.calls.of("UpdateShardCount").get(0).request();
    }

    private JsonNode lastDecision() {
        List<JsonNode> decisions = world.decisions();
        return decisions.get(decisions.size() - 1);
    }

    @Nested
    class Scaling {

        @Test
        void scalesUpByDoublingUniformlyAndRewritesBothAlarms() {
            TestAlarms.Policy policy = world.stream("orders", 2);

            world.deliver("orders-scale-up-alarm.json");

            UpdateShardCountRequest update = onlyUpdate();
            assertThat(update.streamName()).isEqualTo("orders");
            assertThat(update.targetShardCount()).isEqualTo(4);
            assertThat(update.scalingType()).isEqualTo(ScalingType.UNIFORM_SCALING);
            world.assertPairMatchesStream("orders", policy);
            assertThat(world.cloudWatch.statesSet(UP)).containsExactly(StateValue.INSUFFICIENT_DATA);
            assertThat(world.cloudWatch.statesSet(DOWN)).containsExactly(StateValue.INSUFFICIENT_DATA);
            assertThat(world.lastOutcome()).isEqualTo("SCALED_UP");
        }

        @Test
        void tagsBothAlarmsWithTheTimeOfTheScalingAndTheCallsOfTheDay() {
            world.stream("orders", 2);

            world.deliver("orders-scale-up-alarm.json");

            for (String alarm : List.of(UP, DOWN)) {
                assertThat(world.cloudWatch.tags(alarm))
                        .containsEntry("LastScaledTimestamp", "2026-11-29T10:26:00.000+0000")
                        .containsEntry("RecentScalingCalls", "20261129T102600Z");
            }
        }

        @Test
        void writesTheHistoryBeforeTheAlarmsSoThatARedeliveryIsRecognised() {
            world.stream("orders", 2);

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.mutating()).containsExactly("TagResource", "TagResource", "UpdateShardCount",
                    "PutMetricAlarm", "PutMetricAlarm", "SetAlarmState", "SetAlarmState");
        }

        @Test
        void scalesDownOddCountsByCeilingHalf() {
            TestAlarms.Policy policy = world.stream("orders", 5);

            world.deliver("orders-scale-down-alarm.json");

            assertThat(onlyUpdate().targetShardCount()).isEqualTo(3);
            world.assertPairMatchesStream("orders", policy);
            assertThat(world.lastOutcome()).isEqualTo("SCALED_DOWN");
        }

        @Test
        void makesTheScaleDownAlarmUnreachableWhenReachingTheMinimum() {
            world.stream("orders", 3, p -> p.min = 2);

            world.deliver("orders-scale-down-alarm.json");

            assertThat(onlyUpdate().targetShardCount()).isEqualTo(2);
            assertThat(world.alarm(DOWN).threshold()).isEqualTo(-1.0);
            assertThat(world.alarm(UP).threshold()).isEqualTo(0.75);
        }

        @Test
        void restoresTheConfiguredScaleDownThresholdWhenLeavingTheMinimum() {
            world.stream("orders", 1, p -> p.down = 0.3);
            assertThat(world.alarm(DOWN).threshold()).isEqualTo(-1.0);

            world.deliver("orders-scale-up-alarm.json");

            assertThat(onlyUpdate().targetShardCount()).isEqualTo(2);
            assertThat(world.alarm(DOWN).threshold()).isEqualTo(0.3);
        }

        @Test
        void clampsAScaleUpToTheMaximum() {
            world.stream("orders", 5, p -> p.max = 8);

            world.deliver("orders-scale-up-alarm.json");

            assertThat(onlyUpdate().targetShardCount()).isEqualTo(8);
            assertThat(world.s1(UP)).isEqualTo(8);
        }

        @Test
        void clampsAScaleDownToTheMinimum() {
            world.stream("orders", 4, p -> p.min = 3);

            world.deliver("orders-scale-down-alarm.json");

            assertThat(onlyUpdate().targetShardCount()).isEqualTo(3);
            assertThat(world.alarm(DOWN).threshold()).isEqualTo(-1.0);
        }

        @Test
        void readsMissingBoundTagsAsOneAndTenThousand() {
            world.stream("orders", 1, p -> p.writeMinMaxTags = false);

            world.deliver("orders-scale-down-alarm.json");

            assertThat(world.calls.count("UpdateShardCount")).isZero();
            assertThat(world.lastOutcome()).isEqualTo("AT_BOUND");
            assertThat(lastDecision().path("reason").asText()).isEqualTo("the stream has 1 shards, at its minimum of 1");
        }
    }

    @Nested
    class Bounds {

        @Test
        void doesNotCallKinesisAtTheMaximumAndResetsTheAlarm() {
            world.stream("orders", 8, p -> p.max = 8);

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.mutating()).containsExactly("SetAlarmState");
            assertThat(world.cloudWatch.statesSet(UP)).containsExactly(StateValue.INSUFFICIENT_DATA);
            assertThat(world.lastOutcome()).isEqualTo("AT_BOUND");
            assertThat(lastDecision().path("AtShardCountBound").asInt()).isEqualTo(1);
        }

        @Test
        void doesNotCallKinesisAtTheMinimum() {
            world.stream("orders", 2, p -> p.min = 2);

            world.deliver("orders-scale-down-alarm.json");

            assertThat(world.calls.mutating()).containsExactly("SetAlarmState");
            assertThat(world.lastOutcome()).isEqualTo("AT_BOUND");
        }
    }

    @Nested
    class Notifications {

        @Test
        void ignoresAnOkNotificationWithoutCallingAws() {
            world.stream("orders", 2);

            world.deliver("orders-scale-up-ok.json");

            assertThat(world.calls.all()).isEmpty();
            assertThat(world.lastOutcome()).isEqualTo("IGNORED");
            assertThat(lastDecision().path("level").asText()).isEqualTo("INFO");
        }

        @Test
        void rejectsANotificationFromBeforeTheLastScaling() {
            world.stream("orders", 2);
            world.cloudWatch.tags(UP).put("LastScaledTimestamp", "2026-11-29T10:25:44.775+0000");

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.count("UpdateShardCount")).isZero();
            assertThat(world.calls.mutating()).containsExactly("SetAlarmState");
            assertThat(world.cloudWatch.statesSet(UP)).containsExactly(StateValue.INSUFFICIENT_DATA);
            assertThat(world.lastOutcome()).isEqualTo("STALE");
        }

        @Test
        void scalesOnceWhenSnsDeliversTheSameNotificationTwice() {
            TestAlarms.Policy policy = world.stream("orders", 2);

            world.deliver("orders-scale-up-alarm.json");
            world.clock.advance(Duration.ofSeconds(20));
            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.count("UpdateShardCount")).isEqualTo(1);
            assertThat(world.kinesis.stream("orders").openShards).isEqualTo(4);
            world.assertPairMatchesStream("orders", policy);
            assertThat(world.decisions()).extracting(d -> d.path("outcome").asText()).containsExactly("SCALED_UP", "STALE");
        }

        @Test
        void scalesAgainForALaterNotification() {
            world.stream("orders", 2);

            world.deliver("orders-scale-up-alarm.json");
            world.clock.set(Instant.parse("2026-11-29T11:05:30Z"));
            world.deliver("orders-scale-up-alarm-later.json");

            assertThat(world.calls.count("UpdateShardCount")).isEqualTo(2);
            assertThat(world.kinesis.stream("orders").openShards).isEqualTo(8);
            assertThat(world.cloudWatch.tags(UP).get("RecentScalingCalls")).isEqualTo("20261129T102600Z 20261129T110530Z");
        }

        @Test
        void handlesEveryRecordOfAMultiRecordEventOnItsOwn() {
            world.stream("orders", 2);
            world.stream("payments", 4);

            ScalingReport report = world.deliver("multi-record.json");

            assertThat(world.kinesis.stream("orders").openShards).isEqualTo(4);
            assertThat(world.kinesis.stream("payments").openShards).isEqualTo(2);
            assertThat(report.getRecords()).extracting(ScalingReport.RecordResult::getOutcome)
                    .containsExactly("SCALED_UP", "INVALID_NOTIFICATION", "SCALED_DOWN");
            assertThat(world.decisions()).hasSize(3);
        }
    }

    @Nested
    class DryRun {

        @Test
        void logsTheFullDecisionAndResetsTheAlarmWithoutChangingAnythingElse() {
            world.stream("orders", 2, p -> p.dryRun = true);
            MetricAlarm upBefore = world.alarm(UP);

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.mutating()).containsExactly("SetAlarmState");
            assertThat(world.cloudWatch.statesSet(UP)).containsExactly(StateValue.INSUFFICIENT_DATA);
            assertThat(world.kinesis.stream("orders").openShards).isEqualTo(2);
            assertThat(world.alarm(UP).metrics()).isEqualTo(upBefore.metrics());
            JsonNode decision = lastDecision();
            assertThat(decision.path("outcome").asText()).isEqualTo("DRY_RUN");
            assertThat(decision.path("dryRun").asBoolean()).isTrue();
            assertThat(decision.path("currentShardCount").asInt()).isEqualTo(2);
            assertThat(decision.path("targetShardCount").asInt()).isEqualTo(4);
            JsonNode changes = decision.path("details").path("alarmChanges");
            assertThat(changes.path(UP).path("s1").path("to").asInt()).isEqualTo(4);
            assertThat(changes.path(DOWN).path("s1").path("from").asInt()).isEqualTo(2);
            assertThat(changes.path(DOWN).path("threshold").path("to").asDouble()).isEqualTo(0.25);
        }

        @Test
        void logsARepairItWouldMakeWithoutMakingIt() {
            world.stream("orders", 2, p -> p.dryRun = true);
            world.kinesis.stream("orders").openShards = 6;

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.mutating()).containsExactly("SetAlarmState");
            assertThat(world.s1(UP)).isEqualTo(2);
            assertThat(lastDecision().path("reason").asText()).startsWith("dry run: would repair the alarms");
        }
    }

    @Nested
    class BusyAndOnDemandStreams {

        @Test
        void setsTheAlarmToOkWhenTheStreamIsUpdating() {
            world.stream("orders", 2);
            world.kinesis.stream("orders").status = StreamStatus.UPDATING;

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.count("UpdateShardCount")).isZero();
            assertThat(world.calls.mutating()).containsExactly("SetAlarmState");
            assertThat(world.cloudWatch.statesSet(UP)).containsExactly(StateValue.OK);
            assertThat(world.lastOutcome()).isEqualTo("STREAM_BUSY");
        }

        @Test
        void setsTheAlarmToOkWhenKinesisAnswersResourceInUse() {
            world.stream("orders", 2);
            world.calls.failCall("UpdateShardCount", 1, AwsCalls.Timing.BEFORE_EFFECT,
                    () -> ResourceInUseException.builder().message("Stream orders is being updated").build());

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.mutating()).containsExactly("TagResource", "TagResource", "UpdateShardCount",
                    "TagResource", "TagResource", "SetAlarmState");
            assertThat(world.cloudWatch.statesSet(UP)).containsExactly(StateValue.OK);
            assertThat(world.s1(UP)).isEqualTo(2);
            assertThat(world.cloudWatch.tags(UP)).as("the refused call is taken out of the history")
                    .containsEntry("RecentScalingCalls", "");
            assertThat(world.lastOutcome()).isEqualTo("STREAM_BUSY");
        }

        @Test
        void doesNotScaleAnOnDemandStream() {
            world.stream("orders", 2);
            world.kinesis.stream("orders").mode = StreamMode.ON_DEMAND;

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.mutating()).as("the alarm stays in ALARM rather than notifying at every evaluation")
                    .isEmpty();
            assertThat(world.lastOutcome()).isEqualTo("ON_DEMAND");
            assertThat(lastDecision().path("OnDemandStreamSkipped").asInt()).isEqualTo(1);
        }
    }

    @Nested
    class DailyBudget {

        private void callsEveryHourUntilNow(String alarm, int count) {
            StringBuilder calls = new StringBuilder();
            for (int i = count; i >= 1; i--) {
                Instant at = Scenario.START.minus(Duration.ofHours(i));
                calls.append(calls.isEmpty() ? "" : " ").append(at.toString().replace("-", "").replace(":", ""));
            }
            world.cloudWatch.tags(alarm).put("RecentScalingCalls", calls.toString());
        }

        @Test
        void makesNoCallThatTheDailyLimitWouldRefuse() {
            world.stream("orders", 2);
            callsEveryHourUntilNow(UP, 10);

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.count("UpdateShardCount")).isZero();
            assertThat(world.cloudWatch.statesSet(UP)).containsExactly(StateValue.INSUFFICIENT_DATA);
            assertThat(world.lastOutcome()).isEqualTo("BUDGET_EXHAUSTED");
            assertThat(lastDecision().path("reason").asText())
                    .isEqualTo("no UpdateShardCount call left for a scale-up until 2026-11-30T00:26:00Z");
        }

        @Test
        void keepsTheLastTwoCallsForScaleUps() {
            world.stream("orders", 4);
            callsEveryHourUntilNow(DOWN, 8);

            world.deliver("orders-scale-down-alarm.json");
            assertThat(world.calls.count("UpdateShardCount")).isZero();
            assertThat(world.lastOutcome()).isEqualTo("BUDGET_EXHAUSTED");

            world.deliver("orders-scale-up-alarm.json");
            assertThat(world.calls.count("UpdateShardCount")).isEqualTo(1);
            assertThat(world.lastOutcome()).isEqualTo("SCALED_UP");
        }

        @Test
        void readsTheCallsFromBothAlarmsOfThePair() {
            world.stream("orders", 2);
            callsEveryHourUntilNow(DOWN, 10);

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.count("UpdateShardCount")).isZero();
            assertThat(world.lastOutcome()).isEqualTo("BUDGET_EXHAUSTED");
        }

        @Test
        void holdsTheStreamAfterKinesisRefusesWithALimitInsteadOfRetryingAtEveryEvaluation() {
            world.stream("orders", 2);
            world.calls.failCall("UpdateShardCount", 1, AwsCalls.Timing.BEFORE_EFFECT,
                    () -> LimitExceededException.builder().message("Rate exceeded for stream orders").build());

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.lastOutcome()).isEqualTo("LIMIT_EXCEEDED");
            assertThat(world.cloudWatch.tags(UP)).containsEntry("LimitExceededTimestamp", "2026-11-29T10:26:00.000+0000")
                    .containsEntry("RecentScalingCalls", "");
            assertThat(world.cloudWatch.statesSet(UP)).containsExactly(StateValue.INSUFFICIENT_DATA);

            world.clock.set(Instant.parse("2026-11-29T11:05:30Z"));
            world.deliver("orders-scale-up-alarm-later.json");
            assertThat(world.calls.count("UpdateShardCount")).isEqualTo(1);
            assertThat(world.lastOutcome()).isEqualTo("BUDGET_EXHAUSTED");
        }
    }

    @Nested
    class AlarmRewrite {

        @Test
        void keepsANonDefaultMetricPeriod() {
            world.stream("orders", 2, p -> p.periodSeconds = 60);

            world.deliver("orders-scale-up-alarm.json");

            for (String alarm : List.of(UP, DOWN)) {
                Map<String, MetricDataQuery> byId = byId(world.alarm(alarm));
                assertThat(byId.get("m1").metricStat().period()).isEqualTo(60);
                assertThat(byId.get("m2").metricStat().period()).isEqualTo(60);
                assertThat(byId.get("e3").expression()).isEqualTo("e1/(1024*1024*60*s1)");
                assertThat(byId.get("e4").expression()).isEqualTo("e2/(1000*60*s1)");
                assertThat(byId.get("s1").expression()).isEqualTo("4");
            }
        }

        @Test
        void keepsExtraActionsTheDescriptionAndTheMissingDataTreatment() {
            String pager = "arn:aws:sns:us-east-1:123456789012:on-call";
            world.stream("orders", 2, p -> {
                p.extraAlarmActions.add(pager);
                p.okActions.add(pager);
                p.treatMissingData = "breaching";
            });
            MetricAlarm before = world.alarm(DOWN);

            world.deliver("orders-scale-up-alarm.json");

            MetricAlarm after = world.alarm(DOWN);
            assertThat(after.alarmActions()).containsExactly(PairPolicy.SCALING_TOPIC_ARN, pager);
            assertThat(after.okActions()).containsExactly(pager);
            assertThat(after.alarmDescription()).isEqualTo(before.alarmDescription());
            assertThat(after.treatMissingData()).isEqualTo("breaching");
            assertThat(after.evaluationPeriods()).isEqualTo(60);
            assertThat(after.datapointsToAlarm()).isEqualTo(57);
            assertThat(after.comparisonOperator()).isEqualTo(before.comparisonOperator());
        }

        @Test
        void keepsTheIteratorAgeBlock() {
            world.stream("orders", 2, p -> p.iteratorAgeMinutes = 30);
            List<MetricDataQuery> before = world.alarm(DOWN).metrics();

            world.deliver("orders-scale-up-alarm.json");

            List<MetricDataQuery> after = world.alarm(DOWN).metrics();
            assertThat(after).hasSize(before.size());
            for (int i = 0; i < before.size(); i++) {
                if (!before.get(i).id().equals("s1")) {
                    assertThat(after.get(i)).isEqualTo(before.get(i));
                }
            }
        }

        @Test
        void changesOnlyTheShardCountConstantAndTheScaleDownThreshold() {
            TestAlarms.Policy policy = world.stream("orders", 1);
            MetricAlarm upBefore = world.alarm(UP);
            MetricAlarm downBefore = world.alarm(DOWN);

            world.deliver("orders-scale-up-alarm.json");

            List<MetricAlarm> written = world.calls.of("PutMetricAlarm").stream()
                    .map(call -> FakeCloudWatch.configurationOf((PutMetricAlarmRequest) call.request())).toList();
            assertThat(written).containsExactly(
                    configurationOf(upBefore, 2, upBefore.threshold()),
                    configurationOf(downBefore, 2, policy.down));
        }

        /** An alarm's configuration (without ARN and state) with another shard count and threshold. */
        private MetricAlarm configurationOf(MetricAlarm alarm, int shards, double threshold) {
            List<MetricDataQuery> metrics = alarm.metrics().stream()
                    .map(query -> query.id().equals("s1") ? query.toBuilder().expression(Integer.toString(shards)).build() : query)
                    .toList();
            return alarm.toBuilder().alarmArn(null).stateValue((String) null).metrics(metrics).threshold(threshold).build();
        }

        private Map<String, MetricDataQuery> byId(MetricAlarm alarm) {
            return alarm.metrics().stream().collect(java.util.stream.Collectors.toMap(MetricDataQuery::id, q -> q));
        }
    }

    @Nested
    class Repair {

        @Test
        void repairsAlarmsThatAStackUpdateResetWithoutScaling() {
            TestAlarms.Policy policy = world.stream("orders", 4);
            world.cloudWatch.replaceAlarm(TestAlarms.scaleUp("orders", 2, policy));
            world.cloudWatch.replaceAlarm(TestAlarms.scaleDown("orders", 2, policy));

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.count("UpdateShardCount")).isZero();
            world.assertPairMatchesStream("orders", policy);
            assertThat(world.lastOutcome()).isEqualTo("REPAIRED");
            assertThat(world.cloudWatch.tags(UP)).containsEntry("LastScaledTimestamp", "2026-11-29T10:26:00.000+0000");
        }

        @Test
        void repairsAlarmsAfterAHandReshardBelowTheMinimum() {
            TestAlarms.Policy policy = world.stream("orders", 4, p -> p.min = 3);
            world.kinesis.stream("orders").openShards = 2;

            world.deliver("orders-scale-down-alarm.json");

            assertThat(world.calls.count("UpdateShardCount")).isZero();
            world.assertPairMatchesStream("orders", policy);
            assertThat(world.alarm(DOWN).threshold()).isEqualTo(-1.0);
        }

        @Test
        void repairsAScaleDownThresholdLeftAtMinusOneAboveTheMinimum() {
            TestAlarms.Policy policy = world.stream("orders", 2);
            MetricAlarm down = world.alarm(DOWN);
            world.cloudWatch.replaceAlarm(down.toBuilder().threshold(-1.0).build());

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.lastOutcome()).isEqualTo("REPAIRED");
            world.assertPairMatchesStream("orders", policy);
        }
    }

    @Nested
    class ConsumerConcurrency {

        @Test
        void reservesTheConsumersConcurrencyBeforeRewritingTheAlarms() {
            world.stream("orders", 2, p -> p.consumerArn = CONSUMER);

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.mutating()).containsExactly("TagResource", "TagResource", "UpdateShardCount",
                    "PutFunctionConcurrency", "PutMetricAlarm", "PutMetricAlarm", "SetAlarmState", "SetAlarmState");
        }

        @Test
        void reservesConcurrencyForEveryShardOfTheNewCount() {
            world.stream("orders", 2, p -> {
                p.consumerArn = CONSUMER;
                p.consumerPerShard = 3;
            });

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.lambda.reservedConcurrency(CONSUMER)).isEqualTo(12);
            assertThat(lastDecision().path("details").path("consumerConcurrency").path("reservedConcurrency").asInt())
                    .isEqualTo(12);
        }

        @Test
        void removesTheReservationWhenTheNewOneIsRefused() {
            world.stream("orders", 2, p -> p.consumerArn = CONSUMER);
            world.lambda.reserve(CONSUMER, 2);
            world.calls.failCall("PutFunctionConcurrency", 1, AwsCalls.Timing.BEFORE_EFFECT,
                    () -> InvalidParameterValueException.builder().statusCode(400)
                            .message("Specified ReservedConcurrentExecutions for function decreases account's "
                                    + "UnreservedConcurrentExecution below its minimum value of [100].").build());

            ScalingReport report = world.deliver("orders-scale-up-alarm.json");

            assertThat(world.lambda.reservedConcurrency(CONSUMER)).isNull();
            assertThat(world.calls.count("DeleteFunctionConcurrency")).isEqualTo(1);
            assertThat(report.getRecords().get(0).getOutcome()).isEqualTo("SCALED_UP");
            JsonNode decision = lastDecision();
            assertThat(decision.path("ConsumerConcurrencyFallbacks").asInt()).isEqualTo(1);
            assertThat(decision.path("details").path("consumerConcurrency").path("reservedConcurrency").asText())
                    .isEqualTo("unreserved");
        }

        @Test
        void keepsTheReservationAndFailsWhenItsOutcomeIsUnknown() {
            world.stream("orders", 2, p -> p.consumerArn = CONSUMER);
            world.lambda.reserve(CONSUMER, 2);
            world.calls.failCall("PutFunctionConcurrency", 1, AwsCalls.Timing.BEFORE_EFFECT,
                    () -> LambdaException.builder().statusCode(500).message("Service unavailable").build());

            assertThatThrownBy(() -> world.deliver("orders-scale-up-alarm.json")).isInstanceOf(ScalingFailedException.class);

            assertThat(world.calls.count("DeleteFunctionConcurrency")).isZero();
            assertThat(world.s1(UP)).as("the alarms wait for the repair that also sets the reservation").isEqualTo(2);
            world.clock.advance(Duration.ofMinutes(1));
            world.deliver("orders-scale-up-alarm.json");
            assertThat(world.lambda.reservedConcurrency(CONSUMER)).isEqualTo(4);
            assertThat(world.lastOutcome()).isEqualTo("REPAIRED");
        }

        @Test
        void failsTheInvocationWhenTheReservationCanNeitherBeSetNorRemoved() {
            world.stream("orders", 2, p -> p.consumerArn = CONSUMER);
            world.calls.failAlways("PutFunctionConcurrency", () -> LambdaException.builder().statusCode(429).message("Rate exceeded").build());
            world.calls.failAlways("DeleteFunctionConcurrency", () -> LambdaException.builder().statusCode(500).message("boom").build());

            assertThatThrownBy(() -> world.deliver("orders-scale-up-alarm.json")).isInstanceOf(ScalingFailedException.class);

            assertThat(world.kinesis.stream("orders").openShards).isEqualTo(4);
            assertThat(world.lastOutcome()).isEqualTo("FAILED");
        }

        @Test
        void rewritesTheAlarmsWhenLambdaRefusesBothTheReservationAndItsRemoval() {
            world.stream("orders", 2, p -> p.consumerArn = CONSUMER);
            world.lambda.reserve(CONSUMER, 2);
            world.calls.failAlways("PutFunctionConcurrency", () -> LambdaException.builder().statusCode(403)
                    .message("not authorized to perform: lambda:PutFunctionConcurrency").build());
            world.calls.failAlways("DeleteFunctionConcurrency", () -> LambdaException.builder().statusCode(403)
                    .message("not authorized to perform: lambda:DeleteFunctionConcurrency").build());

            ScalingReport report = world.deliver("orders-scale-up-alarm.json");

            assertThat(report.getRecords().get(0).getOutcome()).isEqualTo("SCALED_UP");
            assertThat(world.s1(UP)).isEqualTo(4);
            assertThat(world.s1(DOWN)).isEqualTo(4);
            assertThat(world.lambda.reservedConcurrency(CONSUMER)).isEqualTo(2);
            JsonNode decision = lastDecision();
            assertThat(decision.path("ConsumerConcurrencyFallbacks").asInt()).isEqualTo(1);
            assertThat(decision.path("details").path("consumerConcurrency").path("reservedConcurrency").asText())
                    .isEqualTo("unchanged");
            assertThat(decision.path("details").path("consumerConcurrency").path("refusal").asText())
                    .contains("lambda:PutFunctionConcurrency").contains("lambda:DeleteFunctionConcurrency");
        }
    }

    @Nested
    class Failures {

        @Test
        void failsTheInvocationAndSetsTheAlarmToOkWhenAnAwsCallFails() {
            world.stream("orders", 2);
            world.calls.failCall("DescribeStreamSummary", 1, AwsCalls.Timing.BEFORE_EFFECT,
                    () -> software.amazon.awssdk.services.kinesis.model.KinesisException.builder()
                            .statusCode(500).message("Internal failure").build());

            assertThatThrownBy(() -> world.deliver("orders-scale-up-alarm.json"))
                    .isInstanceOf(ScalingFailedException.class)
                    .hasMessageStartingWith("1 of 1 records failed: 0a6d1a63-0d51-5b53-a3c6-8f7c2f8e4b01 (orders): KinesisException");

            assertThat(world.calls.mutating()).containsExactly("SetAlarmState");
            SetAlarmStateRequest reset = (SetAlarmStateRequest) world.calls.of("SetAlarmState").get(0).request();
            assertThat(reset.alarmName()).isEqualTo(UP);
            assertThat(reset.stateValue()).isEqualTo(StateValue.OK);
            assertThat(lastDecision().path("ScalingFailures").asInt()).isEqualTo(1);
            assertThat(lastDecision().path("level").asText()).isEqualTo("ERROR");
        }

        @Test
        void handlesTheOtherRecordsBeforeFailingTheInvocation() {
            world.stream("orders", 2);
            world.stream("payments", 4);
            world.calls.failCall("DescribeStreamSummary", 1, AwsCalls.Timing.BEFORE_EFFECT,
                    () -> software.amazon.awssdk.services.kinesis.model.KinesisException.builder()
                            .statusCode(500).message("Internal failure").build());

            assertThatThrownBy(() -> world.deliver("multi-record.json")).isInstanceOf(ScalingFailedException.class);

            assertThat(world.kinesis.stream("orders").openShards).isEqualTo(2);
            assertThat(world.kinesis.stream("payments").openShards).isEqualTo(2);
            assertThat(world.decisions()).extracting(d -> d.path("outcome").asText())
                    .containsExactly("FAILED", "INVALID_NOTIFICATION", "SCALED_DOWN");
        }

        @Test
        void reportsABrokenAlarmPairWithoutFailingTheInvocation() {
            world.stream("orders", 2);
            world.cloudWatch.tags(UP).remove("ScaleDownThreshold");

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.mutating()).isEmpty();
            assertThat(world.lastOutcome()).isEqualTo("INVALID_CONFIGURATION");
            assertThat(lastDecision().path("InvalidConfigurations").asInt()).isEqualTo(1);
        }

        @Test
        void reportsAMissingStreamWithoutFailingTheInvocation() {
            TestAlarms.Policy policy = new TestAlarms.Policy();
            world.cloudWatch.addAlarm(TestAlarms.scaleUp("orders", 2, policy), policy.tags("orders", true));
            world.cloudWatch.addAlarm(TestAlarms.scaleDown("orders", 2, policy), policy.tags("orders", false));

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.mutating()).isEmpty();
            assertThat(lastDecision().path("reason").asText())
                    .isEqualTo("stream orders named by the alarm's StreamName dimension does not exist");
        }

        @Test
        void reportsANotificationOfAnAlarmThatDoesNotExistWithoutFailingTheInvocation() {
            world.kinesis.addStream("orders", 2);

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.mutating()).isEmpty();
            assertThat(world.lastOutcome()).isEqualTo("INVALID_CONFIGURATION");
            assertThat(lastDecision().path("reason").asText())
                    .isEqualTo("alarm arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-scale-up does not exist");
        }

        @Test
        void refusesANotificationWhoseStreamIsNotTheOneItsAlarmsWatch() {
            world.stream("orders", 2);
            world.stream("payments", 2);
            TestAlarms.Policy policy = new TestAlarms.Policy();
            world.cloudWatch.replaceAlarm(TestAlarms.scaleUp("payments", 2, policy).toBuilder()
                    .alarmName("orders-scale-up").build());

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.mutating()).isEmpty();
            assertThat(world.lastOutcome()).isEqualTo("INVALID_CONFIGURATION");
            assertThat(lastDecision().path("reason").asText())
                    .isEqualTo("alarms orders-scale-up and orders-scale-down are not a pair: they watch streams payments and orders");
        }

        @Test
        void reportsAMissingComplementaryAlarmWithoutFailingTheInvocation() {
            TestAlarms.Policy policy = new TestAlarms.Policy();
            world.kinesis.addStream("orders", 2);
            world.cloudWatch.addAlarm(TestAlarms.scaleUp("orders", 2, policy), policy.tags("orders", true));

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.calls.mutating()).isEmpty();
            assertThat(lastDecision().path("reason").asText())
                    .isEqualTo("alarm pair is incomplete: orders-scale-down does not exist");
        }

        @Test
        void leavesRecordsForTheRetryWhenTheInvocationIsAboutToTimeOut() {
            world.stream("orders", 2);

            assertThatThrownBy(() -> world.handler().handleRequest(Scenario.event("orders-scale-up-alarm.json"),
                    new TestContext(5_000)))
                    .isInstanceOf(ScalingFailedException.class)
                    .hasMessageContaining("not handled: only 5000 ms of the invocation were left");

            assertThat(world.calls.all()).isEmpty();
        }
    }

    @Nested
    class DiagnosticLines {

        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        private ScalingHandler handlerAt(String level) {
            RuntimeSettings settings = RuntimeSettings.fromEnvironment(Map.of("AWS_REGION", "us-east-1", "LOG_LEVEL", level));
            return new ScalingHandler(new dev.kinesisautoscaling.runtime.aws.AwsClients(world.kinesis, world.cloudWatch,
                    world.lambda, dev.kinesisautoscaling.runtime.aws.AwsClients.throttlingOnlyRetries(3)), settings,
                    world.clock, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        }

        private List<String> messages() {
            return java.util.Arrays.stream(out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n"))
                    .filter(line -> !line.isBlank()).map(line -> {
                        try {
                            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("message").asText();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }

        @Test
        void writesTheEventAndTheNotificationAtDebug() {
            world.stream("orders", 2);

            handlerAt("DEBUG").handleRequest(Scenario.event("orders-scale-up-alarm.json"), new TestContext(180_000));

            assertThat(messages()).containsExactly("event received", "notification", "scaling decision");
        }

        @Test
        void writesOnlyTheDecisionAtInfoAndTheDecisionStillAtError() {
            world.stream("orders", 2);

            handlerAt("INFO").handleRequest(Scenario.event("orders-scale-up-alarm.json"), new TestContext(180_000));
            handlerAt("ERROR").handleRequest(Scenario.event("orders-scale-up-alarm-later.json"), new TestContext(180_000));

            assertThat(messages()).containsExactly("scaling decision", "scaling decision");
        }
    }

    @Nested
    class DecisionLines {

        @Test
        void writesOneLinePerDecisionThatIsAlsoAnEmbeddedMetric() {
            world.stream("orders", 2);

            world.deliver("orders-scale-up-alarm.json");

            assertThat(world.logLines()).hasSize(1);
            JsonNode line = lastDecision();
            assertThat(line.path("StreamName").asText()).isEqualTo("orders");
            assertThat(line.path("alarm").asText()).isEqualTo(UP);
            assertThat(line.path("action").asText()).isEqualTo("Up");
            assertThat(line.path("messageId").asText()).isEqualTo("0a6d1a63-0d51-5b53-a3c6-8f7c2f8e4b01");
            assertThat(line.path("currentShardCount").asInt()).isEqualTo(2);
            assertThat(line.path("targetShardCount").asInt()).isEqualTo(4);
            assertThat(line.path("reason").asText()).isEqualTo("scaled from 2 to 4 shards");
            assertThat(line.path("FunctionName").asText()).isEqualTo("kinesis-autoscaling");
            assertThat(line.path("ScaledUp").asInt()).isEqualTo(1);
            JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(Scenario.START.toEpochMilli());
            assertThat(directive.path("Namespace").asText()).isEqualTo("KinesisAutoScaling");
            assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"StreamName\"],[\"FunctionName\"]]");
            assertThat(directive.path("Metrics").toString()).isEqualTo("[{\"Name\":\"ScaledUp\",\"Unit\":\"Count\"}]");
        }
    }
}
