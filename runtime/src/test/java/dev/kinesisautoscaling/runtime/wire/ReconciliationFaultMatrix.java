package dev.kinesisautoscaling.runtime.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of the reconciliation path's fault matrix: every AWS call that
 * {@code Reconciler.reconcile} makes for a drifted alarm pair, crossed with every fault that applies
 * to it, before and after the call's effect where that differs.
 *
 * <p>The reconciler takes one of two branches, so the calls come from two drifted worlds:
 * {@link Drift#STACK_UPDATE}, whose alarms are computed for the wrong shard count and are repaired
 * as a whole, and {@link Drift#QUIET_DRIFT}, whose alarms are right but whose history, consumer
 * reservation and alarm state are not. The reads before the branch are the same code in both and
 * are struck in the first.
 */
public final class ReconciliationFaultMatrix {

    /** How the world drifted before the reconciliation. */
    public enum Drift {
        /**
         * A stack update reset both alarms of the pair to the template's {@code s1} (and the
         * scale-down threshold with it), the consumer's reservation is stale and the scale-up alarm
         * has been in {@code ALARM} for 40 minutes.
         */
        STACK_UPDATE("after a stack update"),
        /**
         * The alarms are computed for the right shard count, but only one alarm of the pair
         * remembers the scaling history, the consumer's reservation is stale and the scale-up alarm
         * has been in {@code ALARM} for 40 minutes.
         */
        QUIET_DRIFT("with the alarms right but the rest drifted");

        private final String description;

        Drift(String description) {
            this.description = description;
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

    /** One AWS call of the reconciliation of the first pair, in the order the reconciler makes them. */
    public enum ReconciliationCall implements MatrixCall {
        /** Reading both alarms of the pair. */
        DESCRIBE_PAIR(Resource.SCALE_UP_ALARM, Drift.STACK_UPDATE, "DescribeAlarms", 1, "DescribeAlarms"),
        /** Reading the scale-up alarm's tags (policy and history). */
        SCALE_UP_ALARM_TAGS(Resource.SCALE_UP_ALARM, Drift.STACK_UPDATE, "ListTagsForResource", 1, "ListTagsForResource of the scale-up alarm"),
        /** Reading the scale-down alarm's tags (its half of the history). */
        SCALE_DOWN_ALARM_TAGS(Resource.SCALE_DOWN_ALARM, Drift.STACK_UPDATE, "ListTagsForResource", 2, "ListTagsForResource of the scale-down alarm"),
        /** Reading the stream's status and open shard count. */
        STREAM_SUMMARY(Resource.STREAM, Drift.STACK_UPDATE, "DescribeStreamSummary", 1, "DescribeStreamSummary"),
        /** Reserving the consumer's concurrency for the stream's shard count, first step of a repair. */
        REPAIR_RESERVE_CONSUMER(Resource.CONSUMER, Drift.STACK_UPDATE, "PutFunctionConcurrency", 1, "PutFunctionConcurrency"),
        /** Removing the consumer's reservation after Lambda refused the new one. */
        REPAIR_UNRESERVE_CONSUMER(Resource.CONSUMER, Drift.STACK_UPDATE, "DeleteFunctionConcurrency", 1,
                "DeleteFunctionConcurrency after a refused reservation"),
        /** Writing the repair into the scale-up alarm's history. */
        REPAIR_TAG_SCALE_UP_ALARM(Resource.SCALE_UP_ALARM, Drift.STACK_UPDATE, "TagResource", 1, "TagResource of the scale-up alarm"),
        /** Writing the repair into the scale-down alarm's history. */
        REPAIR_TAG_SCALE_DOWN_ALARM(Resource.SCALE_DOWN_ALARM, Drift.STACK_UPDATE, "TagResource", 2, "TagResource of the scale-down alarm"),
        /** Rewriting the scale-up alarm for the stream's shard count. */
        REWRITE_SCALE_UP_ALARM(Resource.SCALE_UP_ALARM, Drift.STACK_UPDATE, "PutMetricAlarm", 1, "PutMetricAlarm of the scale-up alarm"),
        /** Rewriting the scale-down alarm for the stream's shard count and threshold. */
        REWRITE_SCALE_DOWN_ALARM(Resource.SCALE_DOWN_ALARM, Drift.STACK_UPDATE, "PutMetricAlarm", 2, "PutMetricAlarm of the scale-down alarm"),
        /** Resetting the scale-up alarm, which also ends its 40 minutes in {@code ALARM}. */
        RESET_SCALE_UP_ALARM(Resource.SCALE_UP_ALARM, Drift.STACK_UPDATE, "SetAlarmState", 1, "SetAlarmState of the scale-up alarm"),
        /** Resetting the scale-down alarm. */
        RESET_SCALE_DOWN_ALARM(Resource.SCALE_DOWN_ALARM, Drift.STACK_UPDATE, "SetAlarmState", 2, "SetAlarmState of the scale-down alarm"),
        /** Writing the shared history onto the scale-up alarm. */
        HISTORY_TAG_SCALE_UP_ALARM(Resource.SCALE_UP_ALARM, Drift.QUIET_DRIFT, "TagResource", 1, "TagResource of the scale-up alarm"),
        /** Writing the shared history onto the scale-down alarm. */
        HISTORY_TAG_SCALE_DOWN_ALARM(Resource.SCALE_DOWN_ALARM, Drift.QUIET_DRIFT, "TagResource", 2, "TagResource of the scale-down alarm"),
        /** Reading the consumer's reservation. */
        READ_CONSUMER(Resource.CONSUMER, Drift.QUIET_DRIFT, "GetFunctionConcurrency", 1, "GetFunctionConcurrency"),
        /** Setting the consumer's reservation for the shard count. */
        FOLLOW_RESERVE_CONSUMER(Resource.CONSUMER, Drift.QUIET_DRIFT, "PutFunctionConcurrency", 1, "PutFunctionConcurrency"),
        /** Removing the consumer's reservation after Lambda refused the new one. */
        FOLLOW_UNRESERVE_CONSUMER(Resource.CONSUMER, Drift.QUIET_DRIFT, "DeleteFunctionConcurrency", 1,
                "DeleteFunctionConcurrency after a refused reservation"),
        /** Resetting the scale-up alarm that has been in {@code ALARM} for 40 minutes. */
        RESET_STUCK_ALARM(Resource.SCALE_UP_ALARM, Drift.QUIET_DRIFT, "SetAlarmState", 1, "SetAlarmState of the stuck scale-up alarm");

        private final Resource resource;
        private final Drift drift;
        private final String operation;
        private final int callNumber;
        private final String description;

        ReconciliationCall(Resource resource, Drift drift, String operation, int callNumber, String description) {
            this.resource = resource;
            this.drift = drift;
            this.operation = operation;
            this.callNumber = callNumber;
            this.description = description;
        }

        @Override
        public Resource resource() {
            return resource;
        }

        /**
         * The drifted world in which the reconciler makes this call.
         *
         * @return the drift
         */
        public Drift drift() {
            return drift;
        }

        @Override
        public String operation() {
            return operation;
        }

        /**
         * {@inheritDoc} The struck pair is reconciled first.
         */
        @Override
        public int callNumber() {
            return callNumber;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /**
     * One cell.
     *
     * @param drift the drifted world
     * @param call the call struck, or null for the drift's cell without fault
     * @param fault the fault, or null for the drift's cell without fault
     */
    public record Cell(Drift drift, ReconciliationCall call, FaultMatrix.FaultCase fault) {

        /**
         * The outcome of the struck pair in the first reconciliation.
         *
         * <p>Throttling that clears is absorbed by the SDK. A consumer reservation that Lambda
         * refuses is replaced by removing it, which is not a failure; one whose outcome is unknown
         * fails, and the next reconciliation sets it. Every other failed
         * call ends the pair in {@code FAILED}, and the invocation fails once the other pair was
         * checked.
         *
         * @return the outcome's name
         */
        public String expectedFirstOutcome() {
            if (fault == null || fault.isAbsorbedAt(call)) {
                return "REPAIRED";
            }
            return "FAILED";
        }

        /**
         * Whether Lambda refuses the new reservations in the first reconciliation (the account's
         * unreserved concurrency would fall below its minimum), so that
         * {@code DeleteFunctionConcurrency} is on the path.
         *
         * @return true for the cells of {@code DeleteFunctionConcurrency}
         */
        public boolean consumerReservationRefused() {
            return call != null && call.unreservesConsumer();
        }

        /**
         * The fault to inject, or null.
         *
         * @return the fault
         */
        public Fault injected() {
            return fault == null ? null : fault.on(call);
        }

        @Override
        public String toString() {
            return "reconciliation " + drift.description() + ": "
                    + (fault == null ? "no fault" : call.description() + ": " + fault.description());
        }
    }

    private ReconciliationFaultMatrix() {
    }

    /**
     * Every cell: per drift the fault-free one first, then each call with each fault that applies.
     *
     * @return the cells
     */
    public static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Drift drift : Drift.values()) {
            cells.add(new Cell(drift, null, null));
            for (ReconciliationCall call : ReconciliationCall.values()) {
                if (call.drift() != drift) {
                    continue;
                }
                for (FaultMatrix.FaultCase fault : FaultMatrix.FaultCase.values()) {
                    if (fault.appliesTo(call)) {
                        cells.add(new Cell(drift, call, fault));
                    }
                }
            }
        }
        return cells;
    }
}
