package dev.kinesisautoscaling.simulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.runtime.aws.AlarmRewrite;
import dev.kinesisautoscaling.runtime.scaling.AlarmConfigurationException;
import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Reads a stream's scaling alarms from a synthesized CloudFormation template, the
 * {@code cdk.out/<Stack>.template.json} that {@code cdk synth} writes.
 *
 * <p>Scaling alarms are the {@code AWS::CloudWatch::Alarm} resources whose {@code Tags} contain
 * {@code ScaleAction}. Their properties become a {@link MetricAlarm} as {@code DescribeAlarms}
 * would return it after deployment: names, description, actions, comparison, periods, threshold,
 * missing-data treatment and the metric math, with intrinsic functions resolved by
 * {@link IntrinsicResolver}. An alarm without an {@code AlarmName} (CloudFormation would generate
 * one) is named {@code <stream>-scale-up} or {@code <stream>-scale-down} after its
 * {@code ScaleAction}, which is the name the scaling Lambda expects.
 *
 * <p>The alarms are grouped by the {@code StreamName} dimension of their {@code AWS/Kinesis}
 * metrics. A template with alarm pairs for several streams needs the stream to be named.
 */
public final class CloudFormationTemplateSource implements AlarmSource {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode template;
    private final String description;
    private final Optional<String> streamName;
    private final AwsAccount account;

    private CloudFormationTemplateSource(JsonNode template, String description, Optional<String> streamName,
                                         AwsAccount account) {
        this.template = template;
        this.description = description;
        this.streamName = streamName;
        this.account = account;
    }

