package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.runtime.fakes.PairPolicy;

/**
 * A stream with the alarm pair the construct deploys for it, seeded into an
 * {@link AwsWorld} in the shape CloudWatch stores it.
 */
public final class WireFixtures {

    /** A second alarm action that an operator added; a rewrite must keep it. */
    public static final String OPS_TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:ops-pager";
    /** Prefix of every function ARN of the simulated account. */
    public static final String FUNCTION_ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";

    /** One stream's scaling policy, with its consumer function by name as the wire suite seeds it. */
    public static final class Policy extends PairPolicy {
        /** The consumer function's name, or null for none. */
        public String consumerFunction;
        /** {@code ConsumerConcurrencyPerShard}. */
        public int consumerPerShard = 1;

        @Override
        public String consumerArn() {
            return consumerFunction == null ? null : FUNCTION_ARN_PREFIX + consumerFunction;
        }

        @Override
        protected Integer consumerConcurrencyPerShardTag() {
            return consumerPerShard;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireFixtures() {
    }

    /**
     * Seeds a provisioned stream, its alarm pair computed for its shard count, and its consumer
     * function (reserved for the shard count) when the policy names one.
     *
     * @param world the world
     * @param stream the stream's name
     * @param shards its open shard count
     * @param policy its policy
     */
    public static void seedStream(AwsWorld world, String stream, int shards, Policy policy) {
        world.addStream(stream, shards);
        world.addAlarm(scaleUpAlarm(stream, shards, policy), "ALARM", policy.tags(stream, true));
        world.addAlarm(scaleDownAlarm(stream, shards, policy), "OK", policy.tags(stream, false));
        if (policy.consumerFunction != null) {
            world.addFunction(policy.consumerFunction, shards * policy.consumerPerShard);
        }
    }

    /**
     * The scale-up alarm as a {@code PutMetricAlarm} input.
     *
     * @param stream the stream's name
     * @param shards the shard count it is computed for
     * @param policy the policy
     * @return the configuration
     */
    public static ObjectNode scaleUpAlarm(String stream, int shards, Policy policy) {
        ObjectNode alarm = common(stream + AlarmContract.SCALE_UP_SUFFIX, "Scale-up alarm of Kinesis stream " + stream);
        alarm.put("EvaluationPeriods", 5);
        alarm.put("DatapointsToAlarm", 5);
        alarm.put("Threshold", policy.up);
        alarm.put("ComparisonOperator", "GreaterThanOrEqualToThreshold");
        ArrayNode metrics = usage(alarm, stream, shards, policy);
        metrics.addObject().put("Id", "e5").put("Expression", "MAX([e3,e4])").put("Label", "ShardUsage").put("ReturnData", true);
        return alarm;
    }

    /**
     * The scale-down alarm as a {@code PutMetricAlarm} input.
     *
     * @param stream the stream's name
     * @param shards the shard count it is computed for
     * @param policy the policy
     * @return the configuration
     */
    public static ObjectNode scaleDownAlarm(String stream, int shards, Policy policy) {
        ObjectNode alarm = common(stream + AlarmContract.SCALE_DOWN_SUFFIX, "Scale-down alarm of Kinesis stream " + stream);
        alarm.put("EvaluationPeriods", 60);
        alarm.put("DatapointsToAlarm", 57);
        alarm.put("Threshold", policy.downThresholdAt(shards));
        alarm.put("ComparisonOperator", "LessThanThreshold");
        ArrayNode metrics = usage(alarm, stream, shards, policy);
        metrics.addObject().put("Id", "e6").put("Expression", "MAX([e3,e4])").put("Label", "ShardUsage").put("ReturnData", true);
        return alarm;
    }

    private static ObjectNode common(String name, String description) {
        ObjectNode alarm = NODES.objectNode();
        alarm.put("AlarmName", name);
        alarm.put("AlarmDescription", description);
        alarm.put("ActionsEnabled", true);
        alarm.putArray("OKActions");
        alarm.putArray("AlarmActions").add(PairPolicy.SCALING_TOPIC_ARN).add(OPS_TOPIC_ARN);
        alarm.putArray("InsufficientDataActions");
        alarm.put("TreatMissingData", "notBreaching");
        return alarm;
    }

    private static ArrayNode usage(ObjectNode alarm, String stream, int shards, Policy policy) {
        int p = policy.periodSeconds;
        ArrayNode metrics = alarm.putArray("Metrics");
        metrics.add(stat("m1", "IncomingBytes", stream, p));
        metrics.add(stat("m2", "IncomingRecords", stream, p));
        metrics.addObject().put("Id", "e1").put("Expression", "FILL(m1,0)")
                .put("Label", "FillMissingDataPointsWithZeroForIncomingBytes").put("ReturnData", false);
        metrics.addObject().put("Id", "e2").put("Expression", "FILL(m2,0)")
                .put("Label", "FillMissingDataPointsWithZeroForIncomingRecords").put("ReturnData", false);
        metrics.addObject().put("Id", "s1").put("Expression", Integer.toString(shards))
                .put("Label", "ShardCount").put("ReturnData", false);
        metrics.addObject().put("Id", "e3").put("Expression", "e1/(1024*1024*" + p + "*s1)")
                .put("Label", "IncomingBytesUsageFactor").put("ReturnData", false);
        metrics.addObject().put("Id", "e4").put("Expression", "e2/(1000*" + p + "*s1)")
                .put("Label", "IncomingRecordsUsageFactor").put("ReturnData", false);
        return metrics;
    }

    private static ObjectNode stat(String id, String metricName, String stream, int period) {
        ObjectNode query = NODES.objectNode();
        query.put("Id", id);
        query.put("Label", metricName);
        ObjectNode stat = query.putObject("MetricStat");
        ObjectNode metric = stat.putObject("Metric");
        metric.put("Namespace", "AWS/Kinesis");
        metric.put("MetricName", metricName);
        metric.putArray("Dimensions").addObject().put("Name", "StreamName").put("Value", stream);
        stat.put("Period", period);
        stat.put("Stat", "Sum");
        query.put("ReturnData", false);
        return query;
    }
}
