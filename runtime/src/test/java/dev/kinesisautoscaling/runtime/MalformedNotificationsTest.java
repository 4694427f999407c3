package dev.kinesisautoscaling.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kinesisautoscaling.runtime.fakes.MalformedNotifications;
import dev.kinesisautoscaling.runtime.fakes.Scenario;
import dev.kinesisautoscaling.runtime.fakes.TestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input that is not a usable alarm notification: no AWS call, a clear log line, no failed
 * invocation, because retrying cannot fix bad input.
 */
class MalformedNotificationsTest {

    static List<String> malformedFixtures() {
        return MalformedNotifications.fixtures();
    }

    @Test
    void coversAtLeastFifteenDistinctMalformedInputs() {
        assertThat(malformedFixtures()).hasSizeGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFixtures")
    void rejectsWithoutAnyAwsCallAndWithoutFailing(String fixture) {
        Scenario world = new Scenario();
        world.stream("orders", 2);
        world.stream("payments", 2);

        ScalingReport report = world.deliver(EventLoader.loadSNSEvent(fixture));

        assertThat(world.calls.all()).as("AWS calls").isEmpty();
        assertThat(report.getRecords()).extracting(ScalingReport.RecordResult::getOutcome)
                .containsOnly("INVALID_NOTIFICATION");
        List<JsonNode> decisions = world.decisions();
        assertThat(decisions).hasSize(1);
        JsonNode line = decisions.get(0);
        assertThat(line.path("level").asText()).isEqualTo("ERROR");
        assertThat(line.path("messageId").asText()).isNotBlank();
        assertThat(line.path("reason").asText()).isNotBlank();
        assertThat(line.path("InvalidNotifications").asInt()).isEqualTo(1);
    }

    @Test
    void explainsWhatWasWrongInTheLogLine() {
        Scenario world = new Scenario();

        world.deliver("malformed/unknown-suffix.json");

        assertThat(world.decisions().get(0).path("reason").asText())
                .isEqualTo("AlarmName 'orders-scale-sideways' ends in neither -scale-up nor -scale-down");
    }

    @Test
    void rejectsANullEvent() {
        Scenario world = new Scenario();

        ScalingReport report = world.handler().handleRequest(null, new TestContext(180_000));

        assertThat(world.calls.all()).isEmpty();
        assertThat(report.getRecords()).extracting(ScalingReport.RecordResult::getReason)
                .containsExactly("the event has no records");
    }

    @Test
    void rejectsANullRecordAndANullMessage() {
        Scenario world = new Scenario();
        SNSEvent.SNSRecord withoutMessage = new SNSEvent.SNSRecord()
                .withEventSource("aws:sns")
                .withSns(new SNSEvent.SNS().withMessageId("b1e0c6a2-0000-4000-8000-000000000001"));
        SNSEvent event = new SNSEvent().withRecords(java.util.Arrays.asList(null, withoutMessage));

        ScalingReport report = world.handler().handleRequest(event, new TestContext(180_000));

        assertThat(world.calls.all()).isEmpty();
        assertThat(report.getRecords()).extracting(ScalingReport.RecordResult::getReason)
                .containsExactly("record 0 has no Sns object", "the message is empty");
    }
}
