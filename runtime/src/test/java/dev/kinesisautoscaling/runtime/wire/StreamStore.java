package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kinesis streams of one world, with the rules Kinesis applies to {@code UpdateShardCount}:
 * only an {@code ACTIVE} provisioned stream, a target within {@code [ceil(n/2), 2n]} and not equal
 * to {@code n}, and at most {@value #DAILY_UPDATES} accepted calls per stream in any 24 hours.
 * An accepted call leaves the stream {@code UPDATING} for {@link #updatingDuration()} of the
 * world's clock, then {@code ACTIVE} with the new count.
 *
 * <p>Not thread-safe: {@link AwsWorld} serialises access.
 */
final class StreamStore {

    /** Accepted {@code UpdateShardCount} calls Kinesis allows per stream in any {@link #WINDOW}. */
    static final int DAILY_UPDATES = 10;
    /** The rolling window of that limit. */
    static final Duration WINDOW = Duration.ofHours(24);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ACCOUNT = "123456789012";

    /** One stream's state. */
    static final class Stream {
        final String name;
        final Instant created;
        String status = "ACTIVE";
        String mode = "PROVISIONED";
        int openShards;
        int targetShards;
        Instant updatingUntil;
        final List<Instant> acceptedUpdates = new ArrayList<>();

        Stream(String name, int openShards, Instant created) {
            this.name = name;
            this.openShards = openShards;
            this.targetShards = openShards;
            this.created = created;
        }

        String arn() {
            return "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + name;
        }
    }

    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private Duration updatingDuration = Duration.ofSeconds(30);

    Duration updatingDuration() {
        return updatingDuration;
    }

    void updatingDuration(Duration duration) {
        this.updatingDuration = duration;
    }

    Stream add(String name, int openShards, Instant now) {
        Stream stream = new Stream(name, openShards, now);
        streams.put(name, stream);
        return stream;
    }

    /** The stream with any finished update applied, or null. */
    Stream get(String name, Instant now) {
        Stream stream = streams.get(name);
        if (stream != null) {
            settle(stream, now);
        }
        return stream;
    }

    JsonNode execute(String operation, JsonNode input, Instant now) {
        return switch (operation) {
            case "DescribeStreamSummary" -> describeStreamSummary(input, now);
            case "UpdateShardCount" -> updateShardCount(input, now);
            default -> throw new ServiceError(400, "UnknownOperationException", "Operation " + operation
                    + " is not supported by the local endpoint");
        };
    }

    static String streamName(JsonNode input) {
        String name = input.path("StreamName").asText("");
        if (name.isEmpty() && input.hasNonNull("StreamARN")) {
            String arn = input.get("StreamARN").asText();
            name = arn.substring(arn.indexOf("stream/") + "stream/".length());
        }
        return name;
    }

    private JsonNode describeStreamSummary(JsonNode input, Instant now) {
        Stream stream = require(input, now);
        ObjectNode summary = NODES.objectNode();
        summary.put("StreamName", stream.name);
        summary.put("StreamARN", stream.arn());
        summary.put("StreamStatus", stream.status);
        summary.putObject("StreamModeDetails").put("StreamMode", stream.mode);
        summary.put("RetentionPeriodHours", 24);
        summary.set("StreamCreationTimestamp", Cbor.timestamp(stream.created));
        summary.putArray("EnhancedMonitoring").addObject().putArray("ShardLevelMetrics");
        summary.put("EncryptionType", "NONE");
        summary.put("OpenShardCount", stream.openShards);
        summary.put("ConsumerCount", 0);
        ObjectNode output = NODES.objectNode();
        output.set("StreamDescriptionSummary", summary);
        return output;
    }

    private JsonNode updateShardCount(JsonNode input, Instant now) {
        Stream stream = require(input, now);
        if (!input.path("TargetShardCount").canConvertToInt()) {
            throw new ServiceError(400, "ValidationException", "1 validation error detected: Value null at "
                    + "'targetShardCount' failed to satisfy constraint: Member must not be null");
        }
        int target = input.get("TargetShardCount").intValue();
        if (!"UNIFORM_SCALING".equals(input.path("ScalingType").asText())) {
            throw new ServiceError(400, "ValidationException", "1 validation error detected: Value '"
                    + input.path("ScalingType").asText() + "' at 'scalingType' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [UNIFORM_SCALING]");
        }
        if ("ON_DEMAND".equals(stream.mode)) {
            throw new ServiceError(400, "ValidationException", "UpdateShardCount is not supported for streams "
                    + "in ON_DEMAND capacity mode: " + stream.arn());
        }
        if (!"ACTIVE".equals(stream.status)) {
            throw new ServiceError(400, "ResourceInUseException", "Stream " + stream.name + " under account "
                    + ACCOUNT + " not ACTIVE, instead in state " + stream.status);
        }
        int current = stream.openShards;
        int lowest = (current + 1) / 2;
        if (target == current || target < lowest || target > 2L * current || target < 1) {
            throw new ServiceError(400, "InvalidArgumentException", "UpdateShardCount from " + current + " to "
                    + target + " shards is not allowed: the target must differ from the current count and be "
                    + "between " + lowest + " and " + 2 * current);
        }
        Instant windowStart = now.minus(WINDOW);
        stream.acceptedUpdates.removeIf(call -> !call.isAfter(windowStart));
        if (stream.acceptedUpdates.size() >= DAILY_UPDATES) {
            throw new ServiceError(400, "LimitExceededException", "Rate exceeded for stream " + stream.name
                    + " under account " + ACCOUNT + ": no more than " + DAILY_UPDATES
                    + " UpdateShardCount calls in a rolling 24-hour period");
        }
        stream.acceptedUpdates.add(now);
        stream.status = "UPDATING";
        stream.targetShards = target;
        stream.updatingUntil = now.plus(updatingDuration);
        settle(stream, now);
        ObjectNode output = NODES.objectNode();
        output.put("StreamName", stream.name);
        output.put("CurrentShardCount", current);
        output.put("TargetShardCount", target);
        output.put("StreamARN", stream.arn());
        return output;
    }

    private Stream require(JsonNode input, Instant now) {
        String name = streamName(input);
        Stream stream = get(name, now);
        if (stream == null) {
            throw new ServiceError(400, "ResourceNotFoundException", "Stream " + name + " under account "
                    + ACCOUNT + " not found.");
        }
        return stream;
    }

    private static void settle(Stream stream, Instant now) {
        if ("UPDATING".equals(stream.status) && stream.updatingUntil != null && !now.isBefore(stream.updatingUntil)) {
            stream.status = "ACTIVE";
            stream.openShards = stream.targetShards;
            stream.updatingUntil = null;
        }
    }
}
