package dev.kinesisautoscaling;

import static dev.kinesisautoscaling.internal.StreamSettings.templateText;

import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.internal.ScalingAlarmMetrics;
import dev.kinesisautoscaling.internal.StreamSettings;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnTag;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * Defines a provisioned Kinesis data stream that scales itself.
 *
 * <p>Besides the stream, it defines two CloudWatch metric-math alarms, {@code <stream>-scale-up}
 * and {@code <stream>-scale-down}, that notify a {@link KinesisStreamScaler}'s topic. The scaling
 * function then doubles or halves the stream with {@code UpdateShardCount} within
 * {@code [minShardCount, maxShardCount]} and rewrites both alarms for the new shard count. Usage is
 * the larger share of the shards' write capacity in use: bytes against 1 MiB/s and records
 * against 1000 records/s per shard.
 *
 * <p>The stream's policy (bounds, thresholds, dry run, consumer) is written onto the alarms' tags,
 * where the shared scaling function reads it.
 *
 * <pre>{@code
 * AutoScalingKinesisStream orders = AutoScalingKinesisStream.Builder.create(this, "Orders")
 *         .streamName("orders")
 *         .maxShardCount(64)
 *         .build();
 * }</pre>
 */
public class AutoScalingKinesisStream extends Construct {

    private final Stream stream;
    private final CfnAlarm scaleUpCfnAlarm;
    private final CfnAlarm scaleDownCfnAlarm;
    private final IAlarm scaleUpAlarm;
    private final IAlarm scaleDownAlarm;
    private final KinesisStreamScaler scaler;

    /**
     * Defines an auto-scaling stream with the default settings.
     *
     * @param scope the parent construct
     * @param id the construct's id
     */
    public AutoScalingKinesisStream(Construct scope, String id) {
        this(scope, id, AutoScalingKinesisStreamProps.builder().build());
    }

    /**
     * Defines an auto-scaling stream.
     *
     * @param scope the parent construct
     * @param id the construct's id
     * @param props the settings
     * @throws IllegalArgumentException naming the setting, its value and what is allowed, before
     *     anything is added to the scope
     */
    public AutoScalingKinesisStream(Construct scope, String id, AutoScalingKinesisStreamProps props) {
        this(scope, id, Checked.of(scope, props));
    }

    /** The settings and the scaler, checked before the construct adds itself to the tree. */
    private record Checked(StreamSettings settings, KinesisStreamScaler scaler) {
        static Checked of(Construct scope, AutoScalingKinesisStreamProps props) {
            StreamSettings settings = StreamSettings.of(props);
            KinesisStreamScaler scaler = props.getScaler() != null ? props.getScaler() : KinesisStreamScaler.of(scope);
            requireSameStack(scope, scaler);
            scaler.checkRoom(settings.streamName(), settings.consumerFunction() != null);
            return new Checked(settings, scaler);
        }

        /**
         * Across stacks the stream's alarms would refer to the scaler's topic and the scaler's
         * policies to the stream: each stack would depend on the other, which CloudFormation refuses.
         */
        private static void requireSameStack(Construct scope, KinesisStreamScaler scaler) {
            Stack streamStack = Stack.of(scope);
            Stack scalerStack = Stack.of(scaler);
            if (scalerStack != streamStack) {
                throw new IllegalArgumentException("scaler (" + scaler.getNode().getPath() + ", in stack "
                        + scalerStack.getNode().getPath() + ") must be in the stream's stack ("
                        + streamStack.getNode().getPath() + "): across stacks, the alarms would need the "
                        + "scaler's topic and the scaler's permissions the stream, a dependency cycle");
            }
        }
    }

