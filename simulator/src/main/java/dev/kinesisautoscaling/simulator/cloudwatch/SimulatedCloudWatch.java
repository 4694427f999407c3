package dev.kinesisautoscaling.simulator.cloudwatch;

import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import dev.kinesisautoscaling.simulator.math.MetricMathEvaluator;
import dev.kinesisautoscaling.simulator.math.MetricMathException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.cloudwatch.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudwatch.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.UntagResourceResponse;

/**
 * An in-memory CloudWatch: metric alarms with their tags and states, evaluated against a
 * {@link MetricStore} on the simulated clock.
 *
 * <p>It implements the operations the scaling Lambda calls ({@code DescribeAlarms},
 * {@code ListTagsForResource}, {@code TagResource}, {@code UntagResource}, {@code PutMetricAlarm},
 * {@code SetAlarmState}); any other operation throws {@link UnsupportedOperationException}, as the
 * SDK interface's defaults do.
 *
 * <p>How alarms are evaluated, and what is simplified:
 * <ul>
 *   <li>{@link #evaluateAlarms()} is called by the replay once per simulated minute. Each alarm is
 *       evaluated on its most recent complete periods, aligned to multiples of its period since the
 *       epoch (as CloudWatch timestamps datapoints), over an evaluation range of
 *       {@code EvaluationPeriods + extraPeriods} periods (CloudWatch documents that it retrieves
 *       "a higher number of data points" without giving the number; its example uses N + 2).</li>
 *   <li>An alarm whose newest complete period, configuration and state have not changed since its
 *       last evaluation is not evaluated again: the result would be the same, as evaluation is a
 *       function of the datapoints and the current state.</li>
 *   <li>A minute's datapoint is visible at the end of that minute; CloudWatch's ingestion delay of
 *       Kinesis metrics is not modelled.</li>
 *   <li>{@code SetAlarmState} sets the state until the next evaluation, which happens at the next
 *       simulated minute. A change of state, by evaluation or by {@code SetAlarmState}, publishes a
 *       notification to each SNS action of the new state when actions are enabled; the replay
 *       delivers them.</li>
 *   <li>{@code PutMetricAlarm} replaces the whole configuration and keeps the state, as CloudWatch
 *       does; tags in the request apply only when it creates the alarm.</li>
 * </ul>
 */
public final class SimulatedCloudWatch implements CloudWatchClient {

    /** Periods retrieved beyond {@code EvaluationPeriods}, following CloudWatch's documented example. */
    public static final int DEFAULT_EXTRA_PERIODS = 2;

    /** No period ends at this time, so an alarm whose last evaluation is marked so is evaluated next. */
    private static final long NOT_EVALUATED = Long.MIN_VALUE;

    private final Clock clock;
    private final MetricStore store;
    private final AwsAccount account;
    private final AlarmMessages messages;
    private final int extraPeriods;
    private final Map<String, Entry> alarms = new LinkedHashMap<>();
    private final Map<String, String> namesByArn = new HashMap<>();
    private final List<StateChange.Notification> outbox = new ArrayList<>();
    private long stateChanges;
    private long evaluations;

    private static final class Entry {
        private MetricAlarm alarm;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private int periodSeconds;
        private MetricMathEvaluator.Bound datapoints;
        private AlarmEvaluator.Rule rule;
        /** End of the newest period of the last evaluation; {@code NOT_EVALUATED} asks for an evaluation. */
        private long lastPeriodEnd = NOT_EVALUATED;
    }

    /**
     * A CloudWatch without alarms.
     *
     * @param clock the simulated time
     * @param store the metric data alarms are evaluated on
     * @param account the account and region of ARNs and notifications
     * @param extraPeriods periods retrieved beyond {@code EvaluationPeriods}; see {@link #DEFAULT_EXTRA_PERIODS}
     */
    public SimulatedCloudWatch(Clock clock, MetricStore store, AwsAccount account, int extraPeriods) {
        if (extraPeriods < 0) {
            throw new IllegalArgumentException("extraPeriods (" + extraPeriods + ") must not be negative");
        }
        this.clock = clock;
        this.store = store;
        this.account = account;
        this.messages = new AlarmMessages(account);
        this.extraPeriods = extraPeriods;
    }

    /**
     * Creates an alarm as CloudFormation would: in {@code INSUFFICIENT_DATA}, with its tags.
     *
     * @param alarm the alarm's configuration
     * @param tags the alarm's tags
     * @throws MetricMathException when the alarm's metric math or rule cannot be evaluated
     */
    public void createAlarm(MetricAlarm alarm, Map<String, String> tags) {
        if (alarms.containsKey(alarm.alarmName())) {
            throw new IllegalArgumentException("alarm " + alarm.alarmName() + " exists already");
        }
        Instant now = clock.instant();
        Entry entry = new Entry();
        entry.alarm = alarm.toBuilder()
                .alarmArn(account.alarmArn(alarm.alarmName()))
                .stateValue(StateValue.INSUFFICIENT_DATA)
                .stateReason("Unchecked: Initial alarm creation")
                .stateUpdatedTimestamp(now)
                .alarmConfigurationUpdatedTimestamp(now)
                .build();
        compile(entry);
        entry.tags.putAll(tags);
        alarms.put(alarm.alarmName(), entry);
        namesByArn.put(entry.alarm.alarmArn(), alarm.alarmName());
    }

