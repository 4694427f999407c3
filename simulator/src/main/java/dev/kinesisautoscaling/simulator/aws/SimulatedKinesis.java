package dev.kinesisautoscaling.simulator.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamModeDetails;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountRequest;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;

/**
 * An in-memory Kinesis with provisioned streams that keeps {@code UpdateShardCount}'s documented
 * rules, on the simulated clock.
 *
 * <p>A call is refused, in this order, when: the stream does not exist
 * ({@code ResourceNotFoundException}); the scaling type is not {@code UNIFORM_SCALING}, the target
 * is below 1 or equals the open shard count ({@code InvalidArgumentException}); the stream is not
 * {@code ACTIVE} ({@code ResourceInUseException}); the target is more than double or less than half
 * of the open shard count, above {@value #MAX_SHARDS_PER_STREAM}, or the stream already had
 * {@value #CALLS_PER_DAY} accepted calls in the last 24 hours ({@code LimitExceededException}: the
 * API reference lists all of these as the operation's default limits; which exception AWS returns
 * for the first two is not documented, and the Lambda treats them alike). Refused calls do not
 * count towards the daily limit.
 *
 * <p>An accepted call leaves the stream {@code UPDATING} for the configured update duration, with
 * its old open shard count; then it is {@code ACTIVE} with the target count. Kinesis documents that
 * resharding "could take a few minutes"; the duration is a setting of the simulation.
 */
public final class SimulatedKinesis implements KinesisClient {

    /** Accepted {@code UpdateShardCount} calls per stream in any rolling 24 hours. */
    public static final int CALLS_PER_DAY = 10;
    /** Kinesis' default maximum shard count of one stream. */
    public static final int MAX_SHARDS_PER_STREAM = 10_000;

    private static final Duration WINDOW = Duration.ofHours(24);

    private final Clock clock;
    private final Duration updateDuration;
    private final AwsAccount account;
    private final Map<String, Stream> streams = new LinkedHashMap<>();

    /**
     * One {@code UpdateShardCount} call and Kinesis' answer.
     *
     * @param time when the call was made
     * @param streamName the stream
     * @param fromShards the open shard count when the call was made
     * @param targetShards the requested shard count
     * @param accepted whether Kinesis accepted the call
     * @param refusal the exception's name and message when it was refused, otherwise null
     */
    public record ShardCountCall(Instant time, String streamName, int fromShards, int targetShards, boolean accepted,
                                 String refusal) {
    }

    private static final class Stream {
        private int openShards;
        private StreamStatus status = StreamStatus.ACTIVE;
        private int pendingTarget;
        private Instant updateCompletesAt;
        private final Deque<Instant> acceptedCalls = new ArrayDeque<>();
        private final List<ShardCountCall> calls = new ArrayList<>();
    }

    /**
     * A Kinesis without streams.
     *
     * @param clock the simulated time
     * @param updateDuration how long a stream stays {@code UPDATING} after an accepted call
     * @param account the account and region of stream ARNs
     */
    public SimulatedKinesis(Clock clock, Duration updateDuration, AwsAccount account) {
        if (updateDuration.isNegative()) {
            throw new IllegalArgumentException("updateDuration (" + updateDuration + ") must not be negative");
        }
        this.clock = clock;
        this.updateDuration = updateDuration;
        this.account = account;
    }

    /**
     * Creates an {@code ACTIVE} provisioned stream.
     *
     * @param streamName the stream's name
     * @param shards its open shard count, from 1 to {@value #MAX_SHARDS_PER_STREAM}
     */
    public void createStream(String streamName, int shards) {
        if (shards < 1 || shards > MAX_SHARDS_PER_STREAM) {
            throw new IllegalArgumentException("shard count (" + shards + ") must be from 1 to " + MAX_SHARDS_PER_STREAM);
        }
        if (streams.containsKey(streamName)) {
            throw new IllegalArgumentException("stream " + streamName + " exists already");
        }
        Stream stream = new Stream();
        stream.openShards = shards;
        streams.put(streamName, stream);
    }

    /**
     * The stream's open shard count now, after finishing an update whose time has come.
     *
     * @param streamName the stream's name
     * @return the open shard count
     */
    public int openShardCount(String streamName) {
        return settled(streamName).openShards;
    }

    /**
     * The stream's status now.
     *
     * @param streamName the stream's name
     * @return {@code ACTIVE} or {@code UPDATING}
     */
    public StreamStatus status(String streamName) {
        return settled(streamName).status;
    }