    private AutoScalingKinesisStream(Construct scope, String id, Checked checked) {
        super(scope, id);
        StreamSettings settings = checked.settings();
        this.scaler = checked.scaler();

        Stream.Builder streamBuilder = Stream.Builder.create(this, "Resource")
                .streamMode(StreamMode.PROVISIONED)
                .shardCount(settings.shardCount())
                .retentionPeriod(settings.retentionPeriod());
        if (settings.streamName() != null) {
            streamBuilder.streamName(settings.streamName());
        }
        if (settings.encryptionKey() != null) {
            streamBuilder.encryption(StreamEncryption.KMS).encryptionKey(settings.encryptionKey());
        } else {
            streamBuilder.encryption(StreamEncryption.MANAGED);
        }
        stream = streamBuilder.build();

        // A given name is written literally, so that the alarms' names read plainly in the template.
        String streamName = settings.streamName() != null ? settings.streamName() : stream.getStreamName();
        String upName = streamName + AlarmContract.SCALE_UP_SUFFIX;
        String downName = streamName + AlarmContract.SCALE_DOWN_SUFFIX;
        String topicArn = scaler.getTopic().getTopicArn();

        scaleUpCfnAlarm = CfnAlarm.Builder.create(this, "ScaleUpAlarm")
                .alarmName(upName)
                .alarmDescription("Doubles Kinesis stream " + streamName + " when at least "
                        + templateText(settings.scaleUpThreshold()) + " of its write capacity is in use. Managed by "
                        + "kinesis-autoscaling: the scaling function rewrites s1 after each scaling.")
                .actionsEnabled(true)
                .alarmActions(List.of(topicArn))
                .comparisonOperator("GreaterThanOrEqualToThreshold")
                .threshold(settings.scaleUpThreshold())
                .evaluationPeriods(settings.scaleUpEvaluationPeriods())
                .datapointsToAlarm(settings.scaleUpDatapointsToAlarm())
                // No data means no traffic: never a reason to scale up.
                .treatMissingData("notBreaching")
                .metrics(ScalingAlarmMetrics.scaleUp(streamName, settings.periodSeconds(), settings.shardCount()))
                .tags(tags(settings, AlarmContract.SCALE_ACTION_UP, downName))
                .build();

        scaleDownCfnAlarm = CfnAlarm.Builder.create(this, "ScaleDownAlarm")
                .alarmName(downName)
                .alarmDescription("Halves Kinesis stream " + streamName + " when less than "
                        + templateText(settings.scaleDownThreshold()) + " of its write capacity is in use. Managed by "
                        + "kinesis-autoscaling: the scaling function rewrites s1 and the threshold after each "
                        + "scaling; the threshold is -1 at the minimum shard count.")
                .actionsEnabled(true)
                .alarmActions(List.of(topicArn))
                .comparisonOperator("LessThanThreshold")
                .threshold(scaleDownThresholdAtStart(settings))
                .evaluationPeriods(settings.scaleDownEvaluationPeriods())
                .datapointsToAlarm(settings.scaleDownDatapointsToAlarm())
                // No data means no traffic: a reason to scale down.
                .treatMissingData("breaching")
                .metrics(ScalingAlarmMetrics.scaleDown(streamName, settings.periodSeconds(), settings.shardCount(),
                        settings.scaleDownThreshold(), settings.iteratorAgeBlockMinutes()))
                .tags(tags(settings, AlarmContract.SCALE_ACTION_DOWN, upName))
                .build();

        scaleUpAlarm = Alarm.fromAlarmArn(this, "ScaleUpAlarmRef", scaleUpCfnAlarm.getAttrArn());
        scaleDownAlarm = Alarm.fromAlarmArn(this, "ScaleDownAlarmRef", scaleDownCfnAlarm.getAttrArn());
        scaler.addStream(stream, streamName, upName, downName, settings.consumerFunction());
    }

    /**
     * -1 when the stream starts at its minimum, so that the scale-down alarm cannot fire, else the
     * configured threshold. When distinct counts are tokens, CloudFormation compares them at deployment.
     */
    private Number scaleDownThresholdAtStart(StreamSettings settings) {
        if (settings.startsAtMinimum()) {
            return AlarmContract.UNREACHABLE_SCALE_DOWN_THRESHOLD;
        }
        if (StreamSettings.isResolved(settings.shardCount()) && StreamSettings.isResolved(settings.minShardCount())) {
            return settings.scaleDownThreshold();
        }
        CfnCondition atMinimum = CfnCondition.Builder.create(this, "StartsAtMinimum")
                .expression(Fn.conditionEquals(Token.asString(settings.shardCount()),
                        Token.asString(settings.minShardCount())))
                .build();
        return Token.asNumber(Fn.conditionIf(atMinimum.getLogicalId(),
                AlarmContract.UNREACHABLE_SCALE_DOWN_THRESHOLD, settings.scaleDownThreshold()));
    }

