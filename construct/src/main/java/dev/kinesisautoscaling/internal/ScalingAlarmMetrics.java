package dev.kinesisautoscaling.internal;

import static dev.kinesisautoscaling.internal.StreamSettings.templateText;

import dev.kinesisautoscaling.contract.AlarmContract;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;

/**
 * The metric math of a stream's alarm pair, as CloudFormation alarm metrics.
 *
 * <p>Usage is the larger of two shares of the shards' write capacity: bytes against 1 MiB/s and
 * records against 1000/s per shard. The shard count is the constant {@code s1}, the only part the
 * scaling function changes after a scaling.
 */
public final class ScalingAlarmMetrics {

    /** CloudWatch's limit of metrics in one alarm. */
    public static final int MAX_METRICS = 10;
    /** CloudWatch's limit of expressions in one alarm. */
    public static final int MAX_EXPRESSIONS = 10;

    private final String streamName;
    private final Number periodSeconds;
    private final Number shardCount;
    private final List<CfnAlarm.MetricDataQueryProperty> queries = new ArrayList<>();

    private ScalingAlarmMetrics(String streamName, Number periodSeconds, Number shardCount) {
        this.streamName = streamName;
        this.periodSeconds = periodSeconds;
        this.shardCount = shardCount;
    }

    /**
     * The scale-up alarm's metrics: returns {@code e5 = MAX([e3,e4])}.
     *
     * @param streamName the stream's name (may be a token)
     * @param periodSeconds the metric period in seconds
     * @param shardCount the shard count the alarm is computed for
     * @return the metrics, in order
     */
    public static List<CfnAlarm.MetricDataQueryProperty> scaleUp(String streamName, Number periodSeconds, Number shardCount) {
        ScalingAlarmMetrics metrics = new ScalingAlarmMetrics(streamName, periodSeconds, shardCount);
        metrics.usage();
        metrics.expression("e5", "MAX([e3,e4])", "Shard usage", true);
        return metrics.checked();
    }

    /**
     * The scale-down alarm's metrics: returns {@code e6}, the usage, or with an iterator-age block
     * the larger of the usage and {@code e5}, consumer lag scaled so that it reaches the scale-down
     * threshold when consumers are the block's minutes behind.
     *
     * @param streamName the stream's name (may be a token)
     * @param periodSeconds the metric period in seconds
     * @param shardCount the shard count the alarm is computed for
     * @param scaleDownThreshold the configured scale-down threshold
     * @param iteratorAgeBlockMinutes the block in minutes, or null when off
     * @return the metrics, in order
     */
    public static List<CfnAlarm.MetricDataQueryProperty> scaleDown(String streamName, Number periodSeconds,
                                                                    Number shardCount, Number scaleDownThreshold,
                                                                    Number iteratorAgeBlockMinutes) {
        ScalingAlarmMetrics metrics = new ScalingAlarmMetrics(streamName, periodSeconds, shardCount);
        metrics.usage();
        if (iteratorAgeBlockMinutes == null) {
            metrics.expression("e6", "MAX([e3,e4])", "Shard usage", true);
        } else {
            metrics.metric(AlarmContract.ITERATOR_AGE_METRIC_ID, "GetRecords.IteratorAgeMilliseconds", "Maximum");
            metrics.expression(AlarmContract.ITERATOR_AGE_BLOCK_METRIC_ID, templateText(iteratorAgeBlockMinutes),
                    "Iterator age block (minutes)", false);
            metrics.expression("e5", "(FILL(m3,0)/1000/60)*(" + templateText(scaleDownThreshold) + "/s2)",
                    "Consumer lag against the block", false);
            metrics.expression("e6", "MAX([e3,e4,e5])", "Shard usage or consumer lag", true);
        }
        return metrics.checked();
    }

    /**
     * Checks an alarm's metrics against CloudWatch's limits.
     *
     * @param queries the alarm's metrics
     * @return the same metrics
     * @throws IllegalArgumentException when the alarm holds more than 10 metrics or 10 expressions
     */
    public static List<CfnAlarm.MetricDataQueryProperty> checkLimits(List<CfnAlarm.MetricDataQueryProperty> queries) {
        long metrics = queries.stream().filter(q -> q.getMetricStat() != null).count();
        long expressions = queries.size() - metrics;
        if (metrics > MAX_METRICS || expressions > MAX_EXPRESSIONS) {
            throw new IllegalArgumentException("an alarm holds at most " + MAX_METRICS + " metrics and "
                    + MAX_EXPRESSIONS + " expressions; this one would hold " + metrics + " metrics and "
                    + expressions + " expressions");
        }
        return queries;
    }

    private void usage() {
        String p = templateText(periodSeconds);
        metric(AlarmContract.INCOMING_BYTES_METRIC_ID, "IncomingBytes", "Sum");
        metric(AlarmContract.INCOMING_RECORDS_METRIC_ID, "IncomingRecords", "Sum");
        expression("e1", "FILL(m1,0)", "Incoming bytes, 0 when missing", false);
        expression("e2", "FILL(m2,0)", "Incoming records, 0 when missing", false);
        expression(AlarmContract.SHARD_COUNT_METRIC_ID, templateText(shardCount), "Shard count", false);
        expression("e3", "e1/(1024*1024*" + p + "*s1)", "Share of 1 MiB/s per shard", false);
        expression("e4", "e2/(1000*" + p + "*s1)", "Share of 1000 records/s per shard", false);
    }

    private void metric(String id, String metricName, String statistic) {
        queries.add(CfnAlarm.MetricDataQueryProperty.builder()
                .id(id)
                .label(metricName)
                .metricStat(CfnAlarm.MetricStatProperty.builder()
                        .metric(CfnAlarm.MetricProperty.builder()
                                .namespace("AWS/Kinesis")
                                .metricName(metricName)
                                .dimensions(List.of(CfnAlarm.DimensionProperty.builder()
                                        .name("StreamName").value(streamName).build()))
                                .build())
                        .period(periodSeconds)
                        .stat(statistic)
                        .build())
                .returnData(false)
                .build());
    }

    private void expression(String id, String expression, String label, boolean returned) {
        queries.add(CfnAlarm.MetricDataQueryProperty.builder()
                .id(id)
                .expression(expression)
                .label(label)
                .returnData(returned)
                .build());
    }

    private List<CfnAlarm.MetricDataQueryProperty> checked() {
        return checkLimits(List.copyOf(queries));
    }
}
