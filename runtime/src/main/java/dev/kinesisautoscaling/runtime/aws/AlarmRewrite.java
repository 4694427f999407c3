package dev.kinesisautoscaling.runtime.aws;

import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.runtime.scaling.AlarmConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * Rewrites a deployed alarm for a new shard count.
 *
 * <p>The alarm is read and only two things change: the expression of the constant {@code s1} and,
 * when asked, the threshold. Everything else (actions, description, metrics, periods,
 * missing-data treatment) is copied from what CloudWatch returned, so nothing that an operator or
 * the template set is lost, and the metric math is never rebuilt from a second copy.
 */
public final class AlarmRewrite {

    private AlarmRewrite() {
    }

    /**
     * The shard count an alarm's metric math was computed for: the value of its constant {@code s1}.
     *
     * @param alarm the alarm as CloudWatch describes it
     * @return the shard count
     * @throws AlarmConfigurationException when the alarm has no {@code s1} holding a positive whole number
     */
    public static int shardCount(MetricAlarm alarm) {
        for (MetricDataQuery query : alarm.metrics()) {
            if (AlarmContract.SHARD_COUNT_METRIC_ID.equals(query.id())) {
                String expression = query.expression() == null ? "" : query.expression().trim();
                try {
                    double value = Double.parseDouble(expression);
                    if (value >= 1 && value <= Integer.MAX_VALUE && value == Math.rint(value)) {
                        return (int) value;
                    }
                } catch (NumberFormatException e) {
                    // reported below with the value
                }
                throw new AlarmConfigurationException("alarm " + alarm.alarmName() + " has metric "
                        + AlarmContract.SHARD_COUNT_METRIC_ID + " = '" + query.expression()
                        + "'; it must be a positive whole number, the shard count");
            }
        }
        throw new AlarmConfigurationException("alarm " + alarm.alarmName() + " has no metric with id "
                + AlarmContract.SHARD_COUNT_METRIC_ID + ": it is not a scaling alarm of this library");
    }

    /**
     * The stream an alarm watches: the {@code StreamName} dimension of its {@code AWS/Kinesis} metrics.
     *
     * @param alarm the alarm as CloudWatch describes it
     * @return the stream's name
     * @throws AlarmConfigurationException when no Kinesis metric of the alarm names a stream
     */
    public static String streamName(MetricAlarm alarm) {
        for (MetricDataQuery query : alarm.metrics()) {
            if (query.metricStat() == null || query.metricStat().metric() == null
                    || !"AWS/Kinesis".equals(query.metricStat().metric().namespace())) {
                continue;
            }
            for (software.amazon.awssdk.services.cloudwatch.model.Dimension dimension
                    : query.metricStat().metric().dimensions()) {
                if ("StreamName".equals(dimension.name()) && dimension.value() != null && !dimension.value().isBlank()) {
                    return dimension.value();
                }
            }
        }
        throw new AlarmConfigurationException("alarm " + alarm.alarmName()
                + " has no AWS/Kinesis metric with a StreamName dimension");
    }

    /**
     * The {@code PutMetricAlarm} request that rewrites an alarm for a new shard count.
     *
     * @param alarm the alarm as CloudWatch describes it
     * @param shardCount the new value of {@code s1}
     * @param threshold the new threshold, or empty to keep the current one
     * @return the request, equal to the alarm in every other property
     */
    public static PutMetricAlarmRequest forShardCount(MetricAlarm alarm, int shardCount, OptionalDouble threshold) {
        shardCount(alarm);
        List<MetricDataQuery> metrics = new ArrayList<>();
        for (MetricDataQuery query : alarm.metrics()) {
            if (AlarmContract.SHARD_COUNT_METRIC_ID.equals(query.id())) {
                metrics.add(query.toBuilder().expression(Integer.toString(shardCount)).build());
            } else {
                metrics.add(query);
            }
        }
        return PutMetricAlarmRequest.builder()
                .alarmName(alarm.alarmName())
                .alarmDescription(alarm.alarmDescription())
                .actionsEnabled(alarm.actionsEnabled())
                .okActions(alarm.hasOkActions() ? alarm.okActions() : null)
                .alarmActions(alarm.hasAlarmActions() ? alarm.alarmActions() : null)
                .insufficientDataActions(alarm.hasInsufficientDataActions() ? alarm.insufficientDataActions() : null)
                .metricName(alarm.metricName())
                .namespace(alarm.namespace())
                .statistic(alarm.statisticAsString())
                .extendedStatistic(alarm.extendedStatistic())
                .dimensions(alarm.hasDimensions() ? alarm.dimensions() : null)
                .period(alarm.period())
                .unit(alarm.unitAsString())
                .evaluationPeriods(alarm.evaluationPeriods())
                .datapointsToAlarm(alarm.datapointsToAlarm())
                .threshold(threshold.isPresent() ? Double.valueOf(threshold.getAsDouble()) : alarm.threshold())
                .comparisonOperator(alarm.comparisonOperatorAsString())
                .treatMissingData(alarm.treatMissingData())
                .evaluateLowSampleCountPercentile(alarm.evaluateLowSampleCountPercentile())
                .metrics(metrics)
                .thresholdMetricId(alarm.thresholdMetricId())
                .evaluationWindow(alarm.evaluationWindow())
                .warmUpConfiguration(alarm.warmUpConfiguration())
                .evaluationCriteria(alarm.evaluationCriteria())
                .evaluationInterval(alarm.evaluationInterval())
                .actionConfiguration(alarm.actionConfiguration())
                .build();
    }
}
