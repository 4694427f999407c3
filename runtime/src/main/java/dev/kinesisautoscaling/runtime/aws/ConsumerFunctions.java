package dev.kinesisautoscaling.runtime.aws;

import dev.kinesisautoscaling.runtime.scaling.ConsumerConcurrency;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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

    private static boolean isRefusal(AwsServiceException failure) {
        return failure.statusCode() >= 400 && failure.statusCode() < 500;
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
     * <p>When Lambda refuses the reservation (an answer in the 4xx range after the SDK's retries:
     * not enough unreserved concurrency in the account, access denied, throttling) it is removed
     * instead: the consumer then draws on the unreserved pool rather than staying capped below what
     * the new shard count needs. A failure whose outcome is unknown (a server error, a lost answer)
     * is thrown, so that the next notification or reconciliation sets the reservation.
     *
     * @param consumer the consumer function and its concurrency per shard
     * @param shardCount the stream's new shard count
     * @return whether the reservation was set, or removed after a refusal
     * @throws SdkException when the outcome is unknown, or the reservation could neither be set nor removed
     */
    public Result follow(ConsumerConcurrency consumer, int shardCount) {
        int reserved = consumer.reservedFor(shardCount);
        try {
            lambda.putFunctionConcurrency(r -> r.functionName(consumer.functionArn()).reservedConcurrentExecutions(reserved));
            return new Result(true, reserved, null);
        } catch (AwsServiceException failure) {
            if (!isRefusal(failure)) {
                throw failure;
            }
            lambda.deleteFunctionConcurrency(r -> r.functionName(consumer.functionArn()));
            return new Result(false, reserved, failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
    }
}
