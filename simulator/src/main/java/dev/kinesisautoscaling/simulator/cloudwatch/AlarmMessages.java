package dev.kinesisautoscaling.simulator.cloudwatch;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Writes what CloudWatch sends when an alarm changes state: the JSON message of the notification
 * (the shape of {@code runtime/src/test/resources/events/*.json}: {@code AlarmName},
 * {@code AlarmArn}, {@code NewStateValue}, {@code StateChangeTime} as
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSS+0000}, {@code Trigger.Metrics} with lower-case dimension keys,
 * ...) and the SNS event that carries it to a Lambda subscriber.
 */
public final class AlarmMessages {

    private static final DateTimeFormatter REASON_TIME =
            DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper = new ObjectMapper();
    private final AwsAccount account;

    /**
     * Writes messages for one account and region.
     *
     * @param account the account id and region that appear in the message
     */
    public AlarmMessages(AwsAccount account) {
        this.account = account;
    }

    /**
     * The JSON message CloudWatch publishes to the alarm's actions on a state change.
     *
     * @param alarm the alarm's configuration
     * @param oldState the state before
     * @param newState the state after
     * @param reason the new state's reason
     * @param time the state change time
     * @return the message text
     */
    public String message(MetricAlarm alarm, StateValue oldState, StateValue newState, String reason, Instant time) {
        ObjectNode root = mapper.createObjectNode();
        root.put("AlarmName", alarm.alarmName());
        root.put("AlarmDescription", alarm.alarmDescription());
        root.put("AWSAccountId", account.accountId());
        root.put("AlarmConfigurationUpdatedTimestamp", alarm.alarmConfigurationUpdatedTimestamp() == null ? null
                : AlarmContract.TIMESTAMP_FORMAT.format(alarm.alarmConfigurationUpdatedTimestamp()));
        root.put("NewStateValue", newState.toString());
        root.put("NewStateReason", reason);
        root.put("StateChangeTime", AlarmContract.TIMESTAMP_FORMAT.format(time));
        root.put("Region", account.regionName());
        root.put("AlarmArn", account.alarmArn(alarm.alarmName()));
        root.put("OldStateValue", oldState.toString());
        strings(root.putArray("OKActions"), alarm.hasOkActions() ? alarm.okActions() : List.of());
        strings(root.putArray("AlarmActions"), alarm.hasAlarmActions() ? alarm.alarmActions() : List.of());
        strings(root.putArray("InsufficientDataActions"),
                alarm.hasInsufficientDataActions() ? alarm.insufficientDataActions() : List.of());
        ObjectNode trigger = root.putObject("Trigger");
        if (alarm.hasMetrics() && !alarm.metrics().isEmpty()) {
            Integer period = alarm.metrics().stream().map(MetricDataQuery::metricStat)
                    .filter(java.util.Objects::nonNull).map(MetricStat::period).findFirst().orElse(alarm.period());
            trigger.put("Period", period);
        } else {
            trigger.put("MetricName", alarm.metricName());
            trigger.put("Namespace", alarm.namespace());
            trigger.put("StatisticType", "Statistic");
            trigger.put("Statistic", alarm.statisticAsString() == null ? null
                    : alarm.statisticAsString().toUpperCase(java.util.Locale.ROOT));
            ArrayNode dimensions = trigger.putArray("Dimensions");
            if (alarm.hasDimensions()) {
                for (Dimension dimension : alarm.dimensions()) {
                    dimensions.addObject().put("value", dimension.value()).put("name", dimension.name());
                }
            }
            trigger.put("Period", alarm.period());
        }
        trigger.put("EvaluationPeriods", alarm.evaluationPeriods());
        trigger.put("DatapointsToAlarm", alarm.datapointsToAlarm() == null ? alarm.evaluationPeriods()
                : alarm.datapointsToAlarm());
        trigger.put("ComparisonOperator", alarm.comparisonOperatorAsString());
        trigger.put("Threshold", alarm.threshold());
        trigger.put("TreatMissingData", alarm.treatMissingData() == null ? "missing" : alarm.treatMissingData());
        trigger.put("EvaluateLowSampleCountPercentile", alarm.evaluateLowSampleCountPercentile() == null ? ""
                : alarm.evaluateLowSampleCountPercentile());
        if (alarm.hasMetrics() && !alarm.metrics().isEmpty()) {
            ArrayNode metrics = trigger.putArray("Metrics");
            for (MetricDataQuery query : alarm.metrics()) {
                ObjectNode node = metrics.addObject();
                if (query.expression() != null) {
                    node.put("Expression", query.expression());
                }
                node.put("Id", query.id());
                if (query.label() != null) {
                    node.put("Label", query.label());
                }
                if (query.metricStat() != null) {
                    MetricStat stat = query.metricStat();
                    ObjectNode statNode = node.putObject("MetricStat");
                    ObjectNode metric = statNode.putObject("Metric");
                    ArrayNode dimensions = metric.putArray("Dimensions");
                    if (stat.metric().hasDimensions()) {
                        for (Dimension dimension : stat.metric().dimensions()) {
                            // CloudWatch writes the dimension keys of notifications in lower case.
                            dimensions.addObject().put("value", dimension.value()).put("name", dimension.name());
                        }
                    }
                    metric.put("MetricName", stat.metric().metricName());
                    metric.put("Namespace", stat.metric().namespace());
                    statNode.put("Period", stat.period());
                    statNode.put("Stat", stat.stat());
                    if (stat.unitAsString() != null) {
                        statNode.put("Unit", stat.unitAsString());
                    }
                }
                node.put("ReturnData", query.returnData() == null || query.returnData());
            }
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alarm message of " + alarm.alarmName() + " could not be written", e);
        }
    }

    /**
     * The state reason CloudWatch writes for a threshold evaluation, such as {@code Threshold
     * Crossed: 5 out of the last 5 datapoints [0.93 (29/11/26 10:20:00), ...] were greater than or
     * equal to the threshold (0.75) (minimum 5 datapoints for OK -> ALARM transition).}
     *
     * @param rule the alarm's rule
     * @param result the evaluation
     * @param window the evaluation range's datapoints, oldest first
     * @param firstPeriodStart start of the window's first period, epoch seconds
     * @param periodSeconds the alarm's period
     * @return the reason
     */
    public static String reason(AlarmEvaluator.Rule rule, AlarmEvaluator.Result result, double[] window,
                                long firstPeriodStart, int periodSeconds) {
        if (result.realDatapoints() == 0) {
            return "Insufficient Data: " + window.length + " datapoints were unknown; missing data is treated as "
                    + rule.missingData().cloudWatchName() + ".";
        }
        StringBuilder points = new StringBuilder();
        int shown = 0;
        for (int index : result.evaluatedIndexes()) {
            if (shown == 5) {
                break;
            }
            if (shown > 0) {
                points.append(", ");
            }
            Instant stamp = Instant.ofEpochSecond(firstPeriodStart + (long) index * periodSeconds);
            points.append(round(window[index])).append(" (").append(REASON_TIME.format(stamp)).append(')');
            shown++;
        }
        if (result.state() == StateValue.ALARM) {
            return "Threshold Crossed: " + result.breaching() + " out of the last " + rule.evaluationPeriods()
                    + " datapoints [" + points + "] were " + rule.comparisonWords() + " the threshold ("
                    + rule.threshold() + ") (minimum " + rule.datapointsToAlarm() + " datapoint"
                    + (rule.datapointsToAlarm() == 1 ? "" : "s") + " for OK -> ALARM transition).";
        }
        return "Threshold Crossed: " + (rule.evaluationPeriods() - result.breaching()) + " out of the last "
                + rule.evaluationPeriods() + " datapoints [" + points + "] were not " + rule.comparisonWords()
                + " the threshold (" + rule.threshold() + ") (minimum 1 datapoint for ALARM -> OK transition).";
    }

    private static String round(double value) {
        return Double.toString(Math.round(value * 10_000d) / 10_000d);
    }

    /**
     * The SNS event with which SNS invokes a subscribed Lambda function for one notification.
     *
     * @param notification the notification
     * @param sequence a number unique within the simulation, from which the message id is derived
     * @return the event, with {@code EventSource} {@code aws:sns}
     */
    public SNSEvent snsEvent(StateChange.Notification notification, long sequence) {
        String messageId = UUID.nameUUIDFromBytes(("notification-" + sequence).getBytes(StandardCharsets.UTF_8)).toString();
        SNSEvent.SNS sns = new SNSEvent.SNS()
                .withType("Notification")
                .withMessageId(messageId)
                .withTopicArn(notification.topicArn())
                .withSubject(notification.newState() + ": \"" + notification.alarmName() + "\" in " + account.regionName())
                .withMessage(notification.message())
                .withSignatureVersion("1")
                .withMessageAttributes(Map.of());
        SNSEvent.SNSRecord record = new SNSEvent.SNSRecord()
                .withEventSource("aws:sns")
                .withEventVersion("1.0")
                .withEventSubscriptionArn(notification.topicArn() + ":simulated-subscription")
                .withSns(sns);
        return new SNSEvent().withRecords(List.of(record));
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
