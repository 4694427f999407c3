package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kinesis' protocol as SDK 2.x uses it by default: awsJson1_1 carried in CBOR.
 * {@code POST /}, {@code X-Amz-Target: Kinesis_20131202.<Operation>},
 * {@code Content-Type: application/x-amz-cbor-1.1}; errors are status 400 (500 for internal
 * failures) with a CBOR body {@code {"__type": "<Code>", "message": ...}}, which the SDK's
 * {@code JsonErrorCodeParser} reads when there is no {@code x-amzn-ErrorType} header.
 * A JSON request is refused, so that a test cannot pass on the JSON fallback by accident.
 */
final class KinesisProtocol implements AwsProtocol {

    static final String CONTENT_TYPE = "application/x-amz-cbor-1.1";
    static final String TARGET_PREFIX = "Kinesis_20131202.";

    @Override
    public String service() {
        return "kinesis";
    }

    @Override
    public boolean accepts(WireRequest request) {
        String target = request.header("X-Amz-Target");
        return target != null && target.startsWith(TARGET_PREFIX);
    }

    @Override
    public ParsedCall parse(WireRequest request) {
        if (!"POST".equals(request.method()) || !"/".equals(request.rawPath())) {
            throw new ServiceError(400, "UnknownOperationException", "Kinesis requests are POST /");
        }
        if (!CONTENT_TYPE.equals(request.header("Content-Type"))) {
            throw new ServiceError(400, "SerializationException", "the local Kinesis speaks CBOR only, got Content-Type "
                    + request.header("Content-Type"));
        }
        JsonNode input;
        try {
            input = Cbor.decode(request.body());
        } catch (IllegalArgumentException e) {
            throw new ServiceError(400, "SerializationException", e.getMessage());
        }
        String operation = request.header("X-Amz-Target").substring(TARGET_PREFIX.length());
        return new ParsedCall(operation, StreamStore.streamName(input), input);
    }

    @Override
    public WireResponse success(String operation, JsonNode output) {
        return WireResponse.answer(200, CONTENT_TYPE, Cbor.encode(output, Cbor.Timestamps.EPOCH_MILLIS));
    }

    @Override
    public WireResponse error(ServiceError error) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("__type", error.code());
        body.put("message", error.getMessage());
        return WireResponse.answer(error.status(), CONTENT_TYPE, Cbor.encode(body, Cbor.Timestamps.EPOCH_MILLIS));
    }

    @Override
    public ServiceError faultError(FaultKind kind, String operation) {
        return switch (kind) {
            case THROTTLING -> new ServiceError(400, "LimitExceededException",
                    "Rate exceeded for " + operation + " for account 123456789012.");
            case SERVER_ERROR -> new ServiceError(500, "InternalFailure", "The request processing has failed because "
                    + "of an unknown error, exception or failure.");
            case ACCESS_DENIED -> new ServiceError(400, "AccessDeniedException", "User: arn:aws:sts::123456789012:"
                    + "assumed-role/scaler/fn is not authorized to perform: kinesis:" + operation);
            case RESOURCE_IN_USE -> new ServiceError(400, "ResourceInUseException",
                    "Stream is being updated; try again later.");
            default -> throw new IllegalArgumentException(kind + " does not answer");
        };
    }
}
