package dev.kinesisautoscaling.runtime.aws;

import dev.kinesisautoscaling.runtime.scaling.ConsumerConcurrency;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The Lambda calls of the scaling Lambda: a consumer function's reserved concurrency. */
public final class ConsumerFunctions {

    /**
     * What happened to the consumer's reservation.
     *
     * @param reserved whether the reservation now equals the shard count times the per-shard concurrency
     * @param reservedConcurrency the reservation asked for
     * @param refusal why the reservation was refused, when it was
     */
    public record Result(boolean reserved, int reservedConcurrency, String refusal) {
    }

    private final LambdaClient lambda;

    /**
     * Uses the given client.
     *
     * @param lambda the Lambda client
     */
    public ConsumerFunctions(LambdaClient lambda) {
        this.lambda = lambda;
    }

    /**
     * Reads a function's reserved concurrency with {@code GetFunctionConcurrency}.
     *
     * @param functionArn the function's ARN
     * @return the reservation, or empty when the function uses the unreserved pool
     */
    public java.util.OptionalInt reservedConcurrency(String functionArn) {
        Integer reserved = lambda.getFunctionConcurrency(r -> r.functionName(functionArn)).reservedConcurrentExecutions();
        return reserved == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(reserved);
    }

    /**
     * Makes the consumer's reserved concurrency follow a shard count.
     *
     * <p>When the reservation is refused (not enough unreserved concurrency in the account, for
     * example) it is removed instead: the consumer then draws on the unreserved pool rather than
     * staying capped below what the new shard count needs.
     *
     * @param consumer the consumer function and its concurrency per shard
     * @param shardCount the stream's new shard count
     * @return whether the reservation was set, or removed after a refusal
     * @throws SdkException when the reservation could neither be set nor removed
     */
    public Result follow(ConsumerConcurrency consumer, int shardCount) {
        int reserved = consumer.reservedFor(shardCount);
        try {
            lambda.putFunctionConcurrency(r -> r.functionName(consumer.functionArn()).reservedConcurrentExecutions(reserved));
            return new Result(true, reserved, null);
        } catch (SdkException refused) {
            lambda.deleteFunctionConcurrency(r -> r.functionName(consumer.functionArn()));
            return new Result(false, reserved, refused.getClass().getSimpleName() + ": " + refused.getMessage());
        }
    }
}
