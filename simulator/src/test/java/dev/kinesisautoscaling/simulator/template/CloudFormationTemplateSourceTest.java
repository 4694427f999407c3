package dev.kinesisautoscaling.simulator.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinesisautoscaling.runtime.aws.AlarmRewrite;
import dev.kinesisautoscaling.simulator.SimulatorCli;
import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

class CloudFormationTemplateSourceTest {

    private static final String FIXTURE = "/templates/orders-alarms.template.json";

    private static StreamAlarms fixture(Optional<String> stream) {
        return CloudFormationTemplateSource.fromResource(FIXTURE, stream, AwsAccount.DEFAULT).load();
    }

    private static MetricAlarm alarm(StreamAlarms alarms, String name) {
        return alarms.alarms().stream().map(AlarmDefinition::alarm).filter(a -> a.alarmName().equals(name))
                .findFirst().orElseThrow();
    }

    private static String expression(MetricAlarm alarm, String id) {
        return alarm.metrics().stream().filter(q -> q.id().equals(id)).map(MetricDataQuery::expression)
                .findFirst().orElseThrow();
    }

    @Test
    void findsTheAlarmsTaggedWithScaleActionAndResolvesTheirNames() {
        StreamAlarms alarms = fixture(Optional.empty());

        assertThat(alarms.streamName()).isEqualTo("orders");
        assertThat(alarms.shardCount()).isEqualTo(2);
        assertThat(alarms.alarms()).extracting(a -> a.alarm().alarmName())
                .containsExactly("orders-scale-up", "orders-scale-down");
    }

    @Test
    void convertsTheScaleUpAlarmAsSpecifiedInSection2() {
        MetricAlarm up = alarm(fixture(Optional.empty()), "orders-scale-up");

        assertThat(up.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
        assertThat(up.threshold()).isEqualTo(0.75);
        assertThat(up.evaluationPeriods()).isEqualTo(5);
        assertThat(up.datapointsToAlarm()).isEqualTo(5);
        assertThat(up.treatMissingData()).isEqualTo("notBreaching");
        assertThat(up.actionsEnabled()).isTrue();
        assertThat(up.alarmActions()).containsExactly("arn:aws:sns:us-east-1:123456789012:orders-scaling");
        assertThat(up.alarmDescription()).isEqualTo("Scale-up alarm of Kinesis stream orders in us-east-1");
        assertThat(up.metrics()).extracting(MetricDataQuery::id).containsExactly("m1", "m2", "e1", "e2", "s1", "e3", "e4", "e5");
        assertThat(expression(up, "e3")).isEqualTo("e1/(1024*1024*300*s1)");
        assertThat(expression(up, "e4")).isEqualTo("e2/(1000*300*s1)");
        assertThat(expression(up, "e5")).isEqualTo("MAX([e3,e4])");
        MetricDataQuery m1 = up.metrics().get(0);
        assertThat(m1.metricStat().metric().namespace()).isEqualTo("AWS/Kinesis");
        assertThat(m1.metricStat().metric().metricName()).isEqualTo("IncomingBytes");
        assertThat(m1.metricStat().metric().dimensions().get(0).value()).isEqualTo("orders");
        assertThat(m1.metricStat().period()).isEqualTo(300);
        assertThat(m1.metricStat().stat()).isEqualTo("Sum");
        assertThat(m1.returnData()).isFalse();
        assertThat(up.metrics().get(7).returnData()).isTrue();
        assertThat(AlarmRewrite.shardCount(up)).isEqualTo(2);
    }

    @Test
    void convertsTheScaleDownAlarmWithItsIteratorAgeBlock() {
        MetricAlarm down = alarm(fixture(Optional.empty()), "orders-scale-down");

        assertThat(down.comparisonOperator()).isEqualTo(ComparisonOperator.LESS_THAN_THRESHOLD);
        assertThat(down.threshold()).isEqualTo(0.25);
        assertThat(down.evaluationPeriods()).isEqualTo(60);
        assertThat(down.datapointsToAlarm()).isEqualTo(57);
        assertThat(down.treatMissingData()).isEqualTo("breaching");
        assertThat(expression(down, "s2")).isEqualTo("30");
        assertThat(expression(down, "e5")).isEqualTo("(FILL(m3,0)/1000/60)*(0.25/s2)");
        assertThat(expression(down, "e6")).isEqualTo("MAX([e3,e4,e5])");
        assertThat(down.metrics().stream().filter(q -> q.id().equals("m3")).findFirst().orElseThrow()
                .metricStat().stat()).isEqualTo("Maximum");
    }

    @Test
    void resolvesTheTagsOfSection3IncludingIntrinsics() {
        StreamAlarms alarms = fixture(Optional.empty());

        assertThat(alarms.alarms().get(0).tags())
                .containsEntry("ScaleAction", "Up")
                .containsEntry("ComplimentaryAlarm", "orders-scale-down")
                .containsEntry("MinShardCount", "1")
                .containsEntry("MaxShardCount", "64")
                .containsEntry("ScaleDownThreshold", "0.25")
                .containsEntry("DryRun", "false")
                .containsEntry("ConsumerFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:orders-consumer")
                .containsEntry("ConsumerConcurrencyPerShard", "2");
        assertThat(alarms.alarms().get(1).tags()).containsEntry("ScaleAction", "Down")
                .containsEntry("ComplimentaryAlarm", "orders-scale-up");
    }

    @Test
    void namesAnUnnamedStreamAsTheUserAsks() {
        StreamAlarms alarms = CloudFormationTemplateSource.fromResource(SimulatorCli.DEFAULT_TEMPLATE,
                Optional.of("clicks"), AwsAccount.DEFAULT).load();

        assertThat(alarms.streamName()).isEqualTo("clicks");
        assertThat(alarms.shardCount()).isEqualTo(1);
        assertThat(alarms.alarms()).extracting(a -> a.alarm().alarmName()).containsExactly("clicks-scale-up", "clicks-scale-down");
        assertThat(alarms.alarms().get(1).alarm().threshold()).isEqualTo(-1.0);
        assertThat(alarms.alarms().get(0).alarm().alarmActions())
                .containsExactly("arn:aws:sns:us-east-1:123456789012:KinesisStreamScalerTopic18B22E8C");
    }

    @Test
    void namesAnUnnamedStreamAfterItsLogicalIdWhenTheUserDoesNot() {
        StreamAlarms alarms = CloudFormationTemplateSource.fromResource(SimulatorCli.DEFAULT_TEMPLATE,
                Optional.empty(), AwsAccount.DEFAULT).load();

        assertThat(alarms.streamName()).isEqualTo("Stream46233657");
    }

    @Test
    void rejectsAStreamTheTemplateHasNoAlarmsFor() {
        assertThatThrownBy(() -> fixture(Optional.of("clicks")))
                .isInstanceOf(TemplateException.class)
                .hasMessage(FIXTURE + " has scaling alarms for stream(s) orders but not for clicks");
    }

    @Test
    void asksForTheStreamWhenTheTemplateScalesSeveral(@TempDir Path directory) throws IOException {
        String template = Files.readString(Path.of("src/test/resources" + FIXTURE));
        String second = template.replace("\"Default\": \"orders\"", "\"Default\": \"orders\"}, \"Unused\": {\"Type\": \"String\", \"Default\": \"x\"")
                .replace("OrdersScalingScaleUpAlarm5E6F7A8B", "ClicksUp").replace("OrdersScalingScaleDownAlarm1A2B3C4D", "ClicksDown");
        Path file = directory.resolve("Two.template.json");
        Files.writeString(file, merge(template, second));

        assertThatThrownBy(() -> CloudFormationTemplateSource.fromFile(file, Optional.empty(), AwsAccount.DEFAULT).load())
                .hasMessage("Two.template.json has scaling alarms for several streams (clicks, orders); choose one with --stream");
        assertThat(CloudFormationTemplateSource.fromFile(file, Optional.of("clicks"), AwsAccount.DEFAULT).load().streamName())
                .isEqualTo("clicks");
    }

    /** Adds the second template's alarms, renamed to stream "clicks", to the first. */
    private static String merge(String template, String second) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode first = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(template);
        com.fasterxml.jackson.databind.JsonNode other = mapper.readTree(second);
        com.fasterxml.jackson.databind.node.ObjectNode resources = (com.fasterxml.jackson.databind.node.ObjectNode) first.get("Resources");
        for (String id : new String[] {"ClicksUp", "ClicksDown"}) {
            String json = other.get("Resources").get(id).toString()
                    .replace("{\"Ref\":\"StreamNameParameter\"}", "\"clicks\"")
                    .replace("{\"Ref\":\"OrdersStream3C7E9A10\"}", "\"clicks\"");
            resources.set(id, mapper.readTree(json));
        }
        return mapper.writeValueAsString(first);
    }

