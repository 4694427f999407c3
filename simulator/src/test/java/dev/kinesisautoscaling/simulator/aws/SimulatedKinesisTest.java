package dev.kinesisautoscaling.simulator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

class SimulatedKinesisTest {

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private SimulationClock clock;
    private SimulatedKinesis kinesis;

    @BeforeEach
    void setUp() {
        clock = new SimulationClock(START);
        kinesis = new SimulatedKinesis(clock, Duration.ofMinutes(2), AwsAccount.DEFAULT);
    }

    private void update(String stream, int target) {
        kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(target).scalingType(ScalingType.UNIFORM_SCALING));
    }

    private void after(Duration duration) {
        clock.set(clock.instant().plus(duration));
    }

    @Test
    void describesAnActiveProvisionedStream() {
        kinesis.createStream("orders", 3);

        StreamDescriptionSummary summary = kinesis.describeStreamSummary(r -> r.streamName("orders")).streamDescriptionSummary();

        assertThat(summary.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(summary.openShardCount()).isEqualTo(3);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(summary.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/orders");
    }

    @Test
    void keepsTheStreamUpdatingWithItsOldCountForTheUpdateDuration() {
        kinesis.createStream("orders", 2);

        update("orders", 4);

        assertThat(kinesis.status("orders")).isEqualTo(StreamStatus.UPDATING);
        assertThat(kinesis.openShardCount("orders")).isEqualTo(2);
        after(Duration.ofSeconds(119));
        assertThat(kinesis.status("orders")).isEqualTo(StreamStatus.UPDATING);
        after(Duration.ofSeconds(1));
        assertThat(kinesis.status("orders")).isEqualTo(StreamStatus.ACTIVE);
        assertThat(kinesis.openShardCount("orders")).isEqualTo(4);
    }

    @Test
    void refusesACallWhileTheStreamIsUpdating() {
        kinesis.createStream("orders", 2);
        update("orders", 4);

        assertThatThrownBy(() -> update("orders", 8))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Stream orders is UPDATING, not ACTIVE");
        assertThat(kinesis.calls("orders")).extracting(SimulatedKinesis.ShardCountCall::accepted).containsExactly(true, false);
    }

    @ParameterizedTest(name = "{0} -> {1} shards")
    @CsvSource({"3, 1", "4, 1", "2, 5", "10, 21"})
    void refusesMoreThanDoubleOrLessThanHalfInOneCall(int current, int target) {
        kinesis.createStream("orders", current);

        assertThatThrownBy(() -> update("orders", target)).isInstanceOf(LimitExceededException.class);
        assertThat(kinesis.status("orders")).isEqualTo(StreamStatus.ACTIVE);
        assertThat(kinesis.openShardCount("orders")).isEqualTo(current);
    }

    @ParameterizedTest(name = "{0} -> {1} shards")
    @CsvSource({"3, 2", "4, 2", "2, 4", "3, 6", "5, 3", "1, 2", "2, 1"})
    void acceptsTargetsFromHalfToDouble(int current, int target) {
        kinesis.createStream("orders", current);

        update("orders", target);
        after(Duration.ofMinutes(2));

        assertThat(kinesis.openShardCount("orders")).isEqualTo(target);
    }

    @Test
    void refusesTheEleventhCallInARolling24Hours() {
        kinesis.createStream("orders", 1);
        for (int call = 0; call < 10; call++) {
            update("orders", call % 2 == 0 ? 2 : 1);
            after(Duration.ofHours(1));
        }

        assertThatThrownBy(() -> update("orders", 2))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("had 10 UpdateShardCount calls in the last 24 hours; the next is possible after 2026-01-06T00:00:00Z");
        after(Duration.ofHours(14).minusSeconds(1));
        assertThatThrownBy(() -> update("orders", 2)).isInstanceOf(LimitExceededException.class);
        after(Duration.ofSeconds(1));
        update("orders", 2);
        assertThat(kinesis.calls("orders")).filteredOn(SimulatedKinesis.ShardCountCall::accepted).hasSize(11);
    }

    @Test
    void doesNotCountRefusedCallsTowardsTheDailyLimit() {
        kinesis.createStream("orders", 3);
        for (int refused = 0; refused < 20; refused++) {
            assertThatThrownBy(() -> update("orders", 1)).isInstanceOf(LimitExceededException.class);
            after(Duration.ofMinutes(1));
        }

        update("orders", 2);

        assertThat(kinesis.calls("orders")).hasSize(21);
    }

    @Test
    void refusesOtherScalingTypesUnchangedCountsAndUnknownStreams() {
        kinesis.createStream("orders", 2);

        assertThatThrownBy(() -> kinesis.updateShardCount(r -> r.streamName("orders").targetShardCount(4)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("UNIFORM_SCALING");
        assertThatThrownBy(() -> update("orders", 2)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> update("other", 2)).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName("other")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void refusesToGrowAStreamBeyondTenThousandShards() {
        kinesis.createStream("orders", 6000);

        assertThatThrownBy(() -> update("orders", 12_000)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("at most 10000 shards");
    }

    @Test
    void recordsReservedConcurrencyOfConsumerFunctions() {
        SimulatedLambda lambda = new SimulatedLambda();

        lambda.putFunctionConcurrency(r -> r.functionName("consumer").reservedConcurrentExecutions(8));
        assertThat(lambda.reservedConcurrency("consumer")).isEqualTo(8);
        lambda.deleteFunctionConcurrency(r -> r.functionName("consumer"));
        assertThat(lambda.reservedConcurrency("consumer")).isNull();
        assertThat(lambda.calls()).containsExactly("PutFunctionConcurrency consumer=8", "DeleteFunctionConcurrency consumer");
    }

    @Test
    void neverMovesTheClockBackwards() {
        assertThatThrownBy(() -> clock.set(START.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
