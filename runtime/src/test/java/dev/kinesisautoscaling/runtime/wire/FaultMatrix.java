package dev.kinesisautoscaling.runtime.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of the fault matrix: every AWS call of the scaling path of a scale-up from 2 to 4
 * shards, crossed with every fault that applies to it, before and after the call's effect where
 * that differs.
 */
public final class FaultMatrix {

    /** One AWS call of the scaling path, in the order the handler makes them. */
    public enum PathCall implements MatrixCall {
        /** Reading the policy from the triggering alarm's tags. */
        TRIGGERING_ALARM_TAGS("ListTagsForResource", 1, Resource.SCALE_UP_ALARM, "ListTagsForResource of the triggering alarm"),
        /** Reading both alarms. */
        ALARM_PAIR("DescribeAlarms", 1, Resource.SCALE_UP_ALARM, "DescribeAlarms"),
        /** Reading the stream's status and shard count. */
        STREAM_SUMMARY("DescribeStreamSummary", 1, Resource.STREAM, "DescribeStreamSummary"),
        /** Reading the complementary alarm's tags (its half of the scaling history). */
        COMPLEMENTARY_ALARM_TAGS("ListTagsForResource", 2, Resource.SCALE_DOWN_ALARM, "ListTagsForResource of the complementary alarm"),
        /** Writing the scaling history onto the scale-up alarm. */
        TAG_SCALE_UP_ALARM("TagResource", 1, Resource.SCALE_UP_ALARM, "TagResource of the scale-up alarm"),
        /** Writing the scaling history onto the scale-down alarm. */
        TAG_SCALE_DOWN_ALARM("TagResource", 2, Resource.SCALE_DOWN_ALARM, "TagResource of the scale-down alarm"),
        /** Resharding the stream. */
        UPDATE_SHARD_COUNT("UpdateShardCount", 1, Resource.STREAM, "UpdateShardCount"),
        /** Reserving the consumer's concurrency for the new count. */
        RESERVE_CONSUMER("PutFunctionConcurrency", 1, Resource.CONSUMER, "PutFunctionConcurrency"),
        /** Removing the consumer's reservation after Lambda refused the new one (account limit). */
        UNRESERVE_CONSUMER("DeleteFunctionConcurrency", 1, Resource.CONSUMER, "DeleteFunctionConcurrency after a refused reservation"),
        /** Rewriting the scale-up alarm for the new count. */
        REWRITE_SCALE_UP_ALARM("PutMetricAlarm", 1, Resource.SCALE_UP_ALARM, "PutMetricAlarm of the scale-up alarm"),
        /** Rewriting the scale-down alarm for the new count. */
        REWRITE_SCALE_DOWN_ALARM("PutMetricAlarm", 2, Resource.SCALE_DOWN_ALARM, "PutMetricAlarm of the scale-down alarm"),
        /** Resetting the scale-up alarm. */
        RESET_SCALE_UP_ALARM("SetAlarmState", 1, Resource.SCALE_UP_ALARM, "SetAlarmState of the scale-up alarm"),
        /** Resetting the scale-down alarm. */
        RESET_SCALE_DOWN_ALARM("SetAlarmState", 2, Resource.SCALE_DOWN_ALARM, "SetAlarmState of the scale-down alarm");

        private final String operation;
        private final int callNumber;
        private final Resource resource;
        private final String description;

        PathCall(String operation, int callNumber, Resource resource, String description) {
            this.operation = operation;
            this.callNumber = callNumber;
            this.resource = resource;
            this.description = description;
        }

        @Override
        public String operation() {
            return operation;
        }

        @Override
        public int callNumber() {
            return callNumber;
        }

