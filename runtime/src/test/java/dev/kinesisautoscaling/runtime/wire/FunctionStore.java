package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lambda functions of one world and their reserved concurrency, with Lambda's rule that the
 * reservations of an account must leave {@link #minimumUnreserved} of its concurrency unreserved.
 *
 * <p>Not thread-safe: {@link AwsWorld} serialises access.
 */
final class FunctionStore {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Reservation by function name; a null value means the function draws on the unreserved pool. */
    private final Map<String, Integer> reservations = new LinkedHashMap<>();
    private int accountConcurrency = 1000;
    private int minimumUnreserved = 100;

    void add(String name) {
        reservations.putIfAbsent(name, null);
    }

    Integer reservation(String name) {
        return reservations.get(name);
    }

    void reserve(String name, Integer concurrency) {
        reservations.put(name, concurrency);
    }

    void accountConcurrency(int concurrency, int unreservedMinimum) {
        this.accountConcurrency = concurrency;
        this.minimumUnreserved = unreservedMinimum;
    }

    /**
     * The function name in a {@code FunctionName} parameter: a name, or a function ARN.
     *
     * @param nameOrArn the parameter
     * @return the function's name
     */
    static String functionName(String nameOrArn) {
        String marker = ":function:";
        int at = nameOrArn.indexOf(marker);
        if (at < 0) {
            return nameOrArn;
        }
        String rest = nameOrArn.substring(at + marker.length());
        int qualifier = rest.indexOf(':');
        return qualifier < 0 ? rest : rest.substring(0, qualifier);
    }

    JsonNode execute(String operation, JsonNode input) {
        String name = functionName(input.path("FunctionName").asText(""));
        if (!reservations.containsKey(name)) {
            throw new ServiceError(404, "ResourceNotFoundException", "Function not found: "
                    + "arn:aws:lambda:us-east-1:123456789012:function:" + name);
        }
        return switch (operation) {
            case "PutFunctionConcurrency" -> put(name, input);
            case "DeleteFunctionConcurrency" -> {
                reservations.put(name, null);
                yield NODES.objectNode();
            }
            case "GetFunctionConcurrency" -> {
                ObjectNode output = NODES.objectNode();
                Integer reserved = reservations.get(name);
                if (reserved != null) {
                    output.put("ReservedConcurrentExecutions", reserved);
                }
                yield output;
            }
            default -> throw new ServiceError(400, "InvalidParameterValueException", "Unsupported operation " + operation);
        };
    }

    private JsonNode put(String name, JsonNode input) {
        JsonNode value = input.get("ReservedConcurrentExecutions");
        if (value == null || !value.canConvertToInt() || value.intValue() < 0) {
            throw new ServiceError(400, "InvalidParameterValueException",
                    "ReservedConcurrentExecutions must be a whole number of at least 0");
        }
        int requested = value.intValue();
        int reservedByOthers = 0;
        for (Map.Entry<String, Integer> entry : reservations.entrySet()) {
            if (!entry.getKey().equals(name) && entry.getValue() != null) {
                reservedByOthers += entry.getValue();
            }
        }
        if (accountConcurrency - reservedByOthers - requested < minimumUnreserved) {
            throw new ServiceError(400, "InvalidParameterValueException", "Specified ReservedConcurrentExecutions "
                    + "for function decreases account's UnreservedConcurrentExecution below its minimum value of ["
                    + minimumUnreserved + "].");
        }
        reservations.put(name, requested);
        ObjectNode output = NODES.objectNode();
        output.put("ReservedConcurrentExecutions", requested);
        return output;
    }
}
