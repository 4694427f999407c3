package dev.kinesisautoscaling.runtime.fakes;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamModeDetails;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountRequest;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;

/**
 * A Kinesis that keeps streams in memory and enforces {@code UpdateShardCount}'s rules: only an
 * {@code ACTIVE} stream, at most double and at least half of the open shard count.
 */
public final class FakeKinesis implements KinesisClient {

    /** One stream's state. */
    public static final class Stream {
        public StreamStatus status = StreamStatus.ACTIVE;
        public StreamMode mode = StreamMode.PROVISIONED;
        public int openShards;
        public Integer pendingTarget;
    }

    private final AwsCalls calls;
    private final Map<String, Stream> streams = new HashMap<>();
    private boolean completeUpdatesAtOnce = true;

    public FakeKinesis(AwsCalls calls) {
        this.calls = calls;
    }

    /** Adds an active provisioned stream. */
    public Stream addStream(String name, int openShards) {
        Stream stream = new Stream();
        stream.openShards = openShards;
        streams.put(name, stream);
        return stream;
    }

    public Stream stream(String name) {
        return streams.get(name);
    }

    /** Whether an accepted update finishes before the call returns, or leaves the stream UPDATING. */
    public void completeUpdatesAtOnce(boolean value) {
        this.completeUpdatesAtOnce = value;
    }

    /** Finishes a pending update. */
    public void completeUpdate(String name) {
        Stream stream = streams.get(name);
        if (stream.pendingTarget != null) {
            stream.openShards = stream.pendingTarget;
            stream.pendingTarget = null;
        }
        stream.status = StreamStatus.ACTIVE;
    }

    @Override
    public DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
        RuntimeException after = calls.enter("DescribeStreamSummary", request);
        Stream stream = streams.get(request.streamName());
        if (stream == null) {
            throw ResourceNotFoundException.builder().message("Stream " + request.streamName() + " not found").build();
        }
        AwsCalls.exit(after);
        return DescribeStreamSummaryResponse.builder().streamDescriptionSummary(StreamDescriptionSummary.builder()
                .streamName(request.streamName())
                .streamARN("arn:aws:kinesis:us-east-1:123456789012:stream/" + request.streamName())
                .streamStatus(stream.status)
                .streamModeDetails(StreamModeDetails.builder().streamMode(stream.mode).build())
                .openShardCount(stream.openShards)
                .build()).build();
    }

    @Override
    public UpdateShardCountResponse updateShardCount(UpdateShardCountRequest request) {
        RuntimeException after = calls.enter("UpdateShardCount", request);
        Stream stream = streams.get(request.streamName());
        if (stream == null) {
            throw ResourceNotFoundException.builder().message("Stream " + request.streamName() + " not found").build();
        }
        if (stream.status != StreamStatus.ACTIVE) {
            throw ResourceInUseException.builder().message("Stream " + request.streamName() + " is " + stream.status).build();
        }
        int current = stream.openShards;
        int target = request.targetShardCount();
        if (target > 2 * current || target < (current + 1) / 2 || target == current) {
            throw InvalidArgumentException.builder()
                    .message("UpdateShardCount from " + current + " to " + target + " is not allowed").build();
        }
        if (completeUpdatesAtOnce) {
            stream.openShards = target;
        } else {
            stream.status = StreamStatus.UPDATING;
            stream.pendingTarget = target;
        }
        AwsCalls.exit(after);
        return UpdateShardCountResponse.builder().streamName(request.streamName())
                .currentShardCount(current).targetShardCount(target).build();
    }

    @Override
    public String serviceName() {
        return "kinesis";
    }

    @Override
    public void close() {
    }
}
