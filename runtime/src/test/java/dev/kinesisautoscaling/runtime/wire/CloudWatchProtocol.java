package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CloudWatch's protocol in SDK 2.59: smithy-rpc-v2-cbor.
 * {@code POST /service/GraniteServiceVersion20100801/operation/<Operation>},
 * {@code Content-Type: application/cbor}, {@code smithy-protocol: rpc-v2-cbor}; every response is a
 * CBOR map (an empty one for operations without output) and carries {@code smithy-protocol}.
 * Errors are a CBOR body {@code {"__type": "com.amazonaws.cloudwatch#<Code>", "message": ...}}
 * plus, because CloudWatch is query-compatible, {@code x-amzn-query-error: <QueryCode>;Sender}.
 */
final class CloudWatchProtocol implements AwsProtocol {

    static final String PATH_PREFIX = "/service/GraniteServiceVersion20100801/operation/";
    static final String CONTENT_TYPE = "application/cbor";
    static final String PROTOCOL_HEADER = "smithy-protocol";
    static final String PROTOCOL = "rpc-v2-cbor";

    @Override
    public String service() {
        return "monitoring";
    }

    @Override
    public boolean accepts(WireRequest request) {
        return request.rawPath().startsWith(PATH_PREFIX);
    }

    @Override
    public ParsedCall parse(WireRequest request) {
        if (!"POST".equals(request.method())) {
            throw new ServiceError(405, "UnknownOperationException", "InvalidAction", "rpc-v2-cbor requests are POST");
        }
        if (!PROTOCOL.equals(request.header(PROTOCOL_HEADER))) {
            throw new ServiceError(400, "ValidationException", "MalformedInput",
                    "missing header " + PROTOCOL_HEADER + ": " + PROTOCOL);
        }
        if (request.body().length > 0 && !CONTENT_TYPE.equals(request.header("Content-Type"))) {
            throw new ServiceError(415, "UnsupportedMediaType", "UnsupportedMediaType",
                    "expected Content-Type application/cbor, got " + request.header("Content-Type"));
        }
        JsonNode input;
        try {
            input = Cbor.decode(request.body());
        } catch (IllegalArgumentException e) {
            throw new ServiceError(400, "SerializationException", "MalformedInput", e.getMessage());
        }
        String operation = request.rawPath().substring(PATH_PREFIX.length());
        return new ParsedCall(operation, resource(input), input);
    }

    private static String resource(JsonNode input) {
        if (input.hasNonNull("AlarmName")) {
            return input.get("AlarmName").asText();
        }
        if (input.hasNonNull("ResourceARN")) {
            return AlarmStore.alarmName(input.get("ResourceARN").asText());
        }
        if (input.path("AlarmNames").isArray() && !input.get("AlarmNames").isEmpty()) {
            return input.get("AlarmNames").get(0).asText();
        }
        return input.path("AlarmNamePrefix").asText("");
    }

    @Override
    public WireResponse success(String operation, JsonNode output) {
        return WireResponse.answer(200, CONTENT_TYPE, Cbor.encode(output, Cbor.Timestamps.TAGGED_EPOCH_SECONDS))
                .withHeader(PROTOCOL_HEADER, PROTOCOL);
    }

    @Override
    public WireResponse error(ServiceError error) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("__type", "com.amazonaws.cloudwatch#" + error.code());
        body.put("message", error.getMessage());
        return WireResponse.answer(error.status(), CONTENT_TYPE, Cbor.encode(body, Cbor.Timestamps.TAGGED_EPOCH_SECONDS))
                .withHeader(PROTOCOL_HEADER, PROTOCOL)
                .withHeader("x-amzn-query-error", error.queryCode() + (error.status() >= 500 ? ";Receiver" : ";Sender"));
    }

    @Override
    public ServiceError faultError(FaultKind kind, String operation) {
        return switch (kind) {
            case THROTTLING -> new ServiceError(400, "Throttling", "Rate exceeded");
            case SERVER_ERROR -> new ServiceError(500, "InternalServiceFault", "InternalServiceError",
                    "Internal service error");
            case ACCESS_DENIED -> new ServiceError(403, "AccessDenied", "User: arn:aws:sts::123456789012:"
                    + "assumed-role/scaler/fn is not authorized to perform: cloudwatch:" + operation);
            default -> throw new IllegalArgumentException(kind + " does not apply to CloudWatch");
        };
    }
}