    private static List<CfnTag> tags(StreamSettings settings, String action, String complementaryAlarmName) {
        List<CfnTag> tags = new ArrayList<>();
        tags.add(tag(AlarmContract.TAG_SCALE_ACTION, action));
        tags.add(tag(AlarmContract.TAG_COMPLEMENTARY_ALARM, complementaryAlarmName));
        tags.add(tag(AlarmContract.TAG_MIN_SHARD_COUNT, templateText(settings.minShardCount())));
        tags.add(tag(AlarmContract.TAG_MAX_SHARD_COUNT, templateText(settings.maxShardCount())));
        tags.add(tag(AlarmContract.TAG_SCALE_DOWN_THRESHOLD, templateText(settings.scaleDownThreshold())));
        tags.add(tag(AlarmContract.TAG_DRY_RUN, Boolean.toString(settings.dryRun())));
        if (settings.consumerFunction() != null) {
            tags.add(tag(AlarmContract.TAG_CONSUMER_FUNCTION_ARN, settings.consumerFunction().getFunctionArn()));
            tags.add(tag(AlarmContract.TAG_CONSUMER_CONCURRENCY_PER_SHARD,
                    templateText(settings.consumerConcurrencyPerShard())));
        }
        return tags;
    }

    private static CfnTag tag(String key, String value) {
        return CfnTag.builder().key(key).value(value).build();
    }

    /**
     * The stream.
     *
     * @return the Kinesis stream
     */
    public Stream getStream() {
        return stream;
    }

    /**
     * The scale-up alarm, {@code <stream>-scale-up}, for dashboards and composite alarms.
     *
     * @return the alarm
     */
    public IAlarm getScaleUpAlarm() {
        return scaleUpAlarm;
    }

    /**
     * The scale-down alarm, {@code <stream>-scale-down}, for dashboards and composite alarms.
     *
     * @return the alarm
     */
    public IAlarm getScaleDownAlarm() {
        return scaleDownAlarm;
    }

    /**
     * The scale-up alarm's CloudFormation resource. Changes made through it are undone by neither
     * the construct nor the scaling function, which only rewrites {@code s1}.
     *
     * @return the L1 alarm
     */
    public CfnAlarm getScaleUpCfnAlarm() {
        return scaleUpCfnAlarm;
    }

    /**
     * The scale-down alarm's CloudFormation resource. The scaling function rewrites its {@code s1}
     * and threshold.
     *
     * @return the L1 alarm
     */
    public CfnAlarm getScaleDownCfnAlarm() {
        return scaleDownCfnAlarm;
    }

    /**
     * The scaler that scales this stream.
     *
     * @return the scaler
     */
    public KinesisStreamScaler getScaler() {
        return scaler;
    }

    /**
     * Grants reading the stream's records (and decrypting them with its key, if any).
     *
     * @param grantee who reads
     * @return the grant
     */
    public Grant grantRead(IGrantable grantee) {
        return stream.grantRead(grantee);
    }

    /**
     * Grants writing records to the stream (and encrypting them with its key, if any).
     *
     * @param grantee who writes
     * @return the grant
     */
    public Grant grantWrite(IGrantable grantee) {
        return stream.grantWrite(grantee);
    }

    /**
     * Grants reading and writing the stream's records.
     *
     * @param grantee who reads and writes
     * @return the grant
     */
    public Grant grantReadWrite(IGrantable grantee) {
        return stream.grantReadWrite(grantee);
    }

    /**
     * A metric of the stream, in the {@code AWS/Kinesis} namespace.
     *
     * @param metricName the metric's name
     * @param props the metric's options
     * @return the metric
     */
    public Metric metric(String metricName, MetricOptions props) {
        return stream.metric(metricName, props);
    }

    /**
     * A metric of the stream, in the {@code AWS/Kinesis} namespace, with default options.
     *
     * @param metricName the metric's name
     * @return the metric
     */
    public Metric metric(String metricName) {
        return stream.metric(metricName);
    }

    /**
     * The bytes put to the stream, the first half of the alarms' usage.
     *
     * @param props the metric's options
     * @return the metric
     */
    public Metric metricIncomingBytes(MetricOptions props) {
        return stream.metricIncomingBytes(props);
    }

    /**
     * The bytes put to the stream, with default options.
     *
     * @return the metric
     */
    public Metric metricIncomingBytes() {
        return stream.metricIncomingBytes();
    }

    /**
     * The records put to the stream, the second half of the alarms' usage.
     *
     * @param props the metric's options
     * @return the metric
     */
    public Metric metricIncomingRecords(MetricOptions props) {
        return stream.metricIncomingRecords(props);
    }

    /**
     * The records put to the stream, with default options.
     *
     * @return the metric
     */
    public Metric metricIncomingRecords() {
        return stream.metricIncomingRecords();
    }

