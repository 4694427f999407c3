package dev.kinesisautoscaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** Stacks and template lookups shared by the construct tests. */
final class TestStacks {

    private TestStacks() {
    }

    /** A new stack in a new app, without account or region. */
    static Stack stack() {
        return new Stack(new App(), "TestStack");
    }

    /** The only resource of a type, as a map with Type and Properties. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> only(Template template, String type) {
        Map<String, Map<String, Object>> found = template.findResources(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.keySet());
        }
        return (Map<String, Object>) found.values().iterator().next().get("Properties");
    }

    /** The properties of the resource with the given logical id prefix. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Template template, String type, String logicalIdPrefix) {
        for (Map.Entry<String, Map<String, Object>> entry : template.findResources(type).entrySet()) {
            if (entry.getKey().startsWith(logicalIdPrefix)) {
                return (Map<String, Object>) entry.getValue().get("Properties");
            }
        }
        throw new AssertionError("no " + type + " with a logical id starting with " + logicalIdPrefix);
    }

    /** The ids and expressions (or metric names) of an alarm's metrics, in order, as "id=..." lines. */
    @SuppressWarnings("unchecked")
    static List<String> metricLines(Map<String, Object> alarmProperties) {
        List<String> lines = new ArrayList<>();
        for (Object item : (List<Object>) alarmProperties.get("Metrics")) {
            Map<String, Object> query = (Map<String, Object>) item;
            String id = (String) query.get("Id");
            boolean returned = Boolean.TRUE.equals(query.get("ReturnData"));
            if (query.containsKey("Expression")) {
                lines.add(id + "=" + query.get("Expression") + (returned ? " (returned)" : ""));
            } else {
                Map<String, Object> stat = (Map<String, Object>) query.get("MetricStat");
                Map<String, Object> metric = (Map<String, Object>) stat.get("Metric");
                lines.add(id + "=" + metric.get("Namespace") + " " + metric.get("MetricName") + " "
                        + stat.get("Stat") + " " + stat.get("Period") + (returned ? " (returned)" : ""));
            }
        }
        return lines;
    }

    /** An alarm's tags as key to value; values that are not plain strings are rendered as their JSON. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tags(Map<String, Object> alarmProperties) {
        Map<String, Object> tags = new java.util.TreeMap<>();
        for (Object item : (List<Object>) alarmProperties.get("Tags")) {
            Map<String, Object> tag = (Map<String, Object>) item;
            tags.put((String) tag.get("Key"), tag.get("Value"));
        }
        return tags;
    }
}
