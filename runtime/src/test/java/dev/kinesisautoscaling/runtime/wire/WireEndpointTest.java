package dev.kinesisautoscaling.runtime.wire;

import dev.kinesisautoscaling.runtime.fakes.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * The local endpoint itself, checked with plain SDK clients: it enforces what the real services
 * enforce and answers in the shapes the SDK parses, so that the wire tests of the handler can be
 * trusted.
 */
class WireEndpointTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private LocalAwsEndpoint endpoint;
    private AwsSystemProperties properties;
    private AwsWorld aws;
    private KinesisClient kinesis;
    private CloudWatchClient cloudWatch;
    private LambdaClient lambda;

    @BeforeEach
    void start() {
        endpoint = LocalAwsEndpoint.start(clock);
        properties = AwsSystemProperties.pointAt(endpoint.url());
        aws = endpoint.world();
        kinesis = KinesisClient.builder().region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build();
        cloudWatch = CloudWatchClient.builder().region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build();
        lambda = LambdaClient.builder().region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build();
    }

    @AfterEach
    void stop() {
        kinesis.close();
        cloudWatch.close();
        lambda.close();
        properties.close();
        endpoint.close();
    }

    private void updateShardCount(String stream, int target) {
        kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(target).scalingType("UNIFORM_SCALING"));
    }

    @Test
    void keepsAStreamUpdatingForTheConfiguredTimeThenActiveWithTheNewCount() {
        aws.addStream("orders", 3);
        aws.updatingDuration(Duration.ofSeconds(45));

        updateShardCount("orders", 6);

        assertThat(kinesis.describeStreamSummary(r -> r.streamName("orders")).streamDescriptionSummary())
                .satisfies(summary -> {
                    assertThat(summary.streamStatus()).isEqualTo(StreamStatus.UPDATING);
                    assertThat(summary.openShardCount()).isEqualTo(3);
                    assertThat(summary.streamCreationTimestamp()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
                });
        assertThatThrownBy(() -> updateShardCount("orders", 4)).isInstanceOf(ResourceInUseException.class);
        clock.advance(Duration.ofSeconds(45));
        assertThat(kinesis.describeStreamSummary(r -> r.streamName("orders")).streamDescriptionSummary())
                .satisfies(summary -> {
                    assertThat(summary.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
                    assertThat(summary.openShardCount()).isEqualTo(6);
                });
    }

    @Test
    void refusesTargetsOutsideHalfToDoubleAndEqualToTheCurrentCount() {
        aws.addStream("orders", 3);

        for (int refused : List.of(1, 3, 7)) {
            assertThatThrownBy(() -> updateShardCount("orders", refused)).as("3 -> " + refused)
                    .isInstanceOf(InvalidArgumentException.class);
        }
        updateShardCount("orders", 2);
        assertThat(aws.stream("orders").acceptedUpdates()).isEqualTo(1);
        assertThatThrownBy(() -> updateShardCount("unknown", 2)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void refusesAnEleventhUpdateWithinTwentyFourHours() {
        aws.addStream("orders", 2);
        for (int i = 0; i < 10; i++) {
            updateShardCount("orders", i % 2 == 0 ? 4 : 2);
            clock.advance(Duration.ofMinutes(1));
        }

        assertThatThrownBy(() -> updateShardCount("orders", 4)).isInstanceOf(LimitExceededException.class);
        clock.set(Instant.parse("2026-11-30T10:00:30Z"));
        updateShardCount("orders", 4);
        assertThat(aws.calls("UpdateShardCount")).extracting(RecordedCall::accepted).containsOnlyOnce(false);
    }

    @Test
    void describesAlarmsByNameByPrefixAndPageByPage() {
        WireFixtures.seedStream(aws, "orders", 2, new WireFixtures.Policy());
        WireFixtures.seedStream(aws, "payments", 2, new WireFixtures.Policy());

        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("orders-scale-up", "missing")).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("orders-scale-up");
        assertThat(cloudWatch.describeAlarmsPaginator(r -> r.alarmNamePrefix("orders-").maxRecords(1)).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("orders-scale-down", "orders-scale-up");
        assertThat(cloudWatch.describeAlarms(r -> r.maxRecords(3)).nextToken()).isNotNull();
        assertThat(aws.calls("DescribeAlarms")).filteredOn(call -> call.input().has("NextToken")).hasSize(1);
    }

    @Test
    void replacesTheWholeConfigurationOnPutMetricAlarmButKeepsStateAndTags() {
        WireFixtures.seedStream(aws, "orders", 2, new WireFixtures.Policy());
        MetricAlarm before = cloudWatch.describeAlarms(r -> r.alarmNames("orders-scale-up")).metricAlarms().get(0);

        cloudWatch.putMetricAlarm(r -> r.alarmName("orders-scale-up").metrics(before.metrics())
                .evaluationPeriods(5).threshold(0.75).comparisonOperator(before.comparisonOperator())
                .tags(Tag.builder().key("Ignored").value("on-update").build()));

        MetricAlarm after = cloudWatch.describeAlarms(r -> r.alarmNames("orders-scale-up")).metricAlarms().get(0);
        assertThat(after.alarmDescription()).isNull();
        assertThat(after.hasAlarmActions()).isFalse();
        assertThat(after.treatMissingData()).isNull();
        assertThat(after.metrics()).isEqualTo(before.metrics());
        assertThat(after.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(after.alarmConfigurationUpdatedTimestamp()).isEqualTo(clock.instant());
        assertThat(aws.tags("orders-scale-up")).doesNotContainKey("Ignored").containsEntry("ScaleAction", "Up");
    }

    @Test
    void refusesWhatCloudWatchRefuses() {
        WireFixtures.seedStream(aws, "orders", 2, new WireFixtures.Policy());
        String arn = AlarmStore.arn("orders-scale-up");

        assertThatThrownBy(() -> cloudWatch.tagResource(r -> r.resourceARN(arn)
                .tags(Tag.builder().key("Calls").value("a,b").build())))
                .isInstanceOfSatisfying(CloudWatchException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> cloudWatch.setAlarmState(r -> r.alarmName("missing").stateValue(StateValue.OK).stateReason("x")))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
                });
        assertThatThrownBy(() -> cloudWatch.listTagsForResource(r -> r.resourceARN(AlarmStore.arn("missing"))))
                .isInstanceOf(software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException.class);
        assertThatThrownBy(() -> cloudWatch.putMetricAlarm(r -> r.alarmName("broken").evaluationPeriods(1).threshold(1.0)
                .comparisonOperator("GreaterThanThreshold")))
                .isInstanceOf(software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException.class);
    }

    @Test
    void answersEachServicesThrottlingSoThatTheSdkRecognisesIt() {
        aws.addStream("orders", 2);
        WireFixtures.seedStream(aws, "payments", 2, new WireFixtures.Policy());
        aws.addFunction("consumer", null);
        aws.inject(Fault.onEveryCall("DescribeStreamSummary", FaultKind.THROTTLING));
        aws.inject(Fault.onEveryCall("DescribeAlarms", FaultKind.THROTTLING));
        aws.inject(Fault.onEveryCall("GetFunctionConcurrency", FaultKind.THROTTLING));

        assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName("orders")))
                .isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> cloudWatch.describeAlarms(r -> r.alarmNames("payments-scale-up")))
                .isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.isThrottlingException()).isTrue());
        assertThatThrownBy(() -> lambda.getFunctionConcurrency(r -> r.functionName("consumer")))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.isThrottlingException()).isTrue();
                    assertThat(e.statusCode()).isEqualTo(429);
                });
    }

    @Test
    void keepsReservedConcurrencyOverRestJson() {
        aws.addFunction("consumer", null);
        aws.addFunction("other", 850);
        String arn = WireFixtures.FUNCTION_ARN_PREFIX + "consumer";

        lambda.putFunctionConcurrency(r -> r.functionName(arn).reservedConcurrentExecutions(50));
        assertThat(lambda.getFunctionConcurrency(r -> r.functionName("consumer")).reservedConcurrentExecutions()).isEqualTo(50);
        assertThatThrownBy(() -> lambda.putFunctionConcurrency(r -> r.functionName(arn).reservedConcurrentExecutions(51)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("below its minimum value of [100]");
        lambda.deleteFunctionConcurrency(r -> r.functionName(arn));
        assertThat(lambda.getFunctionConcurrency(r -> r.functionName(arn)).reservedConcurrentExecutions()).isNull();
        assertThat(aws.calls()).extracting(RecordedCall::method, RecordedCall::status).containsExactly(
                tuple("PUT", 200), tuple("GET", 200),
                tuple("PUT", 400), tuple("DELETE", 204),
                tuple("GET", 200));
    }

    @Test
    void letsTheJdkResendAnIdempotentDeleteAfterAConnectionResetButNeverAPost() {
        aws.addStream("orders", 2);
        aws.addFunction("consumer", 10);
        aws.inject(Fault.onEveryCall("DeleteFunctionConcurrency", FaultKind.CONNECTION_RESET).afterEffect());
        aws.inject(Fault.onEveryCall("UpdateShardCount", FaultKind.CONNECTION_RESET).afterEffect());

        assertThatThrownBy(() -> lambda.deleteFunctionConcurrency(r -> r.functionName("consumer")))
                .isInstanceOf(SdkClientException.class).hasMessageContaining("Connection reset");
        assertThatThrownBy(() -> updateShardCount("orders", 4))
                .isInstanceOf(SdkClientException.class).hasMessageContaining("Connection reset");

        assertThat(aws.calls("DeleteFunctionConcurrency")).as("one SDK attempt, sent twice by HttpURLConnection")
                .extracting(RecordedCall::sdkAttempt).containsExactly(1, 1);
        assertThat(aws.calls("UpdateShardCount")).extracting(RecordedCall::sdkAttempt).containsExactly(1);
    }

    @Test
    void releasesARequestHeldWithoutResponseWhenTheClientGivesUpOrTheEndpointStops() throws Exception {
        aws.addStream("orders", 2);
        aws.inject(Fault.onEveryCall("DescribeStreamSummary", FaultKind.NO_RESPONSE));
        try (KinesisClient impatient = KinesisClient.builder().region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)).apiCallAttemptTimeout(Duration.ofMillis(300)))
                .build()) {
            assertThatThrownBy(() -> impatient.describeStreamSummary(r -> r.streamName("orders")))
                    .isInstanceOf(SdkClientException.class);
        }
        assertThat(endpoint.awaitHeldRequests(0, Duration.ofSeconds(5))).isTrue();

        CompletableFuture<?> patient = CompletableFuture.runAsync(() -> kinesis.describeStreamSummary(r -> r.streamName("orders")));
        assertThat(endpoint.awaitHeldRequests(1, Duration.ofSeconds(5))).isTrue();
        endpoint.close();

        assertThatThrownBy(patient::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(SdkClientException.class);
        assertThat(endpoint.awaitHeldRequests(0, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void refusesUnsignedRequestsAndJsonInsteadOfCbor() throws Exception {
        aws.addStream("orders", 2);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> unsigned = http.send(HttpRequest.newBuilder(endpoint.url())
                .header("X-Amz-Target", "Kinesis_20131202.DescribeStreamSummary")
                .header("Content-Type", "application/x-amz-cbor-1.1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Cbor.encode(
                        JsonNodeFactory.instance.objectNode().put("StreamName", "orders"),
                        Cbor.Timestamps.EPOCH_MILLIS)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(Cbor.decode(unsigned.body()).get("__type").asText()).isEqualTo("IncompleteSignatureException");
        assertThat(aws.calls()).isEmpty();

        String previous = System.setProperty("aws.cborEnabled", "false");
        try (KinesisClient json = KinesisClient.builder().region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(() -> json.describeStreamSummary(r -> r.streamName("orders")))
                    .isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        } finally {
            if (previous == null) {
                System.clearProperty("aws.cborEnabled");
            } else {
                System.setProperty("aws.cborEnabled", previous);
            }
        }
        assertThat(aws.calls()).as("a JSON request never reaches the simulated Kinesis").isEmpty();
    }
}
