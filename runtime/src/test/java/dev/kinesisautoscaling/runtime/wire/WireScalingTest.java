package dev.kinesisautoscaling.runtime.wire;

import dev.kinesisautoscaling.runtime.fakes.MalformedNotifications;
import dev.kinesisautoscaling.runtime.fakes.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.runtime.RuntimeSettings;
import dev.kinesisautoscaling.runtime.ScalingFailedException;
import dev.kinesisautoscaling.runtime.telemetry.JsonLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The real scaling handler with real AWS SDK clients ({@code AwsClients.create}, URL-connection
 * HTTP client) against {@link LocalAwsEndpoint}, found through {@code aws.endpointUrl}: what goes
 * over the wire when a stream is scaled, and how the SDK's retries behave for each call.
 */
class WireScalingTest {

    private static final Instant START = Instant.parse("2026-11-29T10:26:00Z");
    private static final String UP = "orders-scale-up";
    private static final String DOWN = "orders-scale-down";
    private static final String SCALE_UP_EVENT = "events/orders-scale-up-alarm.json";
    private static final String SCALE_DOWN_EVENT = "events/orders-scale-down-alarm.json";
    private static final RuntimeSettings SETTINGS = new RuntimeSettings("us-east-1", "kinesis-autoscaling",
            JsonLog.Level.INFO, 3, Duration.ofMillis(500), Duration.ofSeconds(2));

    private final MutableClock clock = new MutableClock(START);
    private LocalAwsEndpoint endpoint;
    private AwsSystemProperties properties;
    private AwsWorld aws;
    private final WireFixtures.Policy policy = new WireFixtures.Policy();

    @BeforeEach
    void startEndpoint() {
        endpoint = LocalAwsEndpoint.start(clock);
        properties = AwsSystemProperties.pointAt(endpoint.url());
        aws = endpoint.world();
        policy.consumerFunction = "orders-consumer";
        policy.consumerPerShard = 2;
    }

    @AfterEach
    void stopEndpoint() {
        properties.close();
        endpoint.close();
    }

    private WireLambda lambda() {
        return new WireLambda(SETTINGS, clock);
    }

    private void assertPairComputedFor(int shards) {
        PairState.read(aws, "orders", policy).assertComputedFor(shards, policy, "");
    }