    @Test
    void explainsIntrinsicsItCannotResolve(@TempDir Path directory) throws IOException {
        String template = Files.readString(Path.of("src/test/resources" + FIXTURE))
                .replace("\"Default\": \"orders\"", "\"Description\": \"no default\"");
        Path file = directory.resolve("NoDefault.template.json");
        Files.writeString(file, template);

        assertThatThrownBy(() -> CloudFormationTemplateSource.fromFile(file, Optional.empty(), AwsAccount.DEFAULT).load())
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("parameter StreamNameParameter has no Default, so its value is unknown");

        Path imported = directory.resolve("Imported.template.json");
        Files.writeString(imported, Files.readString(Path.of("src/test/resources" + FIXTURE))
                .replaceAll("\\{\\s*\"Ref\": \"OrdersStream3C7E9A10\"\\s*}", "{\"Fn::ImportValue\": \"SharedStream\"}"));
        assertThatThrownBy(() -> CloudFormationTemplateSource.fromFile(imported, Optional.empty(), AwsAccount.DEFAULT).load())
                .hasMessageContaining("Fn::ImportValue cannot be resolved by the simulator");
    }

    @Test
    void rejectsATemplateWithoutScalingAlarms(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("Empty.template.json");
        Files.writeString(file, "{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\"}}}");

        assertThatThrownBy(() -> CloudFormationTemplateSource.fromFile(file, Optional.empty(), AwsAccount.DEFAULT).load())
                .hasMessage("Empty.template.json has no AWS::CloudWatch::Alarm tagged with ScaleAction: no scaling alarms to simulate");
    }
}
