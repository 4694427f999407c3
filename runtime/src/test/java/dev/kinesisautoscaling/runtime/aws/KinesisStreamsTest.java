package dev.kinesisautoscaling.runtime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

class KinesisStreamsTest {

    private static KinesisStreams answering(Consumer<StreamDescriptionSummary.Builder> summary) {
        KinesisClient kinesis = new KinesisClient() {
            @Override
            public DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
                StreamDescriptionSummary.Builder builder = StreamDescriptionSummary.builder()
                        .streamName(request.streamName()).streamStatus("ACTIVE");
                summary.accept(builder);
                return DescribeStreamSummaryResponse.builder().streamDescriptionSummary(builder.build()).build();
            }

            @Override
            public String serviceName() {
                return "kinesis";
            }

            @Override
            public void close() {
            }
        };
        return new KinesisStreams(kinesis, AwsClients.throttlingOnlyRetries(3));
    }

    @Test
    void readsStatusModeAndOpenShardCount() {
        StreamSummary summary = answering(s -> s.openShardCount(6)
                .streamModeDetails(m -> m.streamMode(StreamMode.PROVISIONED))).describe("orders");

        assertThat(summary).isEqualTo(new StreamSummary("ACTIVE", false, 6));
        assertThat(summary.active()).isTrue();
    }

    @Test
    void refusesToGuessAMissingOpenShardCount() {
        KinesisStreams streams = answering(s -> { });

        assertThatThrownBy(() -> streams.describe("orders"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DescribeStreamSummary of stream orders returned no OpenShardCount");
    }
}
