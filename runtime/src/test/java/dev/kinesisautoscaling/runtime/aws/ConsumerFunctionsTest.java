package dev.kinesisautoscaling.runtime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinesisautoscaling.runtime.scaling.ConsumerConcurrency;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyResponse;

class ConsumerFunctionsTest {

    private static final ConsumerConcurrency CONSUMER =
            new ConsumerConcurrency("arn:aws:lambda:us-east-1:123456789012:function:orders-consumer", 2);

    /** Answers PutFunctionConcurrency and DeleteFunctionConcurrency with the given failures, or success when null. */
    private static final class ScriptedLambda implements LambdaClient {
        private final AwsServiceException putFailure;
        private final AwsServiceException deleteFailure;
        private final List<String> calls = new ArrayList<>();

        ScriptedLambda(AwsServiceException putFailure, AwsServiceException deleteFailure) {
            this.putFailure = putFailure;
            this.deleteFailure = deleteFailure;
        }

        @Override
        public PutFunctionConcurrencyResponse putFunctionConcurrency(PutFunctionConcurrencyRequest request) {
            calls.add("Put " + request.reservedConcurrentExecutions());
            if (putFailure != null) {
                throw putFailure;
            }
            return PutFunctionConcurrencyResponse.builder().reservedConcurrentExecutions(request.reservedConcurrentExecutions()).build();
        }

        @Override
        public DeleteFunctionConcurrencyResponse deleteFunctionConcurrency(DeleteFunctionConcurrencyRequest request) {
            calls.add("Delete");
            if (deleteFailure != null) {
                throw deleteFailure;
            }
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

    private static AwsServiceException answer(int status, String message) {
        return LambdaException.builder().statusCode(status).message(message).build();
    }

    @Test
    void setsTheReservationForTheShardCount() {
        ScriptedLambda lambda = new ScriptedLambda(null, null);

        ConsumerFunctions.Result result = new ConsumerFunctions(lambda).follow(CONSUMER, 4);

        assertThat(result.reservation()).isEqualTo(ConsumerFunctions.Reservation.SET);
        assertThat(result.reservedConcurrency()).isEqualTo(8);
        assertThat(lambda.calls).containsExactly("Put 8");
    }

    @Test
    void removesAReservationLambdaRefuses() {
        ScriptedLambda lambda = new ScriptedLambda(answer(400, "not enough unreserved concurrency"), null);

        ConsumerFunctions.Result result = new ConsumerFunctions(lambda).follow(CONSUMER, 4);

        assertThat(result.reservation()).isEqualTo(ConsumerFunctions.Reservation.REMOVED);
        assertThat(result.refusal()).contains("not enough unreserved concurrency");
        assertThat(lambda.calls).containsExactly("Put 8", "Delete");
    }

    @Test
    void reportsARefusedRemovalInsteadOfThrowingSoThatTheAlarmsAreStillRewritten() {
        ScriptedLambda lambda = new ScriptedLambda(answer(403, "not authorized to put"), answer(403, "not authorized to delete"));

        ConsumerFunctions.Result result = new ConsumerFunctions(lambda).follow(CONSUMER, 4);

        assertThat(result.reservation()).isEqualTo(ConsumerFunctions.Reservation.UNCHANGED);
        assertThat(result.refusal()).contains("not authorized to put").contains("not authorized to delete");
    }

    @Test
    void throwsWhenTheRemovalStaysThrottledKeepingTheFirstRefusal() {
        AwsServiceException refusal = answer(400, "not enough unreserved concurrency");
        AwsServiceException throttled = answer(429, "Rate exceeded");
        ConsumerFunctions consumers = new ConsumerFunctions(new ScriptedLambda(refusal, throttled));

        assertThatThrownBy(() -> consumers.follow(CONSUMER, 4))
                .isSameAs(throttled)
                .satisfies(thrown -> assertThat(thrown.getSuppressed()).containsExactly(refusal));
    }

    @Test
    void throwsWithoutRemovingWhenTheOutcomeOfTheReservationIsUnknown() {
        AwsServiceException serverError = answer(500, "internal error");
        ScriptedLambda lambda = new ScriptedLambda(serverError, null);

        assertThatThrownBy(() -> new ConsumerFunctions(lambda).follow(CONSUMER, 4)).isSameAs(serverError);
        assertThat(lambda.calls).containsExactly("Put 8");
    }

    @Test
    void throwsWhenTheOutcomeOfTheRemovalIsUnknown() {
        AwsServiceException refusal = answer(400, "not enough unreserved concurrency");
        AwsServiceException serverError = answer(503, "unavailable");
        ConsumerFunctions consumers = new ConsumerFunctions(new ScriptedLambda(refusal, serverError));

        assertThatThrownBy(() -> consumers.follow(CONSUMER, 4))
                .isSameAs(serverError)
                .satisfies(thrown -> assertThat(thrown.getSuppressed()).containsExactly(refusal));
    }
}
