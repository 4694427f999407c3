package dev.kinesisautoscaling.runtime.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The CloudWatch metric alarms of one world, their tags and the states set on them.
 *
 * <p>An alarm is held in the shape {@code DescribeAlarms} returns it. {@code PutMetricAlarm}
 * replaces the whole configuration, as CloudWatch does: a property the request leaves out is gone;
 * only the state and the tags survive an update.
 *
 * <p>Not thread-safe: {@link AwsWorld} serialises access.
 */
final class AlarmStore {

    /** Prefix of every alarm ARN of the simulated account. */
    static final String ARN_PREFIX = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> STATES = Set.of("OK", "ALARM", "INSUFFICIENT_DATA");
    private static final Set<String> OPERATORS = Set.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold",
            "LessThanThreshold", "LessThanOrEqualToThreshold", "LessThanLowerOrGreaterThanUpperThreshold",
            "LessThanLowerThreshold", "GreaterThanUpperThreshold");
    /** CloudWatch's pattern for tag keys and values. */
    private static final Pattern TAG_TEXT = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$");

    private static final class Alarm {
        ObjectNode configuration;
        String stateValue = "INSUFFICIENT_DATA";
        String stateReason = "Unchecked: Initial alarm creation";
        Instant configurationUpdated;
        Instant stateUpdated;
        final List<String> statesSet = new ArrayList<>();
    }

    private final TreeMap<String, Alarm> alarms = new TreeMap<>();
    private final Map<String, Map<String, String>> tagsByArn = new LinkedHashMap<>();

    static String arn(String alarmName) {
        return ARN_PREFIX + alarmName;
    }

    static String alarmName(String arn) {
        return arn.startsWith(ARN_PREFIX) ? arn.substring(ARN_PREFIX.length()) : arn;
    }

    /** Adds an alarm as CloudFormation would have created it, with a state and tags, without a recorded call. */
    void seed(ObjectNode configuration, String state, Map<String, String> tags, Instant now) {
        putMetricAlarm(configuration, now);
        Alarm alarm = alarms.get(configuration.get("AlarmName").asText());
        alarm.stateValue = state;
        alarm.stateReason = "Seeded by the test";
        tagsByArn.put(arn(configuration.get("AlarmName").asText()), new LinkedHashMap<>(tags));
    }

    /** The alarm as {@code DescribeAlarms} returns it, or null. */
    ObjectNode describe(String name) {
        Alarm alarm = alarms.get(name);
        return alarm == null ? null : render(name, alarm);
    }

    Map<String, String> tags(String alarmName) {
        Map<String, String> tags = tagsByArn.get(arn(alarmName));
        return tags == null ? null : new LinkedHashMap<>(tags);
    }

    List<String> statesSet(String alarmName) {
        Alarm alarm = alarms.get(alarmName);
        return alarm == null ? List.of() : List.copyOf(alarm.statesSet);
    }

    JsonNode execute(String operation, JsonNode input, Instant now) {
        return switch (operation) {
            case "DescribeAlarms" -> describeAlarms(input);
            case "ListTagsForResource" -> listTagsForResource(input);
            case "TagResource" -> tagResource(input);
            case "PutMetricAlarm" -> putMetricAlarm(input, now);
            case "SetAlarmState" -> setAlarmState(input, now);
            default -> throw new ServiceError(400, "UnknownOperationException", "InvalidAction",
                    "Operation " + operation + " is not supported by the local endpoint");
        };
    }

    private JsonNode describeAlarms(JsonNode input) {
        boolean byNames = input.has("AlarmNames");
        boolean byPrefix = input.has("AlarmNamePrefix");
        if (byNames && byPrefix) {
            throw combination("AlarmNames and AlarmNamePrefix cannot be used together");
        }
        Set<String> types = new HashSet<>();
        input.path("AlarmTypes").forEach(type -> types.add(type.asText()));
        boolean metricAlarms = types.isEmpty() || types.contains("MetricAlarm");
        int maxRecords = input.path("MaxRecords").asInt(50);
        if (maxRecords < 1 || maxRecords > 100) {
            throw invalidValue("MaxRecords (" + maxRecords + ") must be from 1 to 100");
        }
        Set<String> names = new HashSet<>();
        input.path("AlarmNames").forEach(name -> names.add(name.asText()));
        if (names.size() > 100) {
            throw invalidValue("AlarmNames holds more than 100 names");
        }
        String prefix = input.path("AlarmNamePrefix").asText("");
        String state = input.path("StateValue").asText(null);
        List<String> matching = new ArrayList<>();
        if (metricAlarms) {
            for (Map.Entry<String, Alarm> entry : alarms.entrySet()) {
                String name = entry.getKey();
                boolean selected = byNames ? names.contains(name) : name.startsWith(prefix);
                if (selected && (state == null || state.equals(entry.getValue().stateValue))) {
                    matching.add(name);
                }
            }
        }
        int start = 0;
        if (input.hasNonNull("NextToken")) {
            String token = input.get("NextToken").asText();
            try {
                start = Integer.parseInt(token.substring("page-".length()));
            } catch (RuntimeException e) {
                throw new ServiceError(400, "InvalidNextToken", "InvalidNextToken", "The next token " + token + " is invalid");
            }
        }
        ObjectNode output = NODES.objectNode();
        ArrayNode page = output.putArray("MetricAlarms");
        int end = Math.min(matching.size(), start + maxRecords);
        for (int i = start; i < end; i++) {
            page.add(render(matching.get(i), alarms.get(matching.get(i))));
        }
        output.putArray("CompositeAlarms");
        if (end < matching.size()) {
            output.put("NextToken", "page-" + end);
        }
        return output;
    }

    private JsonNode listTagsForResource(JsonNode input) {
        Map<String, String> tags = requireTags(input);
        ObjectNode output = NODES.objectNode();
        ArrayNode list = output.putArray("Tags");
        tags.forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
        return output;
    }

    private JsonNode tagResource(JsonNode input) {
        Map<String, String> tags = requireTags(input);
        Map<String, String> added = new LinkedHashMap<>();
        for (JsonNode tag : input.path("Tags")) {
            String key = tag.path("Key").asText("");
            String value = tag.path("Value").asText(null);
            if (key.isEmpty() || key.length() > 128 || !TAG_TEXT.matcher(key).matches()) {
                throw invalidValue("tag key '" + key + "' is not a valid tag key");
            }
            if (value == null || value.length() > 256 || !TAG_TEXT.matcher(value).matches()) {
                throw invalidValue("tag value '" + value + "' of key " + key + " is not a valid tag value");
            }
            added.put(key, value);
        }
        Map<String, String> merged = new LinkedHashMap<>(tags);
        merged.putAll(added);
        if (merged.size() > 50) {
            throw invalidValue("a resource can hold at most 50 tags");
        }
        tags.putAll(added);
        return NODES.objectNode();
    }

    private Map<String, String> requireTags(JsonNode input) {
        String arn = input.path("ResourceARN").asText("");
        Map<String, String> tags = tagsByArn.get(arn);
        if (tags == null) {
            throw new ServiceError(404, "ResourceNotFoundException", "ResourceNotFoundException",
                    "The specified resource " + arn + " does not exist.");
        }
        return tags;
    }

    private JsonNode putMetricAlarm(JsonNode input, Instant now) {
        validate(input);
        String name = input.get("AlarmName").asText();
        ObjectNode configuration = NODES.objectNode();
        input.properties().forEach(field -> {
            if (!"Tags".equals(field.getKey())) {
                configuration.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        Alarm alarm = alarms.get(name);
        if (alarm == null) {
            alarm = new Alarm();
            alarm.stateUpdated = now;
            alarms.put(name, alarm);
            Map<String, String> tags = new LinkedHashMap<>();
            input.path("Tags").forEach(tag -> tags.put(tag.path("Key").asText(), tag.path("Value").asText()));
            tagsByArn.put(arn(name), tags);
        }
        alarm.configuration = configuration;
        alarm.configurationUpdated = now;
        return NODES.objectNode();
    }

    private JsonNode setAlarmState(JsonNode input, Instant now) {
        String name = input.path("AlarmName").asText("");
        String state = input.path("StateValue").asText("");
        String reason = input.path("StateReason").asText(null);
        if (!STATES.contains(state)) {
            throw invalidValue("StateValue '" + state + "' is not OK, ALARM or INSUFFICIENT_DATA");
        }
        if (reason == null) {
            throw missing("StateReason");
        }
        if (reason.length() > 1023) {
            throw invalidValue("StateReason is longer than 1023 characters");
        }
        Alarm alarm = alarms.get(name);
        if (alarm == null) {
            throw new ServiceError(404, "ResourceNotFound", "ResourceNotFound", "Alarm " + name + " not found");
        }
        alarm.stateValue = state;
        alarm.stateReason = reason;
        alarm.stateUpdated = now;
        alarm.statesSet.add(state);
        return NODES.objectNode();
    }

    private static void validate(JsonNode input) {
        String name = input.path("AlarmName").asText("");
        if (name.isEmpty()) {
            throw missing("AlarmName");
        }
        if (name.length() > 255) {
            throw invalidValue("AlarmName is longer than 255 characters");
        }
        if (!input.path("EvaluationPeriods").canConvertToInt() || input.get("EvaluationPeriods").intValue() < 1) {
            throw missing("EvaluationPeriods");
        }
        int evaluationPeriods = input.get("EvaluationPeriods").intValue();
        if (input.has("DatapointsToAlarm") && input.get("DatapointsToAlarm").intValue() > evaluationPeriods) {
            throw invalidValue("DatapointsToAlarm must not exceed EvaluationPeriods");
        }
        if (!OPERATORS.contains(input.path("ComparisonOperator").asText(""))) {
            throw invalidValue("ComparisonOperator '" + input.path("ComparisonOperator").asText("") + "' is not valid");
        }
        boolean thresholdMetric = input.hasNonNull("ThresholdMetricId");
        if (!thresholdMetric && !input.path("Threshold").isNumber()) {
            throw missing("Threshold");
        }
        boolean metricMath = input.has("Metrics");
        boolean singleMetric = input.has("MetricName") || input.has("Namespace") || input.has("Statistic")
                || input.has("Period") || input.has("Dimensions");
        if (metricMath == singleMetric) {
            throw combination("exactly one of MetricName (with Namespace, Statistic, Period) and Metrics must be given");
        }
        if (metricMath) {
            validateMetrics(input.get("Metrics"));
        }
        String treatMissing = input.path("TreatMissingData").asText("missing");
        if (!Set.of("breaching", "notBreaching", "ignore", "missing").contains(treatMissing)) {
            throw invalidValue("TreatMissingData '" + treatMissing + "' is not valid");
        }
    }

    private static void validateMetrics(JsonNode metrics) {
        if (!metrics.isArray() || metrics.isEmpty()) {
            throw invalidValue("Metrics must hold at least one query");
        }
        Set<String> ids = new HashSet<>();
        int returned = 0;
        for (JsonNode query : metrics) {
            String id = query.path("Id").asText("");
            if (!id.matches("^[a-z][a-zA-Z0-9_]*$") || !ids.add(id)) {
                throw invalidValue("metric id '" + id + "' is missing, invalid or used twice");
            }
            if (query.has("Expression") == query.has("MetricStat")) {
                throw combination("metric " + id + " must have exactly one of Expression and MetricStat");
            }
            if (query.path("ReturnData").asBoolean(true)) {
                returned++;
            }
        }
        if (returned != 1) {
            throw invalidValue("exactly one metric of an alarm must return data; " + returned + " do");
        }
    }

    private ObjectNode render(String name, Alarm alarm) {
        ObjectNode rendered = NODES.objectNode();
        rendered.put("AlarmName", name);
        rendered.put("AlarmArn", arn(name));
        alarm.configuration.properties().forEach(field -> {
            if (!"AlarmName".equals(field.getKey())) {
                rendered.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        rendered.set("AlarmConfigurationUpdatedTimestamp", Cbor.timestamp(alarm.configurationUpdated));
        rendered.put("StateValue", alarm.stateValue);
        rendered.put("StateReason", alarm.stateReason);
        rendered.set("StateUpdatedTimestamp", Cbor.timestamp(alarm.stateUpdated));
        rendered.set("StateTransitionedTimestamp", Cbor.timestamp(alarm.stateUpdated));
        return rendered;
    }

    private static ServiceError missing(String parameter) {
        return new ServiceError(400, "MissingRequiredParameterException", "MissingParameter",
                "The parameter " + parameter + " is required.");
    }

    private static ServiceError invalidValue(String message) {
        return new ServiceError(400, "InvalidParameterValueException", "InvalidParameterValue", message);
    }

    private static ServiceError combination(String message) {
        return new ServiceError(400, "InvalidParameterCombinationException", "InvalidParameterCombination", message);
    }
}
