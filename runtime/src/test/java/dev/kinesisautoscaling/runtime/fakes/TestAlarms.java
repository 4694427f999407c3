package dev.kinesisautoscaling.runtime.fakes;

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
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** Alarm pairs as CloudWatch describes them after the construct deployed them. */
public final class TestAlarms {

    public static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:kinesis-autoscaling-scaling-topic";

    /** The policy of one stream's pair. */
    public static final class Policy {
        public int min = 1;
        public int max = 10_000;
        public double up = 0.75;
        public double down = 0.25;
        public int periodSeconds = 300;
        public boolean dryRun;
        public String consumerArn;
        public Integer consumerPerShard;
        public Integer iteratorAgeMinutes;
        public List<String> extraAlarmActions = new ArrayList<>();
        public List<String> okActions = new ArrayList<>();
        public String treatMissingData = "missing";
        public boolean writeMinMaxTags = true;
    }

    private TestAlarms() {
    }

    public static MetricAlarm scaleUp(String stream, int shards, Policy policy) {
        List<MetricDataQuery> metrics = usage(stream, shards, policy);
        metrics.add(expression("e5", "MAX([e3,e4])", true));
        List<String> actions = new ArrayList<>(List.of(TOPIC_ARN));
        actions.addAll(policy.extraAlarmActions);
        return MetricAlarm.builder()
                .alarmName(stream + AlarmContract.SCALE_UP_SUFFIX)
                .alarmDescription("Scales Kinesis stream " + stream + " up")
                .actionsEnabled(true)
                .alarmActions(actions)
                .okActions(policy.okActions)
                .insufficientDataActions(List.of())
                .evaluationPeriods(5)
                .datapointsToAlarm(5)
                .threshold(policy.up)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(policy.treatMissingData)
                .metrics(metrics)
                .stateValue(StateValue.ALARM)
                .build();
    }

    public static MetricAlarm scaleDown(String stream, int shards, Policy policy) {
        List<MetricDataQuery> metrics = usage(stream, shards, policy);
        if (policy.iteratorAgeMinutes != null) {
            metrics.add(MetricDataQuery.builder().id("m3").returnData(false).metricStat(stat(stream,
                    "GetRecords.IteratorAgeMilliseconds", "Maximum", policy.periodSeconds)).build());
            metrics.add(expression("s2", Integer.toString(policy.iteratorAgeMinutes), false));
            metrics.add(expression("e5", "(FILL(m3,0)/1000/60)*(" + policy.down + "/s2)", false));
            metrics.add(expression("e6", "MAX([e3,e4,e5])", true));
        } else {
            metrics.add(expression("e6", "MAX([e3,e4])", true));
        }
        List<String> actions = new ArrayList<>(List.of(TOPIC_ARN));
        actions.addAll(policy.extraAlarmActions);
        return MetricAlarm.builder()
                .alarmName(stream + AlarmContract.SCALE_DOWN_SUFFIX)
                .alarmDescription("Scales Kinesis stream " + stream + " down")
                .actionsEnabled(true)
                .alarmActions(actions)
                .okActions(policy.okActions)
                .insufficientDataActions(List.of())
                .evaluationPeriods(60)
                .datapointsToAlarm(57)
                .threshold(shards <= policy.min ? AlarmContract.UNREACHABLE_SCALE_DOWN_THRESHOLD : policy.down)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .treatMissingData(policy.treatMissingData)
                .metrics(metrics)
                .stateValue(StateValue.OK)
                .build();
    }

    public static Map<String, String> tags(String stream, boolean up, Policy policy) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(AlarmContract.TAG_SCALE_ACTION, up ? "Up" : "Down");
        tags.put(AlarmContract.TAG_COMPLEMENTARY_ALARM, stream + (up ? AlarmContract.SCALE_DOWN_SUFFIX : AlarmContract.SCALE_UP_SUFFIX));
        if (policy.writeMinMaxTags) {
            tags.put(AlarmContract.TAG_MIN_SHARD_COUNT, Integer.toString(policy.min));
            tags.put(AlarmContract.TAG_MAX_SHARD_COUNT, Integer.toString(policy.max));
        }
        tags.put(AlarmContract.TAG_SCALE_DOWN_THRESHOLD, Double.toString(policy.down));
        tags.put(AlarmContract.TAG_DRY_RUN, Boolean.toString(policy.dryRun));
        if (policy.consumerArn != null) {
            tags.put(AlarmContract.TAG_CONSUMER_FUNCTION_ARN, policy.consumerArn);
            if (policy.consumerPerShard != null) {
                tags.put(AlarmContract.TAG_CONSUMER_CONCURRENCY_PER_SHARD, Integer.toString(policy.consumerPerShard));
            }
        }
        return tags;
    }

    /** The constant {@code s1} of an alarm. */
    public static int shardCount(MetricAlarm alarm) {
        return alarm.metrics().stream().filter(q -> q.id().equals("s1"))
                .mapToInt(q -> Integer.parseInt(q.expression())).findFirst().orElseThrow();
    }

    private static List<MetricDataQuery> usage(String stream, int shards, Policy policy) {
        int p = policy.periodSeconds;
        List<MetricDataQuery> metrics = new ArrayList<>();
        metrics.add(MetricDataQuery.builder().id("m1").label("IncomingBytes").returnData(false)
                .metricStat(stat(stream, "IncomingBytes", "Sum", p)).build());
        metrics.add(MetricDataQuery.builder().id("m2").label("IncomingRecords").returnData(false)
                .metricStat(stat(stream, "IncomingRecords", "Sum", p)).build());
        metrics.add(expression("e1", "FILL(m1,0)", false));
        metrics.add(expression("e2", "FILL(m2,0)", false));
        metrics.add(expression("s1", Integer.toString(shards), false));
        metrics.add(expression("e3", "e1/(1024*1024*" + p + "*s1)", false));
        metrics.add(expression("e4", "e2/(1000*" + p + "*s1)", false));
        return metrics;
    }

    private static MetricStat stat(String stream, String metricName, String statistic, int period) {
        return MetricStat.builder()
                .metric(Metric.builder().namespace("AWS/Kinesis").metricName(metricName)
                        .dimensions(Dimension.builder().name("StreamName").value(stream).build()).build())
                .stat(statistic)
                .period(period)
                .build();
    }

    private static MetricDataQuery expression(String id, String expression, boolean returned) {
        return MetricDataQuery.builder().id(id).expression(expression).returnData(returned).build();
    }
}
