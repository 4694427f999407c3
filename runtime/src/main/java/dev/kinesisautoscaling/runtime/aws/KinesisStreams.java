package dev.kinesisautoscaling.runtime.aws;

import dev.kinesisautoscaling.runtime.scaling.AlarmConfigurationException;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/** The Kinesis calls of the scaling Lambda. */
public final class KinesisStreams {

    /** How Kinesis answered an {@code UpdateShardCount}. */
    public enum UpdateResult {
        /** The stream is resharding to the target. */
        ACCEPTED,
        /** The stream is busy ({@code ResourceInUseException}): try again later. */
        BUSY,
        /** A limit refused the call ({@code LimitExceededException}): the daily budget, most likely. */
        LIMIT_EXCEEDED
    }

    private final KinesisClient kinesis;
    private final SdkPlugin updateShardCountRetries;

    /**
     * Uses the given client; {@code UpdateShardCount} is retried only as the given plugin allows.
     *
     * @param kinesis the Kinesis client
     * @param updateShardCountRetries the per-request retry configuration of {@code UpdateShardCount}
     */
    public KinesisStreams(KinesisClient kinesis, SdkPlugin updateShardCountRetries) {
        this.kinesis = kinesis;
        this.updateShardCountRetries = updateShardCountRetries;
    }

    /**
     * Describes a stream with {@code DescribeStreamSummary}.
     *
     * @param streamName the stream's name
     * @return the stream's status, mode and open shard count
     * @throws AlarmConfigurationException when the stream does not exist
     */
    public StreamSummary describe(String streamName) {
        DescribeStreamSummaryResponse response;
        try {
            response = kinesis.describeStreamSummary(r -> r.streamName(streamName));
        } catch (ResourceNotFoundException e) {
            throw new AlarmConfigurationException("stream " + streamName + " named by the alarm's StreamName dimension does not exist");
        }
        StreamDescriptionSummary summary = response.streamDescriptionSummary();
        boolean onDemand = summary.streamModeDetails() != null
                && summary.streamModeDetails().streamMode() == StreamMode.ON_DEMAND;
        if (summary.openShardCount() == null) {
            // Guessing a count here would have the alarms rewritten for it.
            throw new IllegalStateException("DescribeStreamSummary of stream " + streamName + " returned no OpenShardCount");
        }
        return new StreamSummary(summary.streamStatusAsString(), onDemand, summary.openShardCount());
    }

    /**
     * Asks Kinesis to reshard the stream uniformly.
     *
     * <p>The call is retried only when Kinesis throttled it, that is when it certainly did not
     * happen: after a timeout or a server error the outcome is unknown, and a second call could
     * scale the stream twice for one notification.
     *
     * @param streamName the stream's name
     * @param targetShardCount the new shard count
     * @return how Kinesis answered
     */
    public UpdateResult updateShardCount(String streamName, int targetShardCount) {
        try {
            kinesis.updateShardCount(r -> r.streamName(streamName)
                    .targetShardCount(targetShardCount)
                    .scalingType(ScalingType.UNIFORM_SCALING)
                    .overrideConfiguration(o -> o.addPlugin(updateShardCountRetries)));
            return UpdateResult.ACCEPTED;
        } catch (ResourceInUseException e) {
            return UpdateResult.BUSY;
        } catch (LimitExceededException e) {
            return UpdateResult.LIMIT_EXCEEDED;
        }
    }
}