    /**
     * Every {@code UpdateShardCount} call made on the stream, accepted or refused, oldest first.
     *
     * @param streamName the stream's name
     * @return the calls
     */
    public List<ShardCountCall> calls(String streamName) {
        return List.copyOf(stream(streamName).calls);
    }

    @Override
    public DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
        Stream stream = settled(request.streamName());
        return DescribeStreamSummaryResponse.builder().streamDescriptionSummary(StreamDescriptionSummary.builder()
                .streamName(request.streamName())
                .streamARN(account.streamArn(request.streamName()))
                .streamStatus(stream.status)
                .streamModeDetails(StreamModeDetails.builder().streamMode(StreamMode.PROVISIONED).build())
                .openShardCount(stream.openShards)
                .retentionPeriodHours(24)
                .build()).build();
    }

    @Override
    public UpdateShardCountResponse updateShardCount(UpdateShardCountRequest request) {
        String name = request.streamName();
        Stream stream = settled(name);
        Instant now = clock.instant();
        int current = stream.openShards;
        Integer requested = request.targetShardCount();
        int target = requested == null ? 0 : requested;
        RuntimeException refusal = refusal(name, stream, request, current, target, now);
        if (refusal != null) {
            stream.calls.add(new ShardCountCall(now, name, current, target, false,
                    refusal.getClass().getSimpleName() + ": " + refusal.getMessage()));
            throw refusal;
        }
        stream.acceptedCalls.addLast(now);
        stream.calls.add(new ShardCountCall(now, name, current, target, true, null));
        stream.status = StreamStatus.UPDATING;
        stream.pendingTarget = target;
        stream.updateCompletesAt = now.plus(updateDuration);
        settle(stream);
        return UpdateShardCountResponse.builder().streamName(name).streamARN(account.streamArn(name))
                .currentShardCount(current).targetShardCount(target).build();
    }

    private static RuntimeException refusal(String name, Stream stream, UpdateShardCountRequest request, int current,
                                            int target, Instant now) {
        if (request.scalingType() != ScalingType.UNIFORM_SCALING) {
            return InvalidArgumentException.builder().message("ScalingType must be UNIFORM_SCALING, not "
                    + request.scalingTypeAsString()).build();
        }
        if (target < 1) {
            return InvalidArgumentException.builder().message("TargetShardCount " + target + " must be at least 1").build();
        }
        if (stream.status != StreamStatus.ACTIVE) {
            return ResourceInUseException.builder().message("Stream " + name + " is "
                    + stream.status + ", not ACTIVE").build();
        }
        if (target == current) {
            return InvalidArgumentException.builder().message("Stream " + name + " already has " + current + " shards").build();
        }
        if (target > 2L * current) {
            return LimitExceededException.builder().message("UpdateShardCount from " + current + " to " + target
                    + " shards: the target must not exceed double the current shard count").build();
        }
        if (2L * target < current) {
            return LimitExceededException.builder().message("UpdateShardCount from " + current + " to " + target
                    + " shards: the target must not be below half the current shard count").build();
        }
        if (target > MAX_SHARDS_PER_STREAM) {
            return LimitExceededException.builder().message("UpdateShardCount to " + target
                    + " shards: a stream holds at most " + MAX_SHARDS_PER_STREAM + " shards").build();
        }
        Instant windowStart = now.minus(WINDOW);
        while (!stream.acceptedCalls.isEmpty() && !stream.acceptedCalls.peekFirst().isAfter(windowStart)) {
            stream.acceptedCalls.removeFirst();
        }
        if (stream.acceptedCalls.size() >= CALLS_PER_DAY) {
            return LimitExceededException.builder().message("Stream " + name + " had " + CALLS_PER_DAY
                    + " UpdateShardCount calls in the last 24 hours; the next is possible after "
                    + stream.acceptedCalls.peekFirst().plus(WINDOW)).build();
        }
        return null;
    }

    private Stream stream(String name) {
        Stream stream = streams.get(name);
        if (stream == null) {
            throw ResourceNotFoundException.builder().message("Stream " + name + " under account "
                    + account.accountId() + " not found.").build();
        }
        return stream;
    }

    private Stream settled(String name) {
        Stream stream = stream(name);
        settle(stream);
        return stream;
    }

    private void settle(Stream stream) {
        if (stream.status == StreamStatus.UPDATING && !clock.instant().isBefore(stream.updateCompletesAt)) {
            stream.openShards = stream.pendingTarget;
            stream.status = StreamStatus.ACTIVE;
            stream.updateCompletesAt = null;
        }
    }

    @Override
    public String serviceName() {
        return "kinesis";
    }

    @Override
    public void close() {
        // Nothing to release: everything is in memory.
    }
}
