package dev.kinesisautoscaling;

import dev.kinesisautoscaling.contract.MetricContract;
import dev.kinesisautoscaling.internal.NagSuppression;
import dev.kinesisautoscaling.internal.ReconciliationSchedule;
import dev.kinesisautoscaling.internal.ScalingFunctionCode;
import dev.kinesisautoscaling.internal.ScalingPermissions;
import dev.kinesisautoscaling.internal.StreamSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.StarPrincipal;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.LambdaSubscription;
import software.amazon.awscdk.services.sns.subscriptions.LambdaSubscriptionProps;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Defines what scales Kinesis streams: the SNS topic their alarms notify, encrypted with a
 * customer managed KMS key, and the Java scaling function subscribed to it.
 *
 * <p>One scaler serves any number of streams: every {@link AutoScalingKinesisStream} of a stack
 * shares the scaler returned by {@link #of(Construct)} unless it is given another one. Each stream
 * adds only its two alarms and the permissions for exactly its stream, alarms and consumer.
 *
 * <p>The function runs on the newest Java runtime with arm64, one execution at a time (reserved
 * concurrency 1, so that two notifications of one stream never race), logs JSON to a log group
 * with a retention, and keeps events that failed all retries in an encrypted queue. A failure
 * alarm counts failed invocations and the decisions that need an operator.
 */
public class KinesisStreamScaler extends Construct {

    /** What the account may do with the topic key: administer it, but not encrypt or decrypt with it. */
    private static final List<String> KEY_ADMINISTRATION = List.of("kms:Create*", "kms:Describe*", "kms:Enable*",
            "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*",
            "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
            "kms:RotateKeyOnDemand");

    /** The units of a token duration that an EventBridge rate expression takes. */
    private static final Set<String> TOKEN_RATE_UNITS = Set.of("minutes", "hours", "days");

    /** The scaling function's handler class, named by string so that users need no Lambda libraries. */
    static final String HANDLER = "dev.kinesisautoscaling.runtime.ScalingHandler";
    /** The handler's method that takes both the alarms' SNS events and the reconciliation requests. */
    static final String HANDLER_METHOD = "handleEvent";

    /** The id under which the stack's shared scaler is defined. */
    public static final String SHARED_ID = "KinesisStreamScaler";

    private final Key topicKey;
    private final Topic topic;
    private final LogGroup logGroup;
    private final Role role;
    private final Queue deadLetterQueue;
    private final Function function;
    private final Alarm failureAlarm;
    private final ScalingPermissions permissions;
    private final ReconciliationSchedule reconciliation;

    /**
     * Defines a scaler with the default settings.
     *
     * @param scope the parent construct
     * @param id the construct's id
     */
    public KinesisStreamScaler(Construct scope, String id) {
        this(scope, id, KinesisStreamScalerProps.builder().build());
    }

    /**
     * Defines a scaler.
     *
     * @param scope the parent construct
     * @param id the construct's id
     * @param props the settings
     */
    public KinesisStreamScaler(Construct scope, String id, KinesisStreamScalerProps props) {
        this(scope, id, props, reconciliationInterval(props));
    }

    /** Takes the settings checked before the scaler adds itself to the tree. */
    private KinesisStreamScaler(Construct scope, String id, KinesisStreamScalerProps props,
                                Duration reconciliationInterval) {
        super(scope, id);
        Stack stack = Stack.of(this);

        // The account administers the key but cannot use it; only CloudWatch alarms encrypt with it
        // (the AWS managed SNS key does not let them publish). The account conditions sit on the
        // topic policy, where CloudWatch presents them.
        topicKey = Key.Builder.create(this, "TopicKey")
                .description("Encrypts the scaling topic of kinesis-autoscaling; CloudWatch alarms publish with it")
                .enableKeyRotation(true)
                .policy(PolicyDocument.Builder.create().statements(List.of(
                        PolicyStatement.Builder.create()
                                .sid("AllowTheAccountToAdministerTheKey")
                                .principals(List.of(new AccountRootPrincipal()))
                                .actions(KEY_ADMINISTRATION)
                                .resources(List.of("*"))
                                .build(),
                        PolicyStatement.Builder.create()
                                .sid("AllowCloudWatchAlarmsToPublish")
                                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                                .resources(List.of("*"))
                                .build())).build())
                .build();

        topic = Topic.Builder.create(this, "Topic")
                .displayName("kinesis-autoscaling scaling alarms")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsOfThisAccount")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()),
                        "ArnLike", Map.of("aws:SourceArn", ScalingPermissions.alarmArn("*"))))
                .build());
        // Cross-account publishing needs an allow in this policy and gets none; the denials make the
        // refusal explicit. Each applies only when its key is present, so that CloudWatch is not caught.
        topic.addToResourcePolicy(denyPublishing("DenyPrincipalsOfOtherAccounts", "aws:PrincipalAccount", stack));
        topic.addToResourcePolicy(denyPublishing("DenyServicesActingForOtherAccounts", "aws:SourceAccount", stack));

        logGroup = LogGroup.Builder.create(this, "LogGroup")
                .retention(props.getLogRetention() != null ? props.getLogRetention() : AutoScalingDefaults.LOG_RETENTION)
                .build();

        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Scales the Kinesis streams of kinesis-autoscaling; exact ARNs of every managed stream and alarm")
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("WriteDecisionLogs")
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn()))
                .build());

        deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(AutoScalingDefaults.DEAD_LETTER_RETENTION_DAYS))
                .build();
        NagSuppression.suppress(deadLetterQueue, "AwsSolutions-SQS3",
                "This queue is the scaling function's dead-letter queue: it keeps the events that failed every retry");

        ApplicationLogLevel level = props.getLogLevel() != null ? props.getLogLevel() : AutoScalingDefaults.LOG_LEVEL;
        String runtimeLevel = runtimeLogLevel(level);
        function = Function.Builder.create(this, "Function")
                .description("Scales Kinesis streams when their kinesis-autoscaling alarms fire")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(HANDLER + "::" + HANDLER_METHOD)
                .code(ScalingFunctionCode.code())
                .memorySize(AutoScalingDefaults.SCALER_MEMORY_MIB)
                .timeout(Duration.seconds(AutoScalingDefaults.SCALER_TIMEOUT_SECONDS))
                .reservedConcurrentExecutions(1)
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                // Lambda drops JSON lines below this level; the decision lines, which carry the metrics, are
                // at INFO or above and must never be dropped, so the function filters its own lines.
                .applicationLogLevelV2(runtimeLevel.equals("DEBUG") ? ApplicationLogLevel.DEBUG : ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.WARN)
                .environment(Map.of(
                        "LOG_LEVEL", runtimeLevel,
                        "AWS_MAX_ATTEMPTS", Integer.toString(AutoScalingDefaults.API_MAX_ATTEMPTS),
                        "API_CALL_ATTEMPT_TIMEOUT_MILLIS", Integer.toString(AutoScalingDefaults.API_CALL_ATTEMPT_TIMEOUT_MILLIS),
                        "API_CALL_TIMEOUT_MILLIS", Integer.toString(AutoScalingDefaults.API_CALL_TIMEOUT_MILLIS),
                        // Only the fast compiler: the function runs briefly, and start-up matters more than peak speed.
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))
                .retryAttempts(2)
                .maxEventAge(Duration.hours(1))
                .onFailure(new SqsDestination(deadLetterQueue))
                .build();
        topic.addSubscription(new LambdaSubscription(function, LambdaSubscriptionProps.builder().build()));
        permissions = new ScalingPermissions(this, role, function);

        failureAlarm = Alarm.Builder.create(this, "FailureAlarm")
                .alarmDescription("kinesis-autoscaling: the scaling function failed, met a notification or alarm "
                        + "pair it cannot act on, had a scaling refused by Kinesis or a consumer reservation refused "
                        + "by Lambda; see its decision lines in the log group")
                .metric(failureMetric())
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        if (props.getAlarmTopic() != null) {
            failureAlarm.addAlarmAction(new SnsAction(props.getAlarmTopic()));
        }

        boolean reconcile = props.getReconciliationEnabled() != null
                ? props.getReconciliationEnabled() : AutoScalingDefaults.RECONCILIATION_ENABLED;
        reconciliation = reconcile ? new ReconciliationSchedule(this, function, reconciliationInterval) : null;
    }

    /** The reconciliation interval, checked before anything is defined. */
    private static Duration reconciliationInterval(KinesisStreamScalerProps props) {
        Duration interval = props.getReconciliationInterval();
        if (interval == null) {
            return Duration.minutes(AutoScalingDefaults.RECONCILIATION_INTERVAL_MINUTES);
        }
        if (interval.isUnresolved()) {
            // EventBridge's rate expression takes a token only as a count of these units.
            if (!TOKEN_RATE_UNITS.contains(interval.unitLabel())) {
                throw new IllegalArgumentException("reconciliationInterval (a token of " + interval.unitLabel()
                        + ") must be a token of minutes, hours or days: EventBridge's rate expression takes no other unit");
            }
            return interval;
        }
        StreamSettings.wholeMinutes("reconciliationInterval", interval);
        return interval;
    }

    /**
     * The scaler shared by every {@link AutoScalingKinesisStream} of the scope's stack, defined
     * with the default settings on first use.
     *
     * @param scope any construct of the stack
     * @return the stack's shared scaler
     */
    public static KinesisStreamScaler of(Construct scope) {
        Stack stack = Stack.of(scope);
        Object existing = stack.getNode().tryFindChild(SHARED_ID);
        if (existing instanceof KinesisStreamScaler scaler) {
            return scaler;
        }
        if (existing != null) {
            throw new IllegalStateException("the stack already has a construct with id " + SHARED_ID
                    + " that is not a KinesisStreamScaler");
        }
        return new KinesisStreamScaler(stack, SHARED_ID);
    }

    /**
     * Checks, before a stream defines anything, that the function's role can hold its permissions.
     *
     * @throws IllegalStateException when it cannot
     */
    void checkRoom(String streamName, boolean withConsumer) {
        permissions.checkRoom(streamName, withConsumer);
    }

    /**
     * Gives the scaling function what it needs for one stream: describe and reshard exactly this
     * stream, read, rewrite, tag and reset exactly its two alarms, and set the consumer's reserved
     * concurrency; and has the reconciliation schedule check the pair.
     */
    void addStream(IStream stream, String streamName, String scaleUpAlarmName, String scaleDownAlarmName,
                   IFunction consumer) {
        permissions.addStream(stream, streamName, ScalingPermissions.alarmArn(scaleUpAlarmName),
                ScalingPermissions.alarmArn(scaleDownAlarmName), consumer);
        if (reconciliation != null) {
            reconciliation.addPair(scaleUpAlarmName, scaleDownAlarmName);
        }
    }

    private PolicyStatement denyPublishing(String sid, String accountKey, Stack stack) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.DENY)
                .principals(List.of(new StarPrincipal()))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of(
                        "StringNotEquals", Map.of(accountKey, stack.getAccount()),
                        "Null", Map.of(accountKey, "false")))
                .build();
    }

    private IMetric failureMetric() {
        Map<String, IMetric> metrics = new LinkedHashMap<>();
        metrics.put("errors", function.metricErrors(MetricOptions.builder()
                .period(Duration.minutes(5)).statistic("Sum").build()));
        metrics.put("failures", scalerMetric(MetricContract.SCALING_FAILURES));
        metrics.put("invalidNotifications", scalerMetric(MetricContract.INVALID_NOTIFICATIONS));
        metrics.put("invalidConfigurations", scalerMetric(MetricContract.INVALID_CONFIGURATIONS));
        metrics.put("limitExceeded", scalerMetric(MetricContract.SCALING_LIMIT_EXCEEDED));
        metrics.put("consumerFallbacks", scalerMetric(MetricContract.CONSUMER_CONCURRENCY_FALLBACKS));
        return MathExpression.Builder.create()
                .expression("FILL(errors,0)+FILL(failures,0)+FILL(invalidNotifications,0)+FILL(invalidConfigurations,0)"
                        + "+FILL(limitExceeded,0)+FILL(consumerFallbacks,0)")
                .usingMetrics(metrics)
                .label("Scaling failures and unusable input")
                .period(Duration.minutes(5))
                .build();
    }

    private Metric scalerMetric(String metricName) {
        return Metric.Builder.create()
                .namespace(MetricContract.NAMESPACE)
                .metricName(metricName)
                .dimensionsMap(Map.of(MetricContract.FUNCTION_NAME_DIMENSION, function.getFunctionName()))
                .statistic("Sum")
                .period(Duration.minutes(5))
                .build();
    }

    private static String runtimeLogLevel(ApplicationLogLevel level) {
        return switch (level) {
            case TRACE, DEBUG -> "DEBUG";
            case WARN -> "WARN";
            case ERROR, FATAL -> "ERROR";
            default -> "INFO";
        };
    }

    /**
     * The topic that the alarms of the managed streams notify.
     *
     * @return the SNS topic
     */
    public Topic getTopic() {
        return topic;
    }

    /**
     * The customer managed key that encrypts the topic.
     *
     * @return the KMS key
     */
    public Key getTopicKey() {
        return topicKey;
    }

    /**
     * The scaling function.
     *
     * @return the Lambda function
     */
    public Function getFunction() {
        return function;
    }

    /**
     * The scaling function's role; its managed policies list every managed stream and alarm.
     *
     * @return the IAM role
     */
    public Role getRole() {
        return role;
    }

    /**
     * The scaling function's log group: one decision line per notification.
     *
     * @return the log group
     */
    public LogGroup getLogGroup() {
        return logGroup;
    }

    /**
     * The queue that keeps events that failed every retry.
     *
     * @return the SQS queue
     */
    public Queue getDeadLetterQueue() {
        return deadLetterQueue;
    }

    /**
     * The schedules that have the scaling function compare every alarm pair with its stream; more
     * than one only when the pairs do not fit the events of one rule.
     *
     * @return the EventBridge rules, none when reconciliation is off
     */
    public List<Rule> getReconciliationRules() {
        return reconciliation == null ? List.of() : reconciliation.rules();
    }

    /**
     * The alarm on failed invocations and on decisions that need an operator (unusable
     * notifications and alarm pairs).
     *
     * @return the CloudWatch alarm
     */
    public Alarm getFailureAlarm() {
        return failureAlarm;
    }
}