    /**
     * How far the consumers lag behind, the metric of the iterator-age block.
     *
     * @param props the metric's options
     * @return the metric
     */
    public Metric metricGetRecordsIteratorAgeMilliseconds(MetricOptions props) {
        return stream.metricGetRecordsIteratorAgeMilliseconds(props);
    }

    /**
     * How far the consumers lag behind, with default options.
     *
     * @return the metric
     */
    public Metric metricGetRecordsIteratorAgeMilliseconds() {
        return stream.metricGetRecordsIteratorAgeMilliseconds();
    }

    /**
     * Writes refused because the shards were full: the sign that scaling came too late.
     *
     * @param props the metric's options
     * @return the metric
     */
    public Metric metricWriteProvisionedThroughputExceeded(MetricOptions props) {
        return stream.metricWriteProvisionedThroughputExceeded(props);
    }

    /**
     * Writes refused because the shards were full, with default options (average over 5 minutes).
     *
     * @return the metric
     */
    public Metric metricWriteProvisionedThroughputExceeded() {
        return stream.metricWriteProvisionedThroughputExceeded();
    }

    /**
     * Builds an {@link AutoScalingKinesisStream} the way CDK's own Java builders do.
     */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final AutoScalingKinesisStreamProps.Builder props = AutoScalingKinesisStreamProps.builder();

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        /**
         * Starts an auto-scaling stream.
         *
         * @param scope the parent construct
         * @param id the construct's id
         * @return a builder
         */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /**
         * The name of the stream. The alarms are named {@code <streamName>-scale-up} and {@code <streamName>-scale-down}.
         *
         * <p>Default: - a name generated by CloudFormation
         *
         * @param streamName the setting
         * @return this builder
         */
        public Builder streamName(String streamName) {
            props.streamName(streamName);
            return this;
        }

        /**
         * The number of shards the stream starts with; it must lie within {@code [minShardCount, maxShardCount]}.
         *
         * <p>Default: - minShardCount
         *
         * @param shardCount the setting
         * @return this builder
         */
        public Builder shardCount(Number shardCount) {
            props.shardCount(shardCount);
            return this;
        }

        /**
         * How long the stream keeps records, from 24 hours to 365 days.
         *
         * <p>Default: - 24 hours
         *
         * @param retentionPeriod the setting
         * @return this builder
         */
        public Builder retentionPeriod(Duration retentionPeriod) {
            props.retentionPeriod(retentionPeriod);
            return this;
        }

        /**
         * The customer managed KMS key that encrypts the stream.
         *
         * <p>Default: - the AWS managed key {@code aws/kinesis}
         *
         * @param encryptionKey the setting
         * @return this builder
         */
        public Builder encryptionKey(IKey encryptionKey) {
            props.encryptionKey(encryptionKey);
            return this;
        }

        /**
         * The lowest shard count a scale-down may reach, from 1 to maxShardCount. At the minimum the scale-down alarm's threshold is -1, so that it cannot fire.
         *
         * <p>Default: - 1
         *
         * @param minShardCount the setting
         * @return this builder
         */
        public Builder minShardCount(Number minShardCount) {
            props.minShardCount(minShardCount);
            return this;
        }

        /**
         * The highest shard count a scale-up may reach, at most 10000.
         *
         * <p>Default: - 10000, Kinesis' own limit per stream
         *
         * @param maxShardCount the setting
         * @return this builder
         */
        public Builder maxShardCount(Number maxShardCount) {
            props.maxShardCount(maxShardCount);
            return this;
        }

        /**
         * The share of the shards' write capacity (1 MiB/s and 1000 records/s each) in use at which the stream doubles, at most 1.
         *
         * <p>Default: - 0.75
         *
         * @param scaleUpThreshold the setting
         * @return this builder
         */
        public Builder scaleUpThreshold(Number scaleUpThreshold) {
            props.scaleUpThreshold(scaleUpThreshold);
            return this;
        }

        /**
         * The share of the shards' write capacity in use below which the stream halves, greater than 0 and less than half of scaleUpThreshold (otherwise halving pushes usage over the scale-up threshold and the stream flaps).
         *
         * <p>Default: - 0.25
         *
         * @param scaleDownThreshold the setting
         * @return this builder
         */
        public Builder scaleDownThreshold(Number scaleDownThreshold) {
            props.scaleDownThreshold(scaleDownThreshold);
            return this;
        }

