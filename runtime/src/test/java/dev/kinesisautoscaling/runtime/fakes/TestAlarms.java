package dev.kinesisautoscaling.runtime.fakes;

import dev.kinesisautoscaling.contract.AlarmContract;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** Alarm pairs as CloudWatch describes them after the construct deployed them. */
public final class TestAlarms {

    /** The policy of one stream's pair, and what the fakes' alarms carry besides. */
    public static final class Policy extends PairPolicy {
        public String consumerArn;
        public Integer consumerPerShard;
        public Integer iteratorAgeMinutes;
        public List<String> extraAlarmActions = new ArrayList<>();
        public List<String> okActions = new ArrayList<>();
        public String treatMissingData = "missing";

        @Override
        public String consumerArn() {
            return consumerArn;
        }

        @Override
        protected Integer consumerConcurrencyPerShardTag() {
            return consumerPerShard;
        }
    }

    private TestAlarms() {
    }

    public static MetricAlarm scaleUp(String stream, int shards, Policy policy) {
        List<MetricDataQuery> metrics = usage(stream, shards, policy);
        metrics.add(expression("e5", "MAX([e3,e4])", true));
        List<String> actions = new ArrayList<>(List.of(PairPolicy.SCALING_TOPIC_ARN));
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
        List<String> actions = new ArrayList<>(List.of(PairPolicy.SCALING_TOPIC_ARN));
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
                .threshold(policy.downThresholdAt(shards))
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .treatMissingData(policy.treatMissingData)
                .metrics(metrics)
                .stateValue(StateValue.OK)
                .build();
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
