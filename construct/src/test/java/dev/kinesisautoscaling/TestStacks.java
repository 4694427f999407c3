package dev.kinesisautoscaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.IConstruct;

/** Stacks and template lookups shared by the construct tests. */
final class TestStacks {

    private TestStacks() {
    }

    /** The ARN of a consumer function that the tests import instead of defining. */
    static final String IMPORTED_CONSUMER_ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders-consumer";

    /** A new stack in a new app, without account or region. */
    static Stack stack() {
        return new Stack(new App(), "TestStack");
    }

    /** A consumer function defined in the stack, with id Consumer. */
    static Function consumer(Stack stack) {
        return Function.Builder.create(stack, "Consumer")
                .runtime(Runtime.NODEJS_24_X)
                .handler("index.handler")
                .code(Code.fromInline("exports.handler = async () => {};"))
                .build();
    }

    /** A consumer function imported by ARN, with id Consumer: it brings no role into the template. */
    static IFunction importedConsumer(Stack stack) {
        return Function.fromFunctionArn(stack, "Consumer", IMPORTED_CONSUMER_ARN);
    }

    /** The logical id of a CloudFormation element, or of the one an L2 construct wraps. */
    static String logicalId(IConstruct construct) {
        CfnElement element = construct instanceof CfnElement cfn ? cfn : (CfnElement) construct.getNode().getDefaultChild();
        return Stack.of(construct).getLogicalId(element);
    }

    /**
     * The metric lines (as {@link #metricLines} writes them) of an alarm on the defaults' metric math:
     * the usage, m1 to e4, then the given lines.
     */
    static List<String> usageLines(int periodSeconds, int shardCount, String... followingLines) {
        List<String> lines = new ArrayList<>(List.of(
                "m1=AWS/Kinesis IncomingBytes Sum " + periodSeconds,
                "m2=AWS/Kinesis IncomingRecords Sum " + periodSeconds,
                "e1=FILL(m1,0)",
                "e2=FILL(m2,0)",
                "s1=" + shardCount,
                "e3=e1/(1024*1024*" + periodSeconds + "*s1)",
                "e4=e2/(1000*" + periodSeconds + "*s1)"));
        lines.addAll(List.of(followingLines));
        return lines;
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