    @Test
    void scalesAStreamUpEndToEndOverTheWire() {
        WireFixtures.seedStream(aws, "orders", 2, policy);

        WireLambda.Invocation invocation = lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(invocation.failed()).isFalse();
        assertThat(invocation.outcome()).isEqualTo("SCALED_UP");
        assertThat(aws.calls().stream().map(RecordedCall::operation)).containsExactly(
                "ListTagsForResource", "DescribeAlarms", "DescribeStreamSummary", "ListTagsForResource",
                "TagResource", "TagResource", "UpdateShardCount", "PutFunctionConcurrency",
                "PutMetricAlarm", "PutMetricAlarm", "SetAlarmState", "SetAlarmState");
        JsonNode update = aws.calls("UpdateShardCount").get(0).input();
        assertThat(update.get("TargetShardCount").intValue()).isEqualTo(4);
        assertThat(update.get("ScalingType").asText()).isEqualTo("UNIFORM_SCALING");
        assertThat(aws.stream("orders").status()).isEqualTo("UPDATING");
        assertPairComputedFor(4);
        assertThat(aws.alarm(UP).get("StateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(aws.alarm(DOWN).get("StateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(aws.tags(UP)).containsEntry(AlarmContract.TAG_LAST_SCALED_TIMESTAMP, "2026-11-29T10:26:00.000+0000");
        assertThat(aws.tags(DOWN)).containsEntry(AlarmContract.TAG_LAST_SCALED_TIMESTAMP, "2026-11-29T10:26:00.000+0000");
        assertThat(aws.reservedConcurrency("orders-consumer")).isEqualTo(8);

        clock.advance(Duration.ofSeconds(30));
        assertThat(aws.stream("orders")).extracting(AwsWorld.StreamView::status, AwsWorld.StreamView::openShardCount)
                .containsExactly("ACTIVE", 4);
    }

    @Test
    void scalesDownToTheMinimumAndMakesTheScaleDownAlarmUnreachable() {
        policy.min = 2;
        WireFixtures.seedStream(aws, "orders", 4, policy);
        clock.set(Instant.parse("2026-11-29T15:40:30Z"));

        WireLambda.Invocation invocation = lambda().deliver(Notifications.load(SCALE_DOWN_EVENT));

        assertThat(invocation.outcome()).isEqualTo("SCALED_DOWN");
        assertThat(aws.calls("UpdateShardCount").get(0).input().get("TargetShardCount").intValue()).isEqualTo(2);
        assertPairComputedFor(2);
        assertThat(aws.alarm(DOWN).get("Threshold").doubleValue()).isEqualTo(-1.0);
        assertThat(aws.reservedConcurrency("orders-consumer")).isEqualTo(4);
    }

    @Test
    void rewritesOnlyTheShardCountAndTheThresholdOfTheDeployedAlarms() {
        policy.min = 2;
        WireFixtures.seedStream(aws, "orders", 2, policy);
        ObjectNode upBefore = aws.alarm(UP);
        ObjectNode downBefore = aws.alarm(DOWN);

        lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(withoutVolatileFields(aws.alarm(UP))).isEqualTo(withS1(withoutVolatileFields(upBefore), 4));
        ObjectNode expectedDown = withS1(withoutVolatileFields(downBefore), 4);
        expectedDown.put("Threshold", policy.down);
        assertThat(withoutVolatileFields(aws.alarm(DOWN))).isEqualTo(expectedDown);
        assertThat(aws.alarm(UP).get("AlarmActions")).hasSize(2);
    }

    @Test
    void speaksCborToKinesisRpcV2CborToCloudWatchAndRestJsonToLambda() {
        WireFixtures.seedStream(aws, "orders", 2, policy);

        lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        for (RecordedCall call : aws.calls()) {
            assertThat(call.header("Authorization")).as(call.operation())
                    .startsWith("AWS4-HMAC-SHA256 Credential=" + AwsSystemProperties.ACCESS_KEY_ID + "/20261129/us-east-1/"
                            + call.service() + "/aws4_request");
            switch (call.service()) {
                case "kinesis" -> {
                    assertThat(call.method()).isEqualTo("POST");
                    assertThat(call.path()).isEqualTo("/");
                    assertThat(call.header("X-Amz-Target")).isEqualTo("Kinesis_20131202." + call.operation());
                    assertThat(call.header("Content-Type")).isEqualTo("application/x-amz-cbor-1.1");
                }
                case "monitoring" -> {
                    assertThat(call.method()).isEqualTo("POST");
                    assertThat(call.path()).isEqualTo("/service/GraniteServiceVersion20100801/operation/" + call.operation());
                    assertThat(call.header("Content-Type")).isEqualTo("application/cbor");
                    assertThat(call.header("smithy-protocol")).isEqualTo("rpc-v2-cbor");
                    assertThat(call.header("X-Amz-Target")).isNull();
                }
                case "lambda" -> {
                    assertThat(call.method()).isEqualTo("PUT");
                    assertThat(call.path()).isEqualTo("/2017-10-31/functions/"
                            + "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aorders-consumer/concurrency");
                    assertThat(call.header("Content-Type")).startsWith("application/json");
                    assertThat(call.input().get("ReservedConcurrentExecutions").intValue()).isEqualTo(8);
                }
                default -> throw new AssertionError("unexpected service " + call.service());
            }
        }
        assertThat(aws.calls().stream().map(RecordedCall::service)).contains("kinesis", "monitoring", "lambda");
    }

    @Test
    void retriesUpdateShardCountAfterThrottlingThatClears() {
        WireFixtures.seedStream(aws, "orders", 2, policy);
        aws.inject(Fault.on("UpdateShardCount", 1, FaultKind.THROTTLING).clearingAfter(1));

        WireLambda.Invocation invocation = lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(invocation.outcome()).isEqualTo("SCALED_UP");
        List<RecordedCall> updates = aws.calls("UpdateShardCount");
        assertThat(updates).extracting(RecordedCall::sdkAttempt, RecordedCall::status, RecordedCall::accepted)
                .containsExactly(tuple(1, 400, false),
                        tuple(2, 200, true));
        assertThat(updates).extracting(RecordedCall::call).containsOnly(1);
        assertPairComputedFor(4);
    }

    @Test
    void doesNotRetryUpdateShardCountAfterAnInternalServerError() {
        WireFixtures.seedStream(aws, "orders", 2, policy);
        aws.inject(Fault.on("UpdateShardCount", 1, FaultKind.SERVER_ERROR));

        WireLambda.Invocation invocation = lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(invocation.failure()).isInstanceOf(ScalingFailedException.class);
        assertThat(aws.calls("UpdateShardCount")).singleElement()
                .satisfies(call -> assertThat(call.status()).isEqualTo(500));
        RecordedCall last = aws.calls().get(aws.calls().size() - 1);
        assertThat(last.operation()).isEqualTo("SetAlarmState");
        assertThat(last.input().get("StateValue").asText()).isEqualTo("OK");
        assertThat(last.accepted()).isTrue();
        assertThat(aws.stream("orders").acceptedUpdates()).isZero();
    }

    @Test
    void retriesIdempotentCloudWatchCallsAfterAnInternalServerError() {
        WireFixtures.seedStream(aws, "orders", 2, policy);
        aws.inject(Fault.on("PutMetricAlarm", 1, FaultKind.SERVER_ERROR).clearingAfter(1));

        WireLambda.Invocation invocation = lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(invocation.outcome()).isEqualTo("SCALED_UP");
        assertThat(aws.calls("PutMetricAlarm")).extracting(RecordedCall::call, RecordedCall::sdkAttempt, RecordedCall::status)
                .containsExactly(tuple(1, 1, 500),
                        tuple(1, 2, 200),
                        tuple(2, 1, 200));
        assertPairComputedFor(4);
    }

    @Test
    void doesNotRetryAnUpdateShardCountWhoseResponseNeverCame() throws InterruptedException {
        WireFixtures.seedStream(aws, "orders", 2, policy);
        aws.inject(Fault.on("UpdateShardCount", 1, FaultKind.NO_RESPONSE).afterEffect());

        WireLambda.Invocation first = lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(first.failure()).isInstanceOf(ScalingFailedException.class)
                .hasMessageContaining(ApiCallAttemptTimeoutException.class.getSimpleName());
        assertThat(aws.calls("UpdateShardCount")).singleElement()
                .satisfies(call -> assertThat(call.accepted()).isTrue());
        assertThat(endpoint.awaitHeldRequests(0, Duration.ofSeconds(5)))
                .as("the held request is released once the SDK gives up").isTrue();

        clock.advance(Duration.ofMinutes(1));
        WireLambda.Invocation again = lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(again.outcome()).isEqualTo("REPAIRED");
        assertThat(aws.calls("UpdateShardCount")).hasSize(1);
        assertPairComputedFor(4);
    }

    @Test
    void doesNotResendUpdateShardCountAfterAConnectionReset() {
        WireFixtures.seedStream(aws, "orders", 2, policy);
        aws.inject(Fault.on("UpdateShardCount", 1, FaultKind.CONNECTION_RESET));

        WireLambda.Invocation invocation = lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(invocation.failure()).isInstanceOf(ScalingFailedException.class).hasMessageContaining("Connection reset");
        assertThat(aws.calls("UpdateShardCount")).singleElement()
                .satisfies(call -> assertThat(call.status()).isZero());
    }

    @Test
    void treatsAResourceInUseExceptionAsABusyStreamWithoutFailing() {
        WireFixtures.seedStream(aws, "orders", 2, policy);
        aws.inject(Fault.on("UpdateShardCount", 1, FaultKind.RESOURCE_IN_USE));

        WireLambda.Invocation invocation = lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(invocation.failed()).isFalse();
        assertThat(invocation.outcome()).isEqualTo("STREAM_BUSY");
        assertThat(aws.statesSet(UP)).containsExactly("OK");
        assertPairComputedFor(2);
    }

    @Test
    void waitsForAStreamThatIsStillReshardingWithoutFailing() {
        WireFixtures.seedStream(aws, "orders", 2, policy);
        aws.startReshard("orders", 3);

        WireLambda.Invocation invocation = lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(invocation.failed()).isFalse();
        assertThat(invocation.outcome()).isEqualTo("STREAM_BUSY");
        assertThat(aws.calls("UpdateShardCount")).isEmpty();
        assertThat(aws.statesSet(UP)).containsExactly("OK");
    }

    @Test
    void holdsTheStreamWhenKinesisRefusesTheCallWithItsDailyLimit() {
        WireFixtures.seedStream(aws, "orders", 2, policy);
        try (KinesisClient operator = KinesisClient.builder().region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            for (int i = 0; i < 10; i++) {
                int target = i % 2 == 0 ? 4 : 2;
                operator.updateShardCount(r -> r.streamName("orders").targetShardCount(target).scalingType("UNIFORM_SCALING"));
                clock.advance(Duration.ofMinutes(1));
            }
        }
        aws.clearRecordedCalls();
        WireLambda lambda = new WireLambda(new RuntimeSettings("us-east-1", "kinesis-autoscaling", JsonLog.Level.INFO, 3,
                Duration.ofMillis(500), Duration.ofSeconds(6)), clock);

        WireLambda.Invocation invocation = lambda.deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(invocation.failed()).isFalse();
        assertThat(invocation.outcome()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(aws.calls("UpdateShardCount")).isNotEmpty().allSatisfy(call -> {
            assertThat(call.accepted()).isFalse();
            assertThat(call.status()).isEqualTo(400);
        });
        assertThat(aws.stream("orders").acceptedUpdates()).isEqualTo(10);
        assertThat(aws.tags(UP)).containsKey(AlarmContract.TAG_LIMIT_EXCEEDED_TIMESTAMP);
        assertThat(aws.statesSet(UP)).containsExactly("INSUFFICIENT_DATA");
        assertPairComputedFor(2);
    }

    @Test
    void removesTheConsumerReservationWhenLambdaRefusesTheNewOne() {
        WireFixtures.seedStream(aws, "orders", 2, policy);
        aws.accountConcurrency(105, 100);

        WireLambda.Invocation invocation = lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(invocation.outcome()).isEqualTo("SCALED_UP");
        assertThat(aws.calls("PutFunctionConcurrency")).singleElement()
                .satisfies(call -> assertThat(call.status()).isEqualTo(400));
        RecordedCall delete = aws.calls("DeleteFunctionConcurrency").get(0);
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.status()).isEqualTo(204);
        assertThat(aws.reservedConcurrency("orders-consumer")).isNull();
        assertThat(invocation.decisions().get(0).path("ConsumerConcurrencyFallbacks").asInt()).isEqualTo(1);
        try (LambdaClient lambda = LambdaClient.builder().region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(lambda.getFunctionConcurrency(r -> r.functionName("orders-consumer")).reservedConcurrentExecutions())
                    .isNull();
        }
    }

    @Test
    void scalesOnceWhenTheSameNotificationIsDeliveredTwice() {
        WireFixtures.seedStream(aws, "orders", 2, policy);
        WireLambda lambda = lambda();

        WireLambda.Invocation first = lambda.deliver(Notifications.load(SCALE_UP_EVENT));
        clock.advance(Duration.ofMinutes(1));
        WireLambda.Invocation second = lambda.deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(first.outcome()).isEqualTo("SCALED_UP");
        assertThat(second.outcome()).isEqualTo("STALE");
        assertThat(aws.accepted("UpdateShardCount")).isEqualTo(1);
        assertPairComputedFor(4);
    }

    @Test
    void skipsAnOnDemandStreamAndLeavesItsAlarmInAlarm() {
        WireFixtures.seedStream(aws, "orders", 2, policy);
        aws.makeOnDemand("orders");

        WireLambda.Invocation invocation = lambda().deliver(Notifications.load(SCALE_UP_EVENT));

        assertThat(invocation.outcome()).isEqualTo("ON_DEMAND");
        assertThat(aws.calls("UpdateShardCount")).isEmpty();
        assertThat(aws.statesSet(UP)).isEmpty();
    }

    @Test
    void ignoresAnOkNotificationWithoutCallingAws() {
        WireFixtures.seedStream(aws, "orders", 2, policy);

        WireLambda.Invocation invocation = lambda().deliver(Notifications.load("events/orders-scale-up-ok.json"));

        assertThat(invocation.outcome()).isEqualTo("IGNORED");
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void countsACallWhoseAnswerWasLostAgainstTheDailyBudget() {
        WireFixtures.seedStream(aws, "orders", 2, policy);
        clock.set(Instant.parse("2026-11-29T01:00:00Z"));
        WireLambda lambda = new WireLambda(new RuntimeSettings("us-east-1", "kinesis-autoscaling", JsonLog.Level.INFO, 3,
                Duration.ofMillis(500), Duration.ofSeconds(6)), clock);
        for (int hour = 1; hour <= 9; hour++) {
            clock.set(Instant.parse("2026-11-29T00:00:30Z").plus(Duration.ofHours(hour)));
            assertThat(lambda.deliver(Notifications.loadAt(SCALE_UP_EVENT, clock.instant().minusSeconds(20))).outcome())
                    .isEqualTo("SCALED_UP");
        }
        clock.set(Instant.parse("2026-11-29T10:00:30Z"));
        aws.inject(Fault.on("UpdateShardCount", 1, FaultKind.SERVER_ERROR).afterEffect());
        SNSEvent tenth = Notifications.loadAt(SCALE_UP_EVENT, Instant.parse("2026-11-29T10:00:10Z"));
        assertThat(lambda.deliver(tenth).failed()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(lambda.deliver(tenth).outcome()).isEqualTo("REPAIRED");
        assertThat(aws.stream("orders").acceptedUpdates()).as("calls Kinesis counts in 24 hours").isEqualTo(10);
        int before = aws.calls("UpdateShardCount").size();

        clock.set(Instant.parse("2026-11-29T11:00:30Z"));
        WireLambda.Invocation eleventh = lambda.deliver(Notifications.loadAt(SCALE_UP_EVENT,
                Instant.parse("2026-11-29T11:00:10Z")));

        assertThat(aws.calls("UpdateShardCount").subList(before, aws.calls("UpdateShardCount").size()))
                .as("UpdateShardCount requests that Kinesis' daily limit refuses; decision: %s", eleventh.decisions())
                .isEmpty();
        assertThat(eleventh.outcome()).isEqualTo("BUDGET_EXHAUSTED");
    }

    static List<String> malformedFixtures() {
        return MalformedNotifications.fixtures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFixtures")
    void neitherFailsNorCallsAwsForBadInput(String fixture) {
        WireFixtures.seedStream(aws, "orders", 2, policy);

        WireLambda.Invocation invocation = lambda().deliver(Notifications.load(fixture));

        assertThat(invocation.failed()).isFalse();
        assertThat(invocation.decisions()).isNotEmpty()
                .allSatisfy(decision -> assertThat(decision.path("outcome").asText()).isEqualTo("INVALID_NOTIFICATION"));
        assertThat(aws.calls()).isEmpty();
    }

    private static ObjectNode withoutVolatileFields(ObjectNode alarm) {
        ObjectNode copy = alarm.deepCopy();
        copy.remove(List.of("StateValue", "StateReason", "StateUpdatedTimestamp", "StateTransitionedTimestamp",
                "AlarmConfigurationUpdatedTimestamp"));
        return copy;
    }

    private static ObjectNode withS1(ObjectNode alarm, int shards) {
        for (JsonNode query : alarm.get("Metrics")) {
            if ("s1".equals(query.get("Id").asText())) {
                ((ObjectNode) query).put("Expression", Integer.toString(shards));
            }
        }
        return alarm;
    }
}
