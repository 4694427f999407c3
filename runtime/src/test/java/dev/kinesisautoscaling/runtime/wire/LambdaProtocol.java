package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * Lambda's REST-JSON protocol for reserved concurrency, with the paths of the SDK's marshallers:
 * {@code PUT /2017-10-31/functions/{FunctionName}/concurrency} (body
 * {@code {"ReservedConcurrentExecutions": n}}), {@code DELETE} on the same path (answered 204),
 * and {@code GET /2019-09-30/functions/{FunctionName}/concurrency}. The function name is a path
 * segment, percent-encoded when it is an ARN. Errors carry {@code x-amzn-ErrorType} and a JSON body.
 */
final class LambdaProtocol implements AwsProtocol {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/json";

    @Override
    public String service() {
        return "lambda";
    }

    @Override
    public boolean accepts(WireRequest request) {
        return request.rawPath().startsWith("/2017-10-31/functions/") || request.rawPath().startsWith("/2019-09-30/functions/");
    }

    @Override
    public ParsedCall parse(WireRequest request) {
        List<String> segments = request.pathSegments();
        if (segments.size() != 4 || !"concurrency".equals(segments.get(3))) {
            throw new ServiceError(404, "ResourceNotFoundException", "No route for " + request.method() + " " + request.rawPath());
        }
        String version = segments.get(0);
        String operation = switch (request.method() + " " + version) {
            case "PUT 2017-10-31" -> "PutFunctionConcurrency";
            case "DELETE 2017-10-31" -> "DeleteFunctionConcurrency";
            case "GET 2019-09-30" -> "GetFunctionConcurrency";
            default -> throw new ServiceError(404, "ResourceNotFoundException",
                    "No route for " + request.method() + " " + request.rawPath());
        };
        ObjectNode input;
        try {
            input = request.body().length == 0 ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(request.body());
        } catch (IOException | ClassCastException e) {
            throw new ServiceError(400, "InvalidRequestContentException", "Could not parse request body into json");
        }
        input.put("FunctionName", segments.get(2));
        return new ParsedCall(operation, FunctionStore.functionName(segments.get(2)), input);
    }

    @Override
    public WireResponse success(String operation, JsonNode output) {
        if ("DeleteFunctionConcurrency".equals(operation)) {
            return WireResponse.answer(204, null, new byte[0]);
        }
        return WireResponse.answer(200, CONTENT_TYPE, json(output));
    }

    @Override
    public WireResponse error(ServiceError error) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Type", error.status() >= 500 ? "Service" : "User");
        body.put("message", error.getMessage());
        if (error.status() == 429) {
            body.put("Reason", "CallerRateLimitExceeded");
        }
        return WireResponse.answer(error.status(), CONTENT_TYPE, json(body))
                .withHeader("x-amzn-ErrorType", error.code());
    }

    @Override
    public ServiceError faultError(FaultKind kind, String operation) {
        return switch (kind) {
            case THROTTLING -> new ServiceError(429, "TooManyRequestsException", "Rate exceeded");
            case SERVER_ERROR -> new ServiceError(500, "ServiceException", "An internal error occurred");
            case ACCESS_DENIED -> new ServiceError(403, "AccessDeniedException", "User: arn:aws:sts::123456789012:"
                    + "assumed-role/scaler/fn is not authorized to perform: lambda:" + operation);
            default -> throw new IllegalArgumentException(kind + " does not apply to Lambda");
        };
    }

    private static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