    /**
     * A source reading a template file.
     *
     * @param file the template, such as {@code cdk.out/MyStack.template.json}
     * @param streamName the stream whose alarms to take, and the name of the template's only unnamed stream
     * @param account the account and region the stack is deployed to
     * @return the source
     * @throws TemplateException when the file cannot be read or is not JSON
     */
    public static CloudFormationTemplateSource fromFile(Path file, Optional<String> streamName, AwsAccount account) {
        try (InputStream in = Files.newInputStream(file)) {
            return new CloudFormationTemplateSource(MAPPER.readTree(in), file.getFileName().toString(), streamName, account);
        } catch (IOException e) {
            throw new TemplateException("template " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * A source reading a template that is already parsed, such as one synthesized in this JVM.
     *
     * @param template the template
     * @param description what the template is, for reports
     * @param streamName the stream whose alarms to take, and the name of the template's only unnamed stream
     * @param account the account and region the stack is deployed to
     * @return the source
     */
    public static CloudFormationTemplateSource fromJson(JsonNode template, String description, Optional<String> streamName,
                                                        AwsAccount account) {
        return new CloudFormationTemplateSource(template, description, streamName, account);
    }

    /**
     * A source reading a template from the class path.
     *
     * @param resource the resource's absolute name, such as {@code /templates/default-alarms.template.json}
     * @param streamName the stream whose alarms to take, and the name of the template's only unnamed stream
     * @param account the account and region the stack is deployed to
     * @return the source
     * @throws TemplateException when the resource does not exist or is not JSON
     */
    public static CloudFormationTemplateSource fromResource(String resource, Optional<String> streamName,
                                                            AwsAccount account) {
        try (InputStream in = CloudFormationTemplateSource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new TemplateException("template resource " + resource + " does not exist");
            }
            return new CloudFormationTemplateSource(MAPPER.readTree(in), resource, streamName, account);
        } catch (IOException e) {
            throw new TemplateException("template resource " + resource + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public StreamAlarms load() {
        if (template == null || !template.path("Resources").isObject()) {
            throw new TemplateException(description + " has no Resources: it is not a CloudFormation template");
        }
        String stackName = description.replaceFirst("\\.template\\.json$", "").replaceFirst("^.*/", "");
        IntrinsicResolver resolver = new IntrinsicResolver(template, account, stackName, streamName);
        Map<String, List<AlarmDefinition>> byStream = new TreeMap<>();
        for (Map.Entry<String, JsonNode> resource : template.path("Resources").properties()) {
            if (!"AWS::CloudWatch::Alarm".equals(resource.getValue().path("Type").asText())) {
                continue;
            }
            String logicalId = resource.getKey();
            JsonNode properties = resource.getValue().path("Properties");
            Map<String, String> tags = tags(resolver, logicalId, properties);
            if (!tags.containsKey(AlarmContract.TAG_SCALE_ACTION)) {
                continue;
            }
            AlarmDefinition definition = alarm(resolver, logicalId, properties, tags);
            byStream.computeIfAbsent(stream(definition.alarm(), logicalId), k -> new ArrayList<>()).add(definition);
        }
        if (byStream.isEmpty()) {
            throw new TemplateException(description + " has no AWS::CloudWatch::Alarm tagged with "
                    + AlarmContract.TAG_SCALE_ACTION + ": no scaling alarms to simulate");
        }
        String chosen;
        if (streamName.isPresent()) {
            chosen = streamName.get();
            if (!byStream.containsKey(chosen)) {
                throw new TemplateException(description + " has scaling alarms for stream(s) " + String.join(", ", byStream.keySet())
                        + " but not for " + chosen);
            }
        } else if (byStream.size() == 1) {
            chosen = byStream.keySet().iterator().next();
        } else {
            throw new TemplateException(description + " has scaling alarms for several streams ("
                    + String.join(", ", byStream.keySet()) + "); choose one with --stream");
        }
        List<AlarmDefinition> alarms = byStream.get(chosen);
        AlarmDefinition up = only(alarms, AlarmContract.SCALE_ACTION_UP, chosen);
        AlarmDefinition down = only(alarms, AlarmContract.SCALE_ACTION_DOWN, chosen);
        int shards;
        try {
            shards = AlarmRewrite.shardCount(up.alarm());
        } catch (AlarmConfigurationException e) {
            throw new TemplateException(description + ": " + e.getMessage(), e);
        }
        return new StreamAlarms(chosen, shards, List.of(up, down));
    }

    private AlarmDefinition only(List<AlarmDefinition> alarms, String action, String stream) {
        List<AlarmDefinition> found = alarms.stream()
                .filter(a -> action.equals(a.tags().get(AlarmContract.TAG_SCALE_ACTION))).toList();
        if (found.size() != 1) {
            throw new TemplateException(description + ": stream " + stream + " has " + found.size() + " alarms tagged "
                    + AlarmContract.TAG_SCALE_ACTION + "=" + action + "; a scaling pair has exactly one");
        }
        return found.get(0);
    }

    private String stream(MetricAlarm alarm, String logicalId) {
        String found = null;
        List<Dimension> dimensions = new ArrayList<>();
        if (alarm.hasMetrics()) {
            for (MetricDataQuery query : alarm.metrics()) {
                if (query.metricStat() != null && "AWS/Kinesis".equals(query.metricStat().metric().namespace())) {
                    dimensions.addAll(query.metricStat().metric().dimensions());
                }
            }
        } else if ("AWS/Kinesis".equals(alarm.namespace()) && alarm.hasDimensions()) {
            dimensions.addAll(alarm.dimensions());
        }
        for (Dimension dimension : dimensions) {
            if ("StreamName".equals(dimension.name())) {
                if (found != null && !found.equals(dimension.value())) {
                    throw new TemplateException(description + ": alarm " + logicalId + " reads two streams, " + found
                            + " and " + dimension.value());
                }
                found = dimension.value();
            }
        }
        if (found == null) {
            throw new TemplateException(description + ": alarm " + logicalId
                    + " has no AWS/Kinesis metric with a StreamName dimension");
        }
        return found;
    }

    private static Map<String, String> tags(IntrinsicResolver resolver, String logicalId, JsonNode properties) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode list = properties.get("Tags");
        if (list == null) {
            return tags;
        }
        JsonNode resolved = resolver.resolve(list, "alarm " + logicalId + ", Tags");
        for (JsonNode tag : resolved) {
            tags.put(tag.path("Key").asText(), tag.path("Value").asText());
        }
        return tags;
    }

    private AlarmDefinition alarm(IntrinsicResolver resolver, String logicalId, JsonNode raw, Map<String, String> tags) {
        String where = description + ", alarm " + logicalId;
        JsonNode properties = resolver.resolve(raw, where);
        MetricAlarm alarm = body(properties, where).alarmName(logicalId).build();
        String name = text(properties, "AlarmName");
        if (name == null) {
            // CloudFormation would generate a name; the Lambda needs the one the construct's contract gives.
            name = stream(alarm, logicalId)
                    + (AlarmContract.SCALE_ACTION_UP.equals(tags.get(AlarmContract.TAG_SCALE_ACTION))
                    ? AlarmContract.SCALE_UP_SUFFIX : AlarmContract.SCALE_DOWN_SUFFIX);
        }
        return new AlarmDefinition(alarm.toBuilder().alarmName(name).build(), tags);
    }

    private static MetricAlarm.Builder body(JsonNode p, String where) {
        MetricAlarm.Builder alarm = MetricAlarm.builder()
                .alarmDescription(text(p, "AlarmDescription"))
                .actionsEnabled(!p.has("ActionsEnabled") || p.get("ActionsEnabled").asBoolean(true))
                .alarmActions(texts(p, "AlarmActions"))
                .okActions(texts(p, "OKActions"))
                .insufficientDataActions(texts(p, "InsufficientDataActions"))
                .comparisonOperator(text(p, "ComparisonOperator"))
                .evaluationPeriods(integer(p, "EvaluationPeriods", where))
                .datapointsToAlarm(integer(p, "DatapointsToAlarm", where))
                .threshold(number(p, "Threshold", where))
                .treatMissingData(text(p, "TreatMissingData"))
                .evaluateLowSampleCountPercentile(text(p, "EvaluateLowSampleCountPercentile"))
                .thresholdMetricId(text(p, "ThresholdMetricId"));
        if (p.has("Metrics")) {
            List<MetricDataQuery> metrics = new ArrayList<>();
            for (JsonNode query : p.get("Metrics")) {
                MetricDataQuery.Builder builder = MetricDataQuery.builder()
                        .id(text(query, "Id"))
                        .expression(text(query, "Expression"))
                        .label(text(query, "Label"))
                        .returnData(query.has("ReturnData") ? query.get("ReturnData").asBoolean() : null)
                        .period(integer(query, "Period", where));
                JsonNode stat = query.get("MetricStat");
                if (stat != null) {
                    builder.metricStat(MetricStat.builder()
                            .metric(metric(stat.path("Metric")))
                            .period(integer(stat, "Period", where))
                            .stat(text(stat, "Stat"))
                            .unit(text(stat, "Unit"))
                            .build());
                }
                metrics.add(builder.build());
            }
            alarm.metrics(metrics);
        } else {
            alarm.metricName(text(p, "MetricName"))
                    .namespace(text(p, "Namespace"))
                    .statistic(text(p, "Statistic"))
                    .extendedStatistic(text(p, "ExtendedStatistic"))
                    .dimensions(dimensions(p.path("Dimensions")))
                    .period(integer(p, "Period", where))
                    .unit(text(p, "Unit"));
        }
        return alarm;
    }

    private static Metric metric(JsonNode metric) {
        return Metric.builder()
                .namespace(text(metric, "Namespace"))
                .metricName(text(metric, "MetricName"))
                .dimensions(dimensions(metric.path("Dimensions")))
                .build();
    }

    private static List<Dimension> dimensions(JsonNode list) {
        List<Dimension> dimensions = new ArrayList<>();
        for (JsonNode dimension : list) {
            dimensions.add(Dimension.builder().name(text(dimension, "Name")).value(text(dimension, "Value")).build());
        }
        return dimensions;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> texts(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        JsonNode list = node.get(field);
        if (list != null) {
            list.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static Integer integer(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return value.isNumber() ? value.intValue() : Integer.parseInt(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new TemplateException(where + ": " + field + " '" + value.asText() + "' is not a whole number");
        }
    }

    private static Double number(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return value.isNumber() ? value.doubleValue() : Double.parseDouble(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new TemplateException(where + ": " + field + " '" + value.asText() + "' is not a number");
        }
    }
}
