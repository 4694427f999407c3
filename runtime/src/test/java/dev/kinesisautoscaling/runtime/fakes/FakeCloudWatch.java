package dev.kinesisautoscaling.runtime.fakes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
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

/**
 * A CloudWatch that keeps metric alarms and their tags in memory. {@code PutMetricAlarm} replaces
 * the whole configuration, as CloudWatch does: a property the request leaves out is gone.
 */
public final class FakeCloudWatch implements CloudWatchClient {

    public static final String ARN_PREFIX = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:";

    private final AwsCalls calls;
    private final Map<String, MetricAlarm> alarms = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> tags = new HashMap<>();
    private final Map<String, List<StateValue>> stateHistory = new HashMap<>();

    public FakeCloudWatch(AwsCalls calls) {
        this.calls = calls;
    }

    /** Adds an alarm as if CloudFormation had created it, with its tags. */
    public void addAlarm(MetricAlarm alarm, Map<String, String> alarmTags) {
        MetricAlarm stored = alarm.toBuilder().alarmArn(ARN_PREFIX + alarm.alarmName()).build();
        alarms.put(alarm.alarmName(), stored);
        tags.put(stored.alarmArn(), new LinkedHashMap<>(alarmTags));
    }

    /** Replaces an alarm's configuration without a recorded call, as a stack update would. */
    public void replaceAlarm(MetricAlarm alarm) {
        alarms.put(alarm.alarmName(), alarm.toBuilder().alarmArn(ARN_PREFIX + alarm.alarmName()).build());
    }

    public MetricAlarm alarm(String name) {
        return alarms.get(name);
    }

    public Map<String, String> tags(String alarmName) {
        return tags.get(ARN_PREFIX + alarmName);
    }

    /** The states the function set on an alarm, in order. */
    public List<StateValue> statesSet(String alarmName) {
        return stateHistory.getOrDefault(alarmName, List.of());
    }

    @Override
    public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
        RuntimeException after = calls.enter("DescribeAlarms", request);
        List<MetricAlarm> found = new ArrayList<>();
        for (String name : request.alarmNames()) {
            if (alarms.containsKey(name)) {
                found.add(alarms.get(name));
            }
        }
        AwsCalls.exit(after);
        return DescribeAlarmsResponse.builder().metricAlarms(found).build();
    }

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        RuntimeException after = calls.enter("ListTagsForResource", request);
        Map<String, String> found = tags.get(request.resourceARN());
        if (found == null) {
            throw ResourceNotFoundException.builder().message("No alarm " + request.resourceARN()).build();
        }
        AwsCalls.exit(after);
        List<Tag> list = new ArrayList<>();
        found.forEach((key, value) -> list.add(Tag.builder().key(key).value(value).build()));
        return ListTagsForResourceResponse.builder().tags(list).build();
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        RuntimeException after = calls.enter("TagResource", request);
        Map<String, String> found = tags.get(request.resourceARN());
        if (found == null) {
            throw ResourceNotFoundException.builder().message("No alarm " + request.resourceARN()).build();
        }
        for (Tag tag : request.tags()) {
            found.put(tag.key(), tag.value());
        }
        AwsCalls.exit(after);
        return TagResourceResponse.builder().build();
    }

    /**
     * The configuration a {@code PutMetricAlarm} request gives an alarm: every property of the
     * request that an alarm has, and nothing else (no ARN, no state).
     */
    public static MetricAlarm configurationOf(PutMetricAlarmRequest request) {
        MetricAlarm.Builder alarm = MetricAlarm.builder();
        Map<String, SdkField<?>> requestFields = new HashMap<>();
        for (SdkField<?> field : request.sdkFields()) {
            requestFields.put(field.memberName(), field);
        }
        for (SdkField<?> field : alarm.sdkFields()) {
            SdkField<?> source = requestFields.get(field.memberName());
            if (source != null) {
                field.set(alarm, source.getValueOrDefault(request));
            }
        }
        return alarm.build();
    }

    @Override
    public PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest request) {
        RuntimeException after = calls.enter("PutMetricAlarm", request);
        MetricAlarm previous = alarms.get(request.alarmName());
        MetricAlarm.Builder alarm = configurationOf(request).toBuilder();
        alarm.alarmArn(ARN_PREFIX + request.alarmName());
        if (previous != null) {
            alarm.stateValue(previous.stateValue());
        }
        alarms.put(request.alarmName(), alarm.build());
        tags.putIfAbsent(ARN_PREFIX + request.alarmName(), new LinkedHashMap<>());
        AwsCalls.exit(after);
        return PutMetricAlarmResponse.builder().build();
    }

    @Override
    public SetAlarmStateResponse setAlarmState(SetAlarmStateRequest request) {
        RuntimeException after = calls.enter("SetAlarmState", request);
        MetricAlarm alarm = alarms.get(request.alarmName());
        if (alarm == null) {
            throw ResourceNotFoundException.builder().message("No alarm " + request.alarmName()).build();
        }
        alarms.put(request.alarmName(), alarm.toBuilder().stateValue(request.stateValue()).build());
        stateHistory.computeIfAbsent(request.alarmName(), k -> new ArrayList<>()).add(request.stateValue());
        AwsCalls.exit(after);
        return SetAlarmStateResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "monitoring";
    }

    @Override
    public void close() {
    }
}
