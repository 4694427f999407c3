package dev.kinesisautoscaling.runtime.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kinesisautoscaling.contract.AlarmContract;
import dev.kinesisautoscaling.runtime.ScalingHandler;
import dev.kinesisautoscaling.runtime.ScalingReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * One test's world: fake Kinesis, CloudWatch and Lambda, a clock, the handler under test and the
 * log lines it wrote. Events come from fixture files shaped exactly as SNS delivers them.
 */
public final class Scenario {

    /** Just after the fixtures' {@code StateChangeTime} of 2026-11-29T10:25:44.775Z. */
    public static final Instant START = Instant.parse("2026-11-29T10:26:00Z");

    public final AwsCalls calls = new AwsCalls();
    public final FakeKinesis kinesis = new FakeKinesis(calls);
    public final FakeCloudWatch cloudWatch = new FakeCloudWatch(calls);
    public final FakeLambda lambda = new FakeLambda(calls);
    public final MutableClock clock = new MutableClock(START);
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final ScalingHandler handler = new ScalingHandler(kinesis, cloudWatch, lambda, clock,
            new PrintStream(logBytes, true, StandardCharsets.UTF_8));
    private final ObjectMapper mapper = new ObjectMapper();

    /** Adds a provisioned stream with an alarm pair computed for its shard count. */
    public TestAlarms.Policy stream(String name, int shards) {
        return stream(name, shards, policy -> { });
    }

    /** Adds a provisioned stream with an alarm pair computed for its shard count and the given policy. */
    public TestAlarms.Policy stream(String name, int shards, Consumer<TestAlarms.Policy> customize) {
        TestAlarms.Policy policy = new TestAlarms.Policy();
        customize.accept(policy);
        kinesis.addStream(name, shards);
        cloudWatch.addAlarm(TestAlarms.scaleUp(name, shards, policy), policy.tags(name, true));
        cloudWatch.addAlarm(TestAlarms.scaleDown(name, shards, policy), policy.tags(name, false));
        return policy;
    }

    public ScalingHandler handler() {
        return handler;
    }

    public static SNSEvent event(String fixture) {
        return EventLoader.loadSNSEvent("events/" + fixture);
    }

    /** Delivers a fixture event to the handler, as SNS would. */
    public ScalingReport deliver(String fixture) {
        return deliver(event(fixture));
    }

    /** Delivers an event to the handler, as SNS would. */
    public ScalingReport deliver(SNSEvent event) {
        return handler.handleRequest(event, new TestContext(180_000));
    }

    public MetricAlarm alarm(String name) {
        return cloudWatch.alarm(name);
    }

    public int s1(String alarmName) {
        return TestAlarms.shardCount(cloudWatch.alarm(alarmName));
    }

    /** Asserts that both alarms of a stream's pair are computed for its real shard count. */
    public void assertPairMatchesStream(String stream, TestAlarms.Policy policy) {
        int shards = kinesis.stream(stream).openShards;
        assertThat(s1(stream + AlarmContract.SCALE_UP_SUFFIX)).as("s1 of the scale-up alarm").isEqualTo(shards);
        assertThat(s1(stream + AlarmContract.SCALE_DOWN_SUFFIX)).as("s1 of the scale-down alarm").isEqualTo(shards);
        assertThat(alarm(stream + AlarmContract.SCALE_DOWN_SUFFIX).threshold()).as("scale-down threshold")
                .isEqualTo(policy.downThresholdAt(shards));
    }

    /** Every line the handler wrote, parsed. */
    public List<JsonNode> logLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logBytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(mapper.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("log line is not JSON: " + line, e);
            }
        }
        return lines;
    }

    /** The decision lines, in order. */
    public List<JsonNode> decisions() {
        return logLines().stream().filter(line -> "scaling decision".equals(line.path("message").asText())).toList();
    }

    /** The outcome of the last decision. */
    public String lastOutcome() {
        List<JsonNode> decisions = decisions();
        return decisions.get(decisions.size() - 1).path("outcome").asText();
    }
}
