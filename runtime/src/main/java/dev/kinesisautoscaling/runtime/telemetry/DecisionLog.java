package dev.kinesisautoscaling.runtime.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinesisautoscaling.contract.MetricContract;
import dev.kinesisautoscaling.runtime.scaling.Decision;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one line per decision that is both the structured log entry and, in CloudWatch embedded
 * metric format, the metrics the decision raises: no {@code PutMetricData} call is needed.
 */
public final class DecisionLog {

    private final JsonLog log;
    private final String functionName;

    /**
     * Writes through the given log, naming the scaling function in every metric.
     *
     * @param log the JSON log
     * @param functionName the scaling function's name
     */
    public DecisionLog(JsonLog log, String functionName) {
        this.log = log;
        this.functionName = functionName;
    }

    /**
     * Writes a decision's line.
     *
     * @param decision the decision
     */
    public void record(Decision decision) {
        JsonLog.Level level = JsonLog.Level.valueOf(decision.outcome().severity().name());
        ObjectNode line = log.line(level, "scaling decision");
        line.put("outcome", decision.outcome().name());
        line.put("reason", decision.reason());
        line.put("messageId", decision.messageId());
        if (decision.streamName() != null) {
            line.put(MetricContract.STREAM_NAME_DIMENSION, decision.streamName());
        }
        if (decision.alarmName() != null) {
            line.put("alarm", decision.alarmName());
        }
        if (decision.action() != null) {
            line.put("action", decision.action().tagValue());
        }
        if (decision.currentShardCount() != null) {
            line.put("currentShardCount", decision.currentShardCount());
        }
        if (decision.targetShardCount() != null) {
            line.put("targetShardCount", decision.targetShardCount());
        }
        line.put("dryRun", decision.dryRun());
        if (!decision.details().isEmpty()) {
            line.set("details", log.mapper().valueToTree(decision.details()));
        }
        addMetrics(line, decision);
        log.write(line);
    }

    private void addMetrics(ObjectNode line, Decision decision) {
        Set<String> metrics = new LinkedHashSet<>();
        metrics.add(decision.outcome().metricName());
        metrics.addAll(decision.extraMetrics());
        List<List<String>> dimensionSets = new ArrayList<>();
        if (decision.streamName() != null) {
            dimensionSets.add(List.of(MetricContract.STREAM_NAME_DIMENSION));
        }
        dimensionSets.add(List.of(MetricContract.FUNCTION_NAME_DIMENSION));
        line.put(MetricContract.FUNCTION_NAME_DIMENSION, functionName);

        ObjectNode directive = log.mapper().createObjectNode();
        directive.put("Namespace", MetricContract.NAMESPACE);
        directive.set("Dimensions", log.mapper().valueToTree(dimensionSets));
        ArrayNode definitions = directive.putArray("Metrics");
        for (String metric : metrics) {
            definitions.addObject().put("Name", metric).put("Unit", "Count");
            line.put(metric, 1);
        }
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", log.clock().millis());
        aws.putArray("CloudWatchMetrics").add(directive);
    }
}
