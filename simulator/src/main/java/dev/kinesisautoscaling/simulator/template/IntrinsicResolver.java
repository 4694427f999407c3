package dev.kinesisautoscaling.simulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves the CloudFormation intrinsic functions that synthesized templates put into alarm names,
 * dimensions, actions and tags, to the values the deployed stack would have.
 *
 * <p>Resolved: {@code Ref} (parameters with a {@code Default}, pseudo parameters, and resources),
 * {@code Fn::GetAtt}, {@code Fn::Join}, {@code Fn::Sub}, {@code Fn::Select} and {@code Fn::Split}.
 * Physical names that CloudFormation would generate are replaced by stable stand-ins:
 * <ul>
 *   <li>a {@code AWS::Kinesis::Stream} without a {@code Name} is named by the user's
 *       {@code --stream} when it is the template's only unnamed stream, otherwise by its logical id;</li>
 *   <li>a topic or function without a name is named by its logical id, and its ARN is built in the
 *       simulated account and region;</li>
 *   <li>{@code Ref} of any other resource yields its logical id.</li>
 * </ul>
 * {@code Fn::ImportValue}, {@code Fn::If} and other functions whose value depends on other stacks
 * or on conditions raise a {@link TemplateException} that names them; {@code --stream} is the way
 * around an unresolvable stream name.
 */
public final class IntrinsicResolver {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final int MAX_DEPTH = 64;

    private final JsonNode resources;
    private final JsonNode parameters;
    private final AwsAccount account;
    private final String stackName;
    private final Optional<String> unnamedStreamName;

    /**
     * A resolver for one template.
     *
     * @param template the whole template
     * @param account the account and region the stack is deployed to
     * @param stackName the stack's name, for {@code AWS::StackName}
     * @param streamName the name to give the template's only unnamed stream, if any
     */
    public IntrinsicResolver(JsonNode template, AwsAccount account, String stackName, Optional<String> streamName) {
        this.resources = template.path("Resources");
        this.parameters = template.path("Parameters");
        this.account = account;
        this.stackName = stackName;
        this.unnamedStreamName = streamName.filter(name -> unnamedStreams() == 1);
    }

    private int unnamedStreams() {
        int count = 0;
        for (Map.Entry<String, JsonNode> entry : resources.properties()) {
            JsonNode resource = entry.getValue();
            if ("AWS::Kinesis::Stream".equals(resource.path("Type").asText())
                    && resource.path("Properties").path("Name").isMissingNode()) {
                count++;
            }
        }
        return count;
    }

    /**
     * Resolves every intrinsic function in a value.
     *
     * @param value a property value from the template
     * @param where the resource and property, for messages
     * @return the value with all intrinsics replaced; {@code null} for {@code AWS::NoValue}
     * @throws TemplateException naming the function and {@code where} when it cannot be resolved
     */
    public JsonNode resolve(JsonNode value, String where) {
        return resolve(value, where, 0);
    }