    private void compile(Entry entry) {
        MetricMathEvaluator math = MetricMathEvaluator.compile(entry.alarm);
        entry.periodSeconds = math.periodSeconds();
        entry.datapoints = math.bind(store);
        entry.rule = AlarmEvaluator.Rule.of(entry.alarm);
    }

    /**
     * Evaluates every alarm at the clock's current time and records the state changes; their
     * notifications wait in {@link #drainNotifications()}.
     *
     * @return the state changes of this evaluation
     */
    public List<StateChange> evaluateAlarms() {
        long now = clock.instant().getEpochSecond();
        List<StateChange> changes = new ArrayList<>();
        for (Entry entry : alarms.values()) {
            int period = entry.periodSeconds;
            long periodEnd = Math.floorDiv(now, period) * period;
            if (periodEnd == entry.lastPeriodEnd) {
                continue;
            }
            int range = entry.rule.evaluationPeriods() + extraPeriods;
            long first = periodEnd - (long) range * period;
            double[] window = entry.datapoints.evaluate(first, range);
            StateValue current = entry.alarm.stateValue();
            AlarmEvaluator.Result result = AlarmEvaluator.evaluate(entry.rule, window, current);
            evaluations++;
            entry.lastPeriodEnd = periodEnd;
            if (result.state() != current) {
                changes.add(changeState(entry, result.state(),
                        AlarmMessages.reason(entry.rule, result, window, first, period), true));
            }
        }
        return changes;
    }

    private StateChange changeState(Entry entry, StateValue newState, String reason, boolean byEvaluation) {
        Instant now = clock.instant();
        MetricAlarm before = entry.alarm;
        StateValue oldState = before.stateValue();
        entry.alarm = before.toBuilder()
                .stateValue(newState)
                .stateReason(reason)
                .stateUpdatedTimestamp(now)
                .stateTransitionedTimestamp(now)
                .build();
        List<String> actions = List.of();
        if (!Boolean.FALSE.equals(before.actionsEnabled())) {
            actions = switch (newState) {
                case ALARM -> before.hasAlarmActions() ? before.alarmActions() : List.of();
                case OK -> before.hasOkActions() ? before.okActions() : List.of();
                case INSUFFICIENT_DATA -> before.hasInsufficientDataActions() ? before.insufficientDataActions() : List.of();
                default -> List.of();
            };
        }
        List<StateChange.Notification> notifications = new ArrayList<>();
        for (String action : actions) {
            if (action.startsWith("arn:") && action.split(":", 4).length == 4 && "sns".equals(action.split(":", 4)[2])) {
                notifications.add(new StateChange.Notification(action, before.alarmName(), newState, now,
                        messages.message(before, oldState, newState, reason, now)));
            }
        }
        StateChange change = new StateChange(now, before.alarmName(), oldState, newState, reason, byEvaluation, notifications);
        stateChanges++;
        outbox.addAll(notifications);
        return change;
    }

    /**
     * Takes the notifications published since the last call, oldest first.
     *
     * @return the notifications, removed from the outbox
     */
    public List<StateChange.Notification> drainNotifications() {
        List<StateChange.Notification> drained = List.copyOf(outbox);
        outbox.clear();
        return drained;
    }

    /**
     * The messages this CloudWatch publishes, to deliver its notifications as SNS events.
     *
     * @return the account's alarm messages
     */
    public AlarmMessages messages() {
        return messages;
    }

    /**
     * An alarm as {@code DescribeAlarms} would return it.
     *
     * @param alarmName the alarm's name
     * @return the alarm, or null when there is none
     */
    public MetricAlarm alarm(String alarmName) {
        Entry entry = alarms.get(alarmName);
        return entry == null ? null : entry.alarm;
    }

    /**
     * An alarm's tags.
     *
     * @param alarmName the alarm's name
     * @return a copy of the tags
     */
    public Map<String, String> tags(String alarmName) {
        Entry entry = alarms.get(alarmName);
        return entry == null ? Map.of() : Map.copyOf(entry.tags);
    }

    /**
     * How many times any alarm changed state.
     *
     * @return the count
     */
    public long stateChangeCount() {
        return stateChanges;
    }

    /**
     * How many alarm evaluations were computed (skipped ones, whose result could not differ, are not counted).
     *
     * @return the count
     */
    public long evaluationCount() {
        return evaluations;
    }

