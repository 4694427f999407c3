package dev.kinesisautoscaling.runtime.fakes;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyResponse;

/** A Lambda that keeps reserved concurrency per function in memory. */
public final class FakeLambda implements LambdaClient {

    private final AwsCalls calls;
    private final Map<String, Integer> reserved = new HashMap<>();

    public FakeLambda(AwsCalls calls) {
        this.calls = calls;
    }

    /** The function's reservation, or null when it uses the unreserved pool. */
    public Integer reservedConcurrency(String functionArn) {
        return reserved.get(functionArn);
    }

    public void reserve(String functionArn, int concurrency) {
        reserved.put(functionArn, concurrency);
    }

    @Override
    public PutFunctionConcurrencyResponse putFunctionConcurrency(PutFunctionConcurrencyRequest request) {
        RuntimeException after = calls.enter("PutFunctionConcurrency", request);
        reserved.put(request.functionName(), request.reservedConcurrentExecutions());
        AwsCalls.exit(after);
        return PutFunctionConcurrencyResponse.builder()
                .reservedConcurrentExecutions(request.reservedConcurrentExecutions()).build();
    }

    @Override
    public GetFunctionConcurrencyResponse getFunctionConcurrency(GetFunctionConcurrencyRequest request) {
        RuntimeException after = calls.enter("GetFunctionConcurrency", request);
        AwsCalls.exit(after);
        return GetFunctionConcurrencyResponse.builder().reservedConcurrentExecutions(reserved.get(request.functionName())).build();
    }

    @Override
    public DeleteFunctionConcurrencyResponse deleteFunctionConcurrency(DeleteFunctionConcurrencyRequest request) {
        RuntimeException after = calls.enter("DeleteFunctionConcurrency", request);
        reserved.remove(request.functionName());
        AwsCalls.exit(after);
        return DeleteFunctionConcurrencyResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "lambda";
    }

    @Override
    public void close() {
    }
}
