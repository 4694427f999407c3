package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinesisautoscaling.contract.AlarmContract;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stream with the alarm pair the construct deploys for it, seeded into an
 * {@link AwsWorld} in the shape CloudWatch stores it.
 */
public final class WireFixtures {

    /** The scaling topic every alarm notifies. */
    public static final String SCALING_TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:kinesis-autoscaling-scaling-topic";
    /** A second alarm action that an operator added; a rewrite must keep it. */
    public static final String OPS_TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:ops-pager";
    /** Prefix of every function ARN of the simulated account. */
    public static final String FUNCTION_ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";

    /** One stream's scaling policy, as tags on its alarm pair. */
    public static final class Policy {
        /** {@code MinShardCount}. */
        public int min = 1;
        /** {@code MaxShardCount}. */
        public int max = 10_000;
        /** The scale-up threshold. */
        public double up = 0.75;
        /** {@code ScaleDownThreshold}. */
        public double down = 0.25;
        /** The metric period in seconds. */
        public int periodSeconds = 300;
        /** The consumer function's name, or null for none. */
        public String consumerFunction;
        /** {@code ConsumerConcurrencyPerShard}. */
        public int consumerPerShard = 1;

        /**
         * The consumer function's ARN.
         *
         * @return the ARN, or null when there is no consumer
         */
        public String consumerArn() {
            return consumerFunction == null ? null : FUNCTION_ARN_PREFIX + consumerFunction;
        }

        /**
         * The scale-down threshold the pair must have at a shard count.
         *
         * @param shards the shard count
         * @return -1 at or below the minimum, else the configured threshold
         */
        public double downThresholdAt(int shards) {
            return shards <= min ? AlarmContract.UNREACHABLE_SCALE_DOWN_THRESHOLD : down;
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
        world.addAlarm(scaleUpAlarm(stream, shards, policy), "ALARM", tags(stream, true, policy));
        world.addAlarm(scaleDownAlarm(stream, shards, policy), "OK", tags(stream, false, policy));
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

    /**
     * The tags of one alarm of the pair.
     *
     * @param stream the stream's name
     * @param up whether it is the scale-up alarm
     * @param policy the policy
     * @return the tags
     */
    public static Map<String, String> tags(String stream, boolean up, Policy policy) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(AlarmContract.TAG_SCALE_ACTION, up ? "Up" : "Down");
        tags.put(AlarmContract.TAG_COMPLEMENTARY_ALARM,
                stream + (up ? AlarmContract.SCALE_DOWN_SUFFIX : AlarmContract.SCALE_UP_SUFFIX));
        tags.put(AlarmContract.TAG_MIN_SHARD_COUNT, Integer.toString(policy.min));
        tags.put(AlarmContract.TAG_MAX_SHARD_COUNT, Integer.toString(policy.max));
        tags.put(AlarmContract.TAG_SCALE_DOWN_THRESHOLD, Double.toString(policy.down));
        tags.put(AlarmContract.TAG_DRY_RUN, "false");
        if (policy.consumerFunction != null) {
            tags.put(AlarmContract.TAG_CONSUMER_FUNCTION_ARN, policy.consumerArn());
            tags.put(AlarmContract.TAG_CONSUMER_CONCURRENCY_PER_SHARD, Integer.toString(policy.consumerPerShard));
        }
        return tags;
    }

    private static ObjectNode common(String name, String description) {
        ObjectNode alarm = NODES.objectNode();
        alarm.put("AlarmName", name);
        alarm.put("AlarmDescription", description);
        alarm.put("ActionsEnabled", true);
        alarm.putArray("OKActions");
        alarm.putArray("AlarmActions").add(SCALING_TOPIC_ARN).add(OPS_TOPIC_ARN);
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
