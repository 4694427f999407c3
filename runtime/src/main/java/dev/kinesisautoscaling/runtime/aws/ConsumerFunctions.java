package dev.kinesisautoscaling.runtime.aws;

import dev.kinesisautoscaling.runtime.scaling.ConsumerConcurrency;
import java.util.OptionalInt;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The Lambda calls of the scaling Lambda: a consumer function's reserved concurrency. */
public final class ConsumerFunctions {

    /** Where the consumer's reservation stands after {@link #follow}. */
    public enum Reservation {
        /** Set to the shard count times the per-shard concurrency. */
        SET,
        /** Lambda refused the new reservation, so it was removed: the consumer uses the unreserved pool. */
        REMOVED,
        /** Lambda refused both the new reservation and its removal: the old one stands. */
        UNCHANGED
    }

    /**
     * What happened to the consumer's reservation.
     *
     * @param reservation where the reservation stands
     * @param reservedConcurrency the reservation asked for
     * @param refusal why Lambda refused, when it did
     */
    public record Result(Reservation reservation, int reservedConcurrency, String refusal) {
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
    public OptionalInt reservedConcurrency(String functionArn) {
        Integer reserved = lambda.getFunctionConcurrency(r -> r.functionName(functionArn)).reservedConcurrentExecutions();
        return reserved == null ? OptionalInt.empty() : OptionalInt.of(reserved);
    }

    /**
     * Makes the consumer's reserved concurrency follow a shard count.
     *
     * <p>When Lambda refuses the reservation (an answer in the 4xx range after the SDK's retries:
     * not enough unreserved concurrency in the account, access denied, a function that no longer
     * exists) it is removed instead: the consumer then draws on the unreserved pool rather than
     * staying capped below what the new shard count needs. When the removal is refused too (access
     * denied, no such function), that is reported, not thrown: retrying cannot change it, and the
     * alarm pair must still be brought to the stream. A failure whose outcome is unknown (a server
     * error, a lost answer) or a removal that stayed throttled is thrown, so that the next
     * notification or reconciliation tries again.
     *
     * @param consumer the consumer function and its concurrency per shard
     * @param shardCount the stream's new shard count
     * @return where the reservation stands
     * @throws SdkException when the outcome of a call is unknown, or the removal stayed throttled
     */
    public Result follow(ConsumerConcurrency consumer, int shardCount) {
        int reserved = consumer.reservedFor(shardCount);
        try {
            lambda.putFunctionConcurrency(r -> r.functionName(consumer.functionArn()).reservedConcurrentExecutions(reserved));
            return new Result(Reservation.SET, reserved, null);
        } catch (AwsServiceException refusal) {
            if (!isRefusal(refusal)) {
                throw refusal;
            }
            try {
                lambda.deleteFunctionConcurrency(r -> r.functionName(consumer.functionArn()));
            } catch (AwsServiceException removalFailure) {
                // Throttling passes: the next notification or reconciliation can still remove the cap.
                if (!isRefusal(removalFailure) || removalFailure.isThrottlingException()) {
                    removalFailure.addSuppressed(refusal);
                    throw removalFailure;
                }
                return new Result(Reservation.UNCHANGED, reserved, describe(refusal) + "; removing the reservation was refused too: "
                        + describe(removalFailure));
            }
            return new Result(Reservation.REMOVED, reserved, describe(refusal));
        }
    }

    private static String describe(AwsServiceException failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
