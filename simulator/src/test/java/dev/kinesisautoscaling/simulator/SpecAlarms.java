package dev.kinesisautoscaling.simulator;

import dev.kinesisautoscaling.contract.AlarmContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/** The alarm pair of the construct and its tags, built by hand for tests. */
public final class SpecAlarms {

    /** The scaling topic of test alarms. */
    public static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:scaling-topic";

    private SpecAlarms() {
    }

    /** The scale-up alarm: MAX of byte and record usage, 0.75 for 5 of 5, missing data not breaching. */
    public static MetricAlarm scaleUp(String stream, int shards, int period) {
        List<MetricDataQuery> metrics = usage(stream, shards, period);
        metrics.add(expression("e5", "MAX([e3,e4])", true));
        return MetricAlarm.builder().alarmName(stream + AlarmContract.SCALE_UP_SUFFIX).alarmDescription("Scale-up alarm of " + stream)
                .actionsEnabled(true).alarmActions(TOPIC).okActions(List.of()).insufficientDataActions(List.of())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).threshold(0.75)
                .evaluationPeriods(5).datapointsToAlarm(5).treatMissingData("notBreaching").metrics(metrics).build();
    }

    /** The scale-down alarm: 57 of 60, missing data breaching, with the iterator-age block when minutes is not null. */
    public static MetricAlarm scaleDown(String stream, int shards, int period, double threshold, Integer ageMinutes) {
        List<MetricDataQuery> metrics = usage(stream, shards, period);
        if (ageMinutes != null) {
            metrics.add(MetricDataQuery.builder().id("m3").returnData(false)
                    .metricStat(stat(stream, "GetRecords.IteratorAgeMilliseconds", "Maximum", period)).build());
            metrics.add(expression("s2", Integer.toString(ageMinutes), false));
            metrics.add(expression("e5", "(FILL(m3,0)/1000/60)*(0.25/s2)", false));
            metrics.add(expression("e6", "MAX([e3,e4,e5])", true));
        } else {
            metrics.add(expression("e6", "MAX([e3,e4])", true));
        }
        return MetricAlarm.builder().alarmName(stream + AlarmContract.SCALE_DOWN_SUFFIX).alarmDescription("Scale-down alarm of " + stream)
                .actionsEnabled(true).alarmActions(TOPIC).okActions(List.of()).insufficientDataActions(List.of())
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD).threshold(threshold)
                .evaluationPeriods(60).datapointsToAlarm(57).treatMissingData("breaching").metrics(metrics).build();
    }

    /** The tags for one alarm of the pair. */
    public static Map<String, String> tags(String stream, boolean up, int min, int max) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(AlarmContract.TAG_SCALE_ACTION, up ? AlarmContract.SCALE_ACTION_UP : AlarmContract.SCALE_ACTION_DOWN);
        tags.put(AlarmContract.TAG_COMPLEMENTARY_ALARM, stream + (up ? AlarmContract.SCALE_DOWN_SUFFIX : AlarmContract.SCALE_UP_SUFFIX));
        tags.put(AlarmContract.TAG_MIN_SHARD_COUNT, Integer.toString(min));
        tags.put(AlarmContract.TAG_MAX_SHARD_COUNT, Integer.toString(max));
        tags.put(AlarmContract.TAG_SCALE_DOWN_THRESHOLD, "0.25");
        tags.put(AlarmContract.TAG_DRY_RUN, "false");
        return tags;
    }

    private static List<MetricDataQuery> usage(String stream, int shards, int period) {
        List<MetricDataQuery> metrics = new ArrayList<>();
        metrics.add(MetricDataQuery.builder().id("m1").label("IncomingBytes").returnData(false)
                .metricStat(stat(stream, "IncomingBytes", "Sum", period)).build());
        metrics.add(MetricDataQuery.builder().id("m2").label("IncomingRecords").returnData(false)
                .metricStat(stat(stream, "IncomingRecords", "Sum", period)).build());
        metrics.add(expression("e1", "FILL(m1,0)", false));
        metrics.add(expression("e2", "FILL(m2,0)", false));
        metrics.add(expression("s1", Integer.toString(shards), false));
        metrics.add(expression("e3", "e1/(1024*1024*" + period + "*s1)", false));
        metrics.add(expression("e4", "e2/(1000*" + period + "*s1)", false));
        return metrics;
    }

    /** A MetricStat of a Kinesis stream metric. */
    public static MetricStat stat(String stream, String metricName, String statistic, int period) {
        return MetricStat.builder().metric(Metric.builder().namespace("AWS/Kinesis").metricName(metricName)
                .dimensions(Dimension.builder().name("StreamName").value(stream).build()).build())
                .stat(statistic).period(period).build();
    }

    private static MetricDataQuery expression(String id, String expression, boolean returned) {
        return MetricDataQuery.builder().id(id).expression(expression).returnData(returned).build();
    }
}
