package dev.kinesisautoscaling.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kinesisautoscaling.runtime.fakes.Scenario;
import dev.kinesisautoscaling.runtime.fakes.TestAlarms;
import dev.kinesisautoscaling.runtime.fakes.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The function's entry point, which takes both the alarms' SNS events and the schedule's requests. */
class HandleEventTest {

    private final Scenario world = new Scenario();
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode invoke(String json) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        world.handler().handleEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), output,
                new TestContext(180_000));
        return mapper.readTree(output.toByteArray());
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = HandleEventTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void scalesForAnSnsEventAsTheLambdaRuntimeDeliversIt() throws IOException {
        world.stream("orders", 2);

        JsonNode report = invoke(fixture("orders-scale-up-alarm.json"));

        assertThat(world.kinesis.stream("orders").openShards).isEqualTo(4);
        assertThat(report.path("records").get(0).path("outcome").asText()).isEqualTo("SCALED_UP");
        assertThat(report.path("records").get(0).path("messageId").asText()).isEqualTo("0a6d1a63-0d51-5b53-a3c6-8f7c2f8e4b01");
    }

    @Test
    void handlesEveryRecordOfAMultiRecordEvent() throws IOException {
        world.stream("orders", 2);
        world.stream("payments", 4);

        JsonNode report = invoke(fixture("multi-record.json"));

        assertThat(report.path("records")).extracting(r -> r.path("outcome").asText())
                .containsExactly("SCALED_UP", "INVALID_NOTIFICATION", "SCALED_DOWN");
    }

    @Test
    void reconcilesTheAlarmPairsThatTheScheduleNames() throws IOException {
        TestAlarms.Policy policy = world.stream("orders", 8);
        world.cloudWatch.replaceAlarm(TestAlarms.scaleUp("orders", 2, policy));

        JsonNode report = invoke("{\"reconcile\":[{\"scaleUpAlarm\":\"orders-scale-up\",\"scaleDownAlarm\":\"orders-scale-down\"}]}");

        assertThat(report.path("records").get(0).path("outcome").asText()).isEqualTo("REPAIRED");
        world.assertPairMatchesStream("orders", policy);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"reconcile\": \"everything\"} | a reconciliation request needs \"reconcile\": a list of {\"scaleUpAlarm\", \"scaleDownAlarm\"} objects",
        "{\"reconcile\": [{\"scaleUpAlarm\": \"orders-scale-up\"}]} | reconcile[0] needs \"scaleDownAlarm\", an alarm name",
        "{\"reconcile\": [{\"scaleUpAlarm\": 7, \"scaleDownAlarm\": \"orders-scale-down\"}]} | reconcile[0] needs \"scaleUpAlarm\", an alarm name",
        "{\"reconcile\": [{\"scaleUpAlarm\": \"orders-scale-down\", \"scaleDownAlarm\": \"orders-scale-down\"}]} | reconcile[0].scaleUpAlarm ('orders-scale-down') must end in -scale-up",
        "{\"reconcile\": [{\"scaleUpAlarm\": \"orders-scale-up\", \"scaleDownAlarm\": \"orders\"}]} | reconcile[0].scaleDownAlarm ('orders') must end in -scale-down",
        "{\"reconcile\": [null]} | reconcile[0] needs \"scaleUpAlarm\", an alarm name",
        "{\"reconcile\": [], \"source\": \"aws.events\"} | a reconciliation request has only \"reconcile\"; it also has \"source\"",
        "{\"reconcile\": [{\"scaleUpAlarm\": \"orders-scale-up\", \"scaleDownAlarm\": \"orders-scale-down\", \"force\": true}]} | reconcile[0] has only \"scaleUpAlarm\" and \"scaleDownAlarm\"; it also has \"force\"",
    })
    void failsClearlyOnAMalformedReconciliationRequest(String event, String message) {
        world.stream("orders", 2);

        assertThatThrownBy(() -> invoke(event)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThat(world.calls.all()).isEmpty();
    }

    @Test
    void failsClearlyOnAnEventThatIsNotJson() {
        assertThatThrownBy(() -> invoke("reconcile everything"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the event is not JSON");
    }

    @Test
    void logsAnEventWithoutRecordsWithoutFailing() throws IOException {
        JsonNode report = invoke("{}");

        assertThat(report.path("records").get(0).path("outcome").asText()).isEqualTo("INVALID_NOTIFICATION");
        assertThat(world.calls.all()).isEmpty();
    }
}
