package dev.kinesisautoscaling.internal;

import dev.kinesisautoscaling.contract.AlarmContract;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The scaling function's permissions for its streams: exact ARNs only, packed into customer
 * managed policies that stay within IAM's limits.
 *
 * <p>A managed policy holds at most 6,144 characters and a role at most 10 managed policies
 * (IAM's default quota). Sizes are estimated from the names with the longest partition, region
 * and account, and an unresolved name counts as the longest stream name Kinesis allows. When the
 * streams do not fit, the error says so at synthesis instead of at deployment.
 */
public final class ScalingPermissions {

    /** IAM's limit of managed policies attached to one role (default quota). */
    public static final int MAX_POLICIES_PER_ROLE = 10;
    /** IAM's limit on the size of a managed policy, in characters without white space. */
    public static final int MAX_POLICY_SIZE = 6_144;

    private static final int LONGEST_STREAM_NAME = 128;
    /** {@code "arn:aws-us-gov:kinesis:ap-southeast-2:123456789012:stream/"} plus quotes and a comma. */
    private static final int STREAM_ARN_OVERHEAD = 62;
    /** {@code "arn:aws-us-gov:cloudwatch:ap-southeast-2:123456789012:alarm:"} plus quotes and a comma. */
    private static final int ALARM_ARN_OVERHEAD = 64;
    /** {@code "arn:aws-us-gov:lambda:ap-southeast-2:123456789012:function:"} plus quotes, a comma and a name. */
    private static final int FUNCTION_ARN_SIZE = 64 + 64;
    /** A document with three statements: version, effects, actions, brackets. */
    private static final int DOCUMENT_OVERHEAD = 520;

    private final Construct scope;
    private final IRole role;
    private final Construct function;
    private final List<ManagedPolicy> policies = new ArrayList<>();
    private PolicyStatement streams;
    private PolicyStatement alarms;
    private PolicyStatement consumers;
    private int size;

    /**
     * Manages the policies of a role.
     *
     * @param scope where the policies are defined
     * @param role the scaling function's role
     * @param function the scaling function, which is deployed only once its policies are attached
     */
    public ScalingPermissions(Construct scope, IRole role, Construct function) {
        this.scope = scope;
        this.role = role;
        this.function = function;
    }

    /**
     * Lets the role describe and reshard one stream, read, rewrite, tag and reset its two alarms,
     * and set its consumer's reserved concurrency.
     *
     * @param stream the stream
     * @param streamName the stream's name, possibly a token
     * @param scaleUpAlarmArn the scale-up alarm's ARN
     * @param scaleDownAlarmArn the scale-down alarm's ARN
     * @param consumer the consumer function, or null
     * @throws IllegalStateException when the role cannot hold another stream's permissions
     */
    public void addStream(IStream stream, String streamName, String scaleUpAlarmArn, String scaleDownAlarmArn,
                          IFunction consumer) {
        checkRoom(streamName, consumer != null);
        int needed = needed(streamName, consumer != null);
        if (policies.isEmpty() || size + needed > MAX_POLICY_SIZE) {
            startPolicy();
        }
        size += needed;
        streams.addResources(stream.getStreamArn());
        alarms.addResources(scaleUpAlarmArn, scaleDownAlarmArn);
        if (consumer != null) {
            if (consumers == null) {
                consumers = PolicyStatement.Builder.create()
                        .sid("SetConsumerConcurrency")
                        .actions(List.of("lambda:GetFunctionConcurrency", "lambda:PutFunctionConcurrency",
                                "lambda:DeleteFunctionConcurrency"))
                        .build();
                policies.get(policies.size() - 1).addStatements(consumers);
            }
            consumers.addResources(consumer.getFunctionArn());
        }
    }

    /**
     * Checks, without changing anything, that the role can hold one more stream's permissions.
     *
     * @param streamName the stream's name; null or a token counts as the longest name
     * @param withConsumer whether the stream has a consumer function
     * @throws IllegalStateException when it cannot
     */
    public void checkRoom(String streamName, boolean withConsumer) {
        int needed = needed(streamName, withConsumer);
        boolean newPolicy = policies.isEmpty() || size + needed > MAX_POLICY_SIZE;
        if (newPolicy && policies.size() == MAX_POLICIES_PER_ROLE) {
            throw new IllegalStateException("the scaler " + scope.getNode().getPath() + " cannot take another stream: "
                    + "its role would need more than " + MAX_POLICIES_PER_ROLE + " managed policies of "
                    + MAX_POLICY_SIZE + " characters, IAM's limits. Give some streams their own KinesisStreamScaler "
                    + "(the scaler setting) or define them in another stack.");
        }
    }

    private static int needed(String streamName, boolean withConsumer) {
        int name = streamName == null || Token.isUnresolved(streamName) ? LONGEST_STREAM_NAME : streamName.length();
        return STREAM_ARN_OVERHEAD + name + 2 * (ALARM_ARN_OVERHEAD + name)
                + AlarmContract.SCALE_UP_SUFFIX.length() + AlarmContract.SCALE_DOWN_SUFFIX.length()
                + (withConsumer ? FUNCTION_ARN_SIZE : 0);
    }

    private void startPolicy() {
        streams = PolicyStatement.Builder.create()
                .sid("DescribeAndReshardStreams")
                .actions(List.of("kinesis:DescribeStreamSummary", "kinesis:UpdateShardCount"))
                .build();
        alarms = PolicyStatement.Builder.create()
                .sid("ReadAndRewriteScalingAlarms")
                .actions(List.of("cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource",
                        "cloudwatch:TagResource", "cloudwatch:PutMetricAlarm", "cloudwatch:SetAlarmState"))
                .build();
        consumers = null;
        ManagedPolicy policy = ManagedPolicy.Builder.create(scope, "ScalingPolicy" + (policies.size() + 1))
                .description("Lets the kinesis-autoscaling scaling function scale exactly these streams")
                .statements(List.of(streams, alarms))
                .roles(List.of(role))
                .build();
        policies.add(policy);
        function.getNode().addDependency(policy);
        size = DOCUMENT_OVERHEAD;
    }

    /**
     * The ARN of an alarm of the stack's account and region, as one compact substitution.
     *
     * @param alarmName the alarm's name (or a pattern), possibly a token
     * @return the ARN
     */
    public static String alarmArn(String alarmName) {
        String prefix = "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:";
        if (Token.isUnresolved(alarmName)) {
            return Fn.sub(prefix + "${AlarmName}", java.util.Map.of("AlarmName", alarmName));
        }
        return Fn.sub(prefix + alarmName);
    }
}
