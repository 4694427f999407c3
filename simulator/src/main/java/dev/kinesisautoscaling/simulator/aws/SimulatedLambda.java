package dev.kinesisautoscaling.simulator.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyResponse;

/**
 * An in-memory Lambda that keeps the reserved concurrency of consumer functions, for alarm pairs
 * tagged with a consumer function. Every reservation is granted: the account's unreserved pool is
 * not modelled.
 */
public final class SimulatedLambda implements LambdaClient {

    private final Map<String, Integer> reserved = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    /**
     * A function's reserved concurrency.
     *
     * @param functionName the function's name or ARN, as the caller gave it
     * @return the reservation, or null when the function uses the unreserved pool
     */
    public Integer reservedConcurrency(String functionName) {
        return reserved.get(functionName);
    }

    /**
     * The calls made, oldest first, as {@code Operation function=value}.
     *
     * @return the calls
     */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public PutFunctionConcurrencyResponse putFunctionConcurrency(PutFunctionConcurrencyRequest request) {
        reserved.put(request.functionName(), request.reservedConcurrentExecutions());
        calls.add("PutFunctionConcurrency " + request.functionName() + "=" + request.reservedConcurrentExecutions());
        return PutFunctionConcurrencyResponse.builder()
                .reservedConcurrentExecutions(request.reservedConcurrentExecutions()).build();
    }

    @Override
    public DeleteFunctionConcurrencyResponse deleteFunctionConcurrency(DeleteFunctionConcurrencyRequest request) {
        reserved.remove(request.functionName());
        calls.add("DeleteFunctionConcurrency " + request.functionName());
        return DeleteFunctionConcurrencyResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "lambda";
    }

    @Override
    public void close() {
        // Nothing to release: everything is in memory.
    }
}