        /**
         * The period of the alarms' metrics: 1 minute or a whole number of minutes.
         *
         * <p>Default: - 5 minutes
         *
         * @param metricPeriod the setting
         * @return this builder
         */
        public Builder metricPeriod(Duration metricPeriod) {
            props.metricPeriod(metricPeriod);
            return this;
        }

        /**
         * The number of periods the scale-up alarm looks at; times metricPeriod at most one day.
         *
         * <p>Default: - 5
         *
         * @param scaleUpEvaluationPeriods the setting
         * @return this builder
         */
        public Builder scaleUpEvaluationPeriods(Number scaleUpEvaluationPeriods) {
            props.scaleUpEvaluationPeriods(scaleUpEvaluationPeriods);
            return this;
        }

        /**
         * The number of those periods that must be over the scale-up threshold, at most scaleUpEvaluationPeriods.
         *
         * <p>Default: - 5
         *
         * @param scaleUpDatapointsToAlarm the setting
         * @return this builder
         */
        public Builder scaleUpDatapointsToAlarm(Number scaleUpDatapointsToAlarm) {
            props.scaleUpDatapointsToAlarm(scaleUpDatapointsToAlarm);
            return this;
        }

        /**
         * The number of periods the scale-down alarm looks at; times metricPeriod at most one day.
         *
         * <p>Default: - 60
         *
         * @param scaleDownEvaluationPeriods the setting
         * @return this builder
         */
        public Builder scaleDownEvaluationPeriods(Number scaleDownEvaluationPeriods) {
            props.scaleDownEvaluationPeriods(scaleDownEvaluationPeriods);
            return this;
        }

        /**
         * The number of those periods that must be under the scale-down threshold, at most scaleDownEvaluationPeriods.
         *
         * <p>Default: - 57
         *
         * @param scaleDownDatapointsToAlarm the setting
         * @return this builder
         */
        public Builder scaleDownDatapointsToAlarm(Number scaleDownDatapointsToAlarm) {
            props.scaleDownDatapointsToAlarm(scaleDownDatapointsToAlarm);
            return this;
        }

        /**
         * Blocks scale-downs while consumers lag: when set, the scale-down alarm also counts the maximum {@code GetRecords.IteratorAgeMilliseconds}, which reaches the scale-down threshold when consumers are this far behind. A whole number of minutes.
         *
         * <p>Default: - off: consumer lag does not block scale-downs
         *
         * @param iteratorAgeBlock the setting
         * @return this builder
         */
        public Builder iteratorAgeBlock(Duration iteratorAgeBlock) {
            props.iteratorAgeBlock(iteratorAgeBlock);
            return this;
        }

        /**
         * Whether the scaling function only logs its decisions (and resets the alarm) instead of scaling.
         *
         * <p>Default: - false
         *
         * @param dryRun the setting
         * @return this builder
         */
        public Builder dryRun(Boolean dryRun) {
            props.dryRun(dryRun);
            return this;
        }

        /**
         * A consumer function whose reserved concurrency follows the shard count: shards times consumerConcurrencyPerShard. When the reservation is refused it is removed, never left below what the shards need.
         *
         * <p>Default: - no consumer concurrency management
         *
         * @param consumerFunction the setting
         * @return this builder
         */
        public Builder consumerFunction(IFunction consumerFunction) {
            props.consumerFunction(consumerFunction);
            return this;
        }

        /**
         * Reserved concurrent executions of consumerFunction per shard; only with consumerFunction.
         *
         * <p>Default: - 1
         *
         * @param consumerConcurrencyPerShard the setting
         * @return this builder
         */
        public Builder consumerConcurrencyPerShard(Number consumerConcurrencyPerShard) {
            props.consumerConcurrencyPerShard(consumerConcurrencyPerShard);
            return this;
        }

        /**
         * The scaler (SNS topic and scaling function) that scales this stream; it must be in the stream's stack.
         *
         * <p>Default: - the scaler shared by every AutoScalingKinesisStream of the stack, defined on first use
         *
         * @param scaler the setting
         * @return this builder
         */
        public Builder scaler(KinesisStreamScaler scaler) {
            props.scaler(scaler);
            return this;
        }

        /**
         * Defines the auto-scaling stream.
         *
         * @return the construct
         * @throws IllegalArgumentException naming the setting, its value and what is allowed
         */
        public AutoScalingKinesisStream build() {
            return new AutoScalingKinesisStream(scope, id, props.build());
        }
    }
}
