package dev.kinesisautoscaling.runtime.scaling;

import dev.kinesisautoscaling.contract.MetricContract;

/**
 * How the Lambda dealt with one notification; each outcome is counted in its own metric.
 */
public enum Outcome {
    /** The stream was scaled up and its alarms rewritten. */
    SCALED_UP("ScaledUp", Severity.INFO),
    /** The stream was scaled down and its alarms rewritten. */
    SCALED_DOWN("ScaledDown", Severity.INFO),
    /** The alarms did not match the stream's shard count and were rewritten without scaling. */
    REPAIRED("AlarmsRepaired", Severity.WARN),
    /** Reconciliation found the alarm pair true to its stream; nothing was changed. */
    CONSISTENT("AlarmPairsConsistent", Severity.INFO),
    /** The notification was already acted on (duplicate delivery, retry or an older state change). */
    STALE("StaleNotifications", Severity.INFO),
    /** The stream is at the bound the alarm asks to cross; nothing to do. */
    AT_BOUND("AtShardCountBound", Severity.INFO),
    /** The daily {@code UpdateShardCount} budget has no call left for this direction. */
    BUDGET_EXHAUSTED("DailyBudgetExhausted", Severity.WARN),
    /** Kinesis refused the call with {@code LimitExceededException}. */
    LIMIT_EXCEEDED(MetricContract.SCALING_LIMIT_EXCEEDED, Severity.WARN),
    /** The stream is not {@code ACTIVE}; the alarm was set to {@code OK} so that it notifies again. */
    STREAM_BUSY("StreamBusy", Severity.INFO),
    /** The stream is in on-demand mode, which Kinesis scales by itself. */
    ON_DEMAND("OnDemandStreamSkipped", Severity.WARN),
    /** Dry run: the decision was logged and nothing was changed but the alarm's state. */
    DRY_RUN("DryRunDecisions", Severity.INFO),
    /** The alarm entered a state other than {@code ALARM}. */
    IGNORED("IgnoredNotifications", Severity.INFO),
    /** The SNS record is not an alarm notification the Lambda can act on. */
    INVALID_NOTIFICATION(MetricContract.INVALID_NOTIFICATIONS, Severity.ERROR),
    /** The alarm pair's tags or metric math cannot be acted on. */
    INVALID_CONFIGURATION(MetricContract.INVALID_CONFIGURATIONS, Severity.ERROR),
    /** An AWS call failed; the invocation fails and the alarm is set to {@code OK}. */
    FAILED(MetricContract.SCALING_FAILURES, Severity.ERROR),
    /** Reconciliation ran out of time before this pair; the next run starts elsewhere in the list. */
    DEFERRED("ReconciliationsDeferred", Severity.WARN);

    /** How loudly an outcome is logged. */
    public enum Severity {
        /** Routine. */
        INFO,
        /** Worth a look. */
        WARN,
        /** Needs an operator. */
        ERROR
    }

    private final String metricName;
    private final Severity severity;

    Outcome(String metricName, Severity severity) {
        this.metricName = metricName;
        this.severity = severity;
    }

    /**
     * The name of the metric that counts this outcome.
     *
     * @return a metric name in the library's namespace
     */
    public String metricName() {
        return metricName;
    }

    /**
     * How loudly this outcome is logged.
     *
     * @return the log level of the decision line
     */
    public Severity severity() {
        return severity;
    }
}