    @Override
    public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
        boolean metricAlarms = !request.hasAlarmTypes() || request.alarmTypes().isEmpty()
                || request.alarmTypes().contains(AlarmType.METRIC_ALARM);
        List<MetricAlarm> found = new ArrayList<>();
        if (metricAlarms) {
            for (Entry entry : alarms.values()) {
                MetricAlarm alarm = entry.alarm;
                if (request.hasAlarmNames() && !request.alarmNames().isEmpty()
                        && !request.alarmNames().contains(alarm.alarmName())) {
                    continue;
                }
                if (request.alarmNamePrefix() != null && !alarm.alarmName().startsWith(request.alarmNamePrefix())) {
                    continue;
                }
                if (request.stateValue() != null && request.stateValue() != alarm.stateValue()) {
                    continue;
                }
                found.add(alarm);
            }
        }
        return DescribeAlarmsResponse.builder().metricAlarms(found).compositeAlarms(List.of()).build();
    }

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        Entry entry = byArn(request.resourceARN());
        List<Tag> tags = new ArrayList<>();
        entry.tags.forEach((key, value) -> tags.add(Tag.builder().key(key).value(value).build()));
        return ListTagsForResourceResponse.builder().tags(tags).build();
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        Entry entry = byArn(request.resourceARN());
        for (Tag tag : request.tags()) {
            entry.tags.put(tag.key(), tag.value());
        }
        return TagResourceResponse.builder().build();
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        Entry entry = byArn(request.resourceARN());
        request.tagKeys().forEach(entry.tags::remove);
        return UntagResourceResponse.builder().build();
    }

    @Override
    public PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest request) {
        if (request.alarmName() == null || request.alarmName().isBlank()) {
            throw InvalidParameterValueException.builder().message("AlarmName is required").build();
        }
        Instant now = clock.instant();
        Entry existing = alarms.get(request.alarmName());
        MetricAlarm.Builder builder = MetricAlarm.builder();
        Map<String, SdkField<?>> requestFields = new HashMap<>();
        for (SdkField<?> field : request.sdkFields()) {
            requestFields.put(field.memberName(), field);
        }
        for (SdkField<?> field : builder.sdkFields()) {
            SdkField<?> source = requestFields.get(field.memberName());
            if (source != null) {
                field.set(builder, source.getValueOrDefault(request));
            }
        }
        builder.alarmArn(account.alarmArn(request.alarmName()))
                .alarmConfigurationUpdatedTimestamp(now);
        if (existing != null) {
            builder.stateValue(existing.alarm.stateValue())
                    .stateReason(existing.alarm.stateReason())
                    .stateUpdatedTimestamp(existing.alarm.stateUpdatedTimestamp())
                    .stateTransitionedTimestamp(existing.alarm.stateTransitionedTimestamp());
        } else {
            builder.stateValue(StateValue.INSUFFICIENT_DATA)
                    .stateReason("Unchecked: Initial alarm creation")
                    .stateUpdatedTimestamp(now);
        }
        Entry entry = new Entry();
        entry.alarm = builder.build();
        try {
            compile(entry);
        } catch (MetricMathException e) {
            throw InvalidParameterValueException.builder().message(e.getMessage()).build();
        }
        if (existing != null) {
            entry.tags.putAll(existing.tags);
        } else if (request.hasTags()) {
            request.tags().forEach(tag -> entry.tags.put(tag.key(), tag.value()));
        }
        alarms.put(request.alarmName(), entry);
        namesByArn.put(entry.alarm.alarmArn(), request.alarmName());
        return PutMetricAlarmResponse.builder().build();
    }

    @Override
    public SetAlarmStateResponse setAlarmState(SetAlarmStateRequest request) {
        Entry entry = alarms.get(request.alarmName());
        if (entry == null) {
            throw ResourceNotFoundException.builder().message("Alarm " + request.alarmName() + " does not exist").build();
        }
        StateValue state = request.stateValue();
        if (state == null || state == StateValue.UNKNOWN_TO_SDK_VERSION) {
            throw InvalidParameterValueException.builder()
                    .message("StateValue '" + request.stateValueAsString() + "' is not OK, ALARM or INSUFFICIENT_DATA").build();
        }
        if (request.stateReason() == null) {
            throw InvalidParameterValueException.builder().message("StateReason is required").build();
        }
        if (state != entry.alarm.stateValue()) {
            changeState(entry, state, request.stateReason(), false);
        }
        // The state set holds only until the next evaluation, which must not be skipped.
        entry.lastPeriodEnd = NOT_EVALUATED;
        return SetAlarmStateResponse.builder().build();
    }

    private Entry byArn(String arn) {
        String name = namesByArn.get(arn);
        Entry entry = name == null ? null : alarms.get(name);
        if (entry == null) {
            throw ResourceNotFoundException.builder().message("No alarm with ARN " + arn).build();
        }
        return entry;
    }

    @Override
    public String serviceName() {
        return "monitoring";
    }

    @Override
    public void close() {
        // Nothing to release: everything is in memory.
    }
}
