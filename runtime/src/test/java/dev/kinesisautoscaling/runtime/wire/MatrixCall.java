package dev.kinesisautoscaling.runtime.wire;

import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.runtime.fakes.AwsCalls;

/**
 * One AWS call that a fault matrix strikes: a call of the scaling path
 * ({@link FaultMatrix.PathCall}) or of the reconciliation path
 * ({@link ReconciliationFaultMatrix.ReconciliationCall}).
 */
public interface MatrixCall {

    /** The resource of the struck pair that a call is about. */
    enum Resource {
        /** The scale-up alarm ({@code DescribeAlarms} names it first). */
        SCALE_UP_ALARM,
        /** The scale-down alarm. */
        SCALE_DOWN_ALARM,
        /** The stream. */
        STREAM,
        /** The consumer function. */
        CONSUMER;

        /**
         * The name by which the local endpoint records requests about this resource of a stream's pair.
         *
         * @param stream the stream's name
         * @param policy the stream's policy, for its consumer
         * @return the alarm's, stream's or function's name
         */
        public String nameIn(String stream, WireFixtures.Policy policy) {
            return switch (this) {
                case SCALE_UP_ALARM -> stream + AlarmContract.SCALE_UP_SUFFIX;
                case SCALE_DOWN_ALARM -> stream + AlarmContract.SCALE_DOWN_SUFFIX;
                case STREAM -> stream;
                case CONSUMER -> policy.consumerFunction;
            };
        }
    }

    /**
     * The AWS operation.
     *
     * @return the operation's name
     */
    String operation();

    /**
     * Which call of the operation, within the invocation the fault is injected into, this is.
     *
     * @return the call number, from 1
     */
    int callNumber();

    /**
     * What the call is about.
     *
     * @return the resource
     */
    Resource resource();

    /**
     * A readable name.
     *
     * @return the description
     */
    String description();

    /**
     * Whether the call changes something, so that a fault after its effect differs from one before.
     *
     * @return true for writes
     */
    default boolean mutating() {
        return AwsCalls.MUTATING.contains(operation());
    }

    /**
     * Whether the call reserves the consumer's concurrency.
     *
     * @return true for {@code PutFunctionConcurrency}
     */
    default boolean reservesConsumer() {
        return operation().equals("PutFunctionConcurrency");
    }

    /**
     * Whether the call removes the consumer's reservation, which the paths do only after Lambda
     * refused a new one.
     *
     * @return true for {@code DeleteFunctionConcurrency}
     */
    default boolean unreservesConsumer() {
        return operation().equals("DeleteFunctionConcurrency");
    }
}