        @Override
        public Resource resource() {
            return resource;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** One fault as the matrix applies it. */
    public enum FaultCase {
        /** Throttled once, then the SDK's retry goes through. */
        THROTTLING_THAT_CLEARS(FaultKind.THROTTLING, 1, Fault.Timing.BEFORE_EFFECT, "throttling that clears"),
        /** Throttled on every attempt. */
        THROTTLING_THAT_PERSISTS(FaultKind.THROTTLING, Fault.ALL_REQUESTS, Fault.Timing.BEFORE_EFFECT, "throttling that does not clear"),
        /** HTTP 500 on every attempt, nothing done. */
        SERVER_ERROR(FaultKind.SERVER_ERROR, Fault.ALL_REQUESTS, Fault.Timing.BEFORE_EFFECT, "HTTP 500"),
        /** HTTP 500 on every attempt, each attempt done. */
        SERVER_ERROR_AFTER_EFFECT(FaultKind.SERVER_ERROR, Fault.ALL_REQUESTS, Fault.Timing.AFTER_EFFECT, "HTTP 500 after the effect"),
        /** Connection reset on every attempt, nothing done. */
        CONNECTION_RESET(FaultKind.CONNECTION_RESET, Fault.ALL_REQUESTS, Fault.Timing.BEFORE_EFFECT, "connection reset"),
        /** Connection reset on every attempt, each attempt done. */
        CONNECTION_RESET_AFTER_EFFECT(FaultKind.CONNECTION_RESET, Fault.ALL_REQUESTS, Fault.Timing.AFTER_EFFECT, "connection reset after the effect"),
        /** No response on any attempt, nothing done. */
        NO_RESPONSE(FaultKind.NO_RESPONSE, Fault.ALL_REQUESTS, Fault.Timing.BEFORE_EFFECT, "response that never comes"),
        /** No response on any attempt, each attempt done. */
        NO_RESPONSE_AFTER_EFFECT(FaultKind.NO_RESPONSE, Fault.ALL_REQUESTS, Fault.Timing.AFTER_EFFECT, "response that never comes after the effect"),
        /** Access denied. */
        ACCESS_DENIED(FaultKind.ACCESS_DENIED, Fault.ALL_REQUESTS, Fault.Timing.BEFORE_EFFECT, "access denied"),
        /** Kinesis says the stream is in use. */
        RESOURCE_IN_USE(FaultKind.RESOURCE_IN_USE, Fault.ALL_REQUESTS, Fault.Timing.BEFORE_EFFECT, "ResourceInUseException");

        private final FaultKind kind;
        private final int requests;
        private final Fault.Timing timing;
        private final String description;

        FaultCase(FaultKind kind, int requests, Fault.Timing timing, String description) {
            this.kind = kind;
            this.requests = requests;
            this.timing = timing;
            this.description = description;
        }

        /**
         * Whether Lambda answers the fault with a refusal (a 4xx answer after the SDK's retries), as
         * opposed to a failure whose outcome is unknown.
         *
         * @return true for throttling that persists and access denied
         */
        public boolean isRefusal() {
            return this == THROTTLING_THAT_PERSISTS || this == ACCESS_DENIED;
        }

        /**
         * Whether the fault applies to a call: Kinesis' {@code ResourceInUseException} belongs to
         * {@code UpdateShardCount}, which only the scaling path calls; a fault after the effect
         * only differs from one before for writes.
         *
         * @param call the call
         * @return true when the combination is a cell of a matrix
         */
        public boolean appliesTo(MatrixCall call) {
            if (kind == FaultKind.RESOURCE_IN_USE) {
                return call.operation().equals("UpdateShardCount");
            }
            return timing == Fault.Timing.BEFORE_EFFECT || call.mutating();
        }

        /**
         * Whether the SDK's retry gets the call through in the end.
         *
         * @return true for throttling that clears
         */
        public boolean clears() {
            return requests != Fault.ALL_REQUESTS;
        }

        /**
         * Whether the path carries on as if the call had succeeded: the SDK's retry got it
         * through; Lambda refused a consumer reservation, which the path answers by removing the
         * reservation; or Lambda refused that removal for good (not throttling), which leaves the
         * old reservation, counted, because retrying cannot change it.
         *
         * @param call the call struck
         * @return true when the fault does not make the call fail
         */
        public boolean isAbsorbedAt(MatrixCall call) {
            return clears() || call.reservesConsumer() && isRefusal() || call.unreservesConsumer() && this == ACCESS_DENIED;
        }

        /**
         * The fault on a call.
         *
         * @param call the call
         * @return the fault to inject
         */
        public Fault on(MatrixCall call) {
            return new Fault(call.operation(), call.callNumber(), kind, timing, requests);
        }

        /**
         * A readable name.
         *
         * @return the description
         */
        public String description() {
            return description;
        }
    }

    /**
     * One cell.
     *
     * @param call the call struck, or null for the cell without fault
     * @param fault the fault, or null for the cell without fault
     */
    public record Cell(PathCall call, FaultCase fault) {

        /**
         * The outcome the contract prescribes for the first delivery of the notification.
         *
         * <p>Throttling that clears is absorbed by the SDK. A refused consumer reservation is
         * replaced by removing it without failing, and a removal refused for good leaves the old
         * one without failing; a reservation or removal whose outcome is unknown, or that stays
         * throttled, fails, so that the redelivery's repair sets it. Kinesis' {@code LimitExceededException}
         * on {@code UpdateShardCount} is the daily limit's answer and its
         * {@code ResourceInUseException} a busy stream; neither fails. Every other failed
         * call fails the invocation after the alarm was set to {@code OK}.
         *
         * @return the outcome's name
         */
        public String expectedFirstOutcome() {
            if (fault == null || fault.isAbsorbedAt(call)) {
                return "SCALED_UP";
            }
            if (call == PathCall.UPDATE_SHARD_COUNT && fault == FaultCase.THROTTLING_THAT_PERSISTS) {
                return "LIMIT_EXCEEDED";
            }
            if (call == PathCall.UPDATE_SHARD_COUNT && fault == FaultCase.RESOURCE_IN_USE) {
                return "STREAM_BUSY";
            }
            return "FAILED";
        }

        /**
         * Whether the scenario makes Lambda refuse the new reservation, so that
         * {@code DeleteFunctionConcurrency} is on the path.
         *
         * @return true for the cells of {@code DeleteFunctionConcurrency}
         */
        public boolean consumerReservationRefused() {
            return call != null && call.unreservesConsumer();
        }

        /**
         * Whether Lambda refuses both the new reservation and the removal of the old one for good,
         * so that the consumer keeps the reservation it had before the scaling.
         *
         * @return true for access denied on {@code DeleteFunctionConcurrency}
         */
        public boolean consumerKeepsItsOldReservation() {
            return consumerReservationRefused() && fault == FaultCase.ACCESS_DENIED;
        }

        /**
         * Whether the consumer may end without a reservation: Lambda refused the new one, by the
         * account's limit or by the fault, and the handler removed the old one instead.
         *
         * @return true for the cells of {@code DeleteFunctionConcurrency} and the refusals of
         *         {@code PutFunctionConcurrency}
         */
        public boolean consumerMayEndUnreserved() {
            return consumerReservationRefused() || call != null && call.reservesConsumer() && fault.isRefusal();
        }

        @Override
        public String toString() {
            return fault == null ? "no fault" : call.description() + ": " + fault.description();
        }
    }

    private FaultMatrix() {
    }

    /**
     * Every cell, the fault-free one first.
     *
     * @return the cells
     */
    public static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell(null, null));
        for (PathCall call : PathCall.values()) {
            for (FaultCase fault : FaultCase.values()) {
                if (fault.appliesTo(call)) {
                    cells.add(new Cell(call, fault));
                }
            }
        }
        return cells;
    }
}