    private JsonNode resolve(JsonNode value, String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new TemplateException(where + ": intrinsic functions nest too deeply (a reference cycle?)");
        }
        if (value == null || value.isValueNode()) {
            return value;
        }
        if (value.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : value) {
                JsonNode resolved = resolve(element, where, depth + 1);
                if (resolved != null) {
                    array.add(resolved);
                }
            }
            return array;
        }
        if (value.size() == 1) {
            String key = value.fieldNames().next();
            if ("Ref".equals(key) || key.startsWith("Fn::") || "Condition".equals(key)) {
                return intrinsic(key, value.get(key), where, depth);
            }
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode resolved = resolve(field.getValue(), where, depth + 1);
            if (resolved != null) {
                object.set(field.getKey(), resolved);
            }
        }
        return object;
    }

    private JsonNode intrinsic(String function, JsonNode argument, String where, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (function) {
            case "Ref" -> {
                return ref(argument.asText(), where, depth);
            }
            case "Fn::GetAtt" -> {
                String logicalId;
                String attribute;
                if (argument.isArray() && argument.size() == 2) {
                    logicalId = argument.get(0).asText();
                    attribute = textOf(resolve(argument.get(1), where, depth + 1), where);
                } else if (argument.isTextual() && argument.asText().contains(".")) {
                    logicalId = argument.asText().substring(0, argument.asText().indexOf('.'));
                    attribute = argument.asText().substring(argument.asText().indexOf('.') + 1);
                } else {
                    throw new TemplateException(where + ": Fn::GetAtt needs [logicalId, attribute], not " + argument);
                }
                return nodes.textNode(getAtt(logicalId, attribute, where, depth));
            }
            case "Fn::Join" -> {
                if (!argument.isArray() || argument.size() != 2) {
                    throw new TemplateException(where + ": Fn::Join needs [delimiter, [values]], not " + argument);
                }
                String delimiter = textOf(resolve(argument.get(0), where, depth + 1), where);
                JsonNode list = resolve(argument.get(1), where, depth + 1);
                if (list == null || !list.isArray()) {
                    throw new TemplateException(where + ": Fn::Join's second argument must be a list");
                }
                List<String> parts = new ArrayList<>();
                for (JsonNode part : list) {
                    parts.add(textOf(part, where));
                }
                return nodes.textNode(String.join(delimiter, parts));
            }
            case "Fn::Sub" -> {
                String template;
                JsonNode variables = null;
                if (argument.isTextual()) {
                    template = argument.asText();
                } else if (argument.isArray() && argument.size() == 2) {
                    template = textOf(argument.get(0), where);
                    variables = argument.get(1);
                } else {
                    throw new TemplateException(where + ": Fn::Sub needs a string or [string, {variables}], not " + argument);
                }
                return nodes.textNode(substitute(template, variables, where, depth));
            }
            case "Fn::Select" -> {
                if (!argument.isArray() || argument.size() != 2) {
                    throw new TemplateException(where + ": Fn::Select needs [index, [values]], not " + argument);
                }
                int index = Integer.parseInt(textOf(resolve(argument.get(0), where, depth + 1), where));
                JsonNode list = resolve(argument.get(1), where, depth + 1);
                if (list == null || !list.isArray() || index < 0 || index >= list.size()) {
                    throw new TemplateException(where + ": Fn::Select index " + index + " is outside " + list);
                }
                return list.get(index);
            }
            case "Fn::Split" -> {
                if (!argument.isArray() || argument.size() != 2) {
                    throw new TemplateException(where + ": Fn::Split needs [delimiter, string], not " + argument);
                }
                String delimiter = textOf(resolve(argument.get(0), where, depth + 1), where);
                String text = textOf(resolve(argument.get(1), where, depth + 1), where);
                ArrayNode parts = nodes.arrayNode();
                for (String part : text.split(Pattern.quote(delimiter), -1)) {
                    parts.add(part);
                }
                return parts;
            }
            default -> throw new TemplateException(where + ": " + function
                    + " cannot be resolved by the simulator (it depends on other stacks or on conditions);"
                    + " name the stream with --stream or use a template without it");
        }
    }

    private JsonNode ref(String name, String where, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (name) {
            case "AWS::Region" -> {
                return nodes.textNode(account.region());
            }
            case "AWS::AccountId" -> {
                return nodes.textNode(account.accountId());
            }
            case "AWS::Partition" -> {
                return nodes.textNode("aws");
            }
            case "AWS::URLSuffix" -> {
                return nodes.textNode("amazonaws.com");
            }
            case "AWS::StackName" -> {
                return nodes.textNode(stackName);
            }
            case "AWS::StackId" -> {
                return nodes.textNode("arn:aws:cloudformation:" + account.region() + ":" + account.accountId()
                        + ":stack/" + stackName + "/00000000-0000-0000-0000-000000000000");
            }
            case "AWS::NoValue" -> {
                return null;
            }
            default -> {
                // Parameters and resources below.
            }
        }
        JsonNode parameter = parameters.get(name);
        if (parameter != null) {
            JsonNode fallback = parameter.get("Default");
            if (fallback == null) {
                throw new TemplateException(where + ": parameter " + name + " has no Default, so its value is unknown");
            }
            return fallback;
        }
        JsonNode resource = resources.get(name);
        if (resource == null) {
            throw new TemplateException(where + ": Ref " + name + " names neither a parameter nor a resource");
        }
        String type = resource.path("Type").asText();
        return nodes.textNode(switch (type) {
            case "AWS::Kinesis::Stream" -> streamName(name, resource, where, depth);
            case "AWS::SNS::Topic" -> account.topicArn(physicalName(resource, "TopicName", name, where, depth));
            case "AWS::Lambda::Function" -> physicalName(resource, "FunctionName", name, where, depth);
            default -> name;
        });
    }

    private String getAtt(String logicalId, String attribute, String where, int depth) {
        JsonNode resource = resources.get(logicalId);
        if (resource == null) {
            throw new TemplateException(where + ": Fn::GetAtt names resource " + logicalId + ", which the template lacks");
        }
        String type = resource.path("Type").asText();
        switch (type + "." + attribute) {
            case "AWS::Kinesis::Stream.Arn" -> {
                return account.streamArn(streamName(logicalId, resource, where, depth));
            }
            case "AWS::SNS::Topic.TopicArn" -> {
                return account.topicArn(physicalName(resource, "TopicName", logicalId, where, depth));
            }
            case "AWS::SNS::Topic.TopicName" -> {
                return physicalName(resource, "TopicName", logicalId, where, depth);
            }
            case "AWS::Lambda::Function.Arn" -> {
                return account.functionArn(physicalName(resource, "FunctionName", logicalId, where, depth));
            }
            default -> throw new TemplateException(where + ": Fn::GetAtt " + logicalId + "." + attribute + " of a "
                    + type + " cannot be resolved by the simulator");
        }
    }

    private String streamName(String logicalId, JsonNode resource, String where, int depth) {
        JsonNode name = resource.path("Properties").get("Name");
        if (name != null) {
            return textOf(resolve(name, where, depth + 1), where);
        }
        return unnamedStreamName.orElse(logicalId);
    }

    private String physicalName(JsonNode resource, String property, String logicalId, String where, int depth) {
        JsonNode name = resource.path("Properties").get(property);
        return name == null ? logicalId : textOf(resolve(name, where, depth + 1), where);
    }

    private String substitute(String template, JsonNode variables, String where, int depth) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher matcher = SUB_VARIABLE.matcher(template);
        int last = 0;
        while (matcher.find()) {
            out.append(template, last, matcher.start());
            String variable = matcher.group(1);
            if (variable.startsWith("!")) {
                out.append("${").append(variable.substring(1)).append('}');
            } else if (variables != null && variables.has(variable)) {
                out.append(textOf(resolve(variables.get(variable), where, depth + 1), where));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                int dot = variable.indexOf('.');
                out.append(getAtt(variable.substring(0, dot), variable.substring(dot + 1), where, depth + 1));
            } else {
                out.append(textOf(ref(variable, where, depth + 1), where));
            }
            last = matcher.end();
        }
        out.append(template.substring(last));
        return out.toString();
    }

    private static String textOf(JsonNode node, String where) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            throw new TemplateException(where + ": expected a string but found " + node);
        }
        return node.asText();
    }
}
