package dev.kinesisautoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;

/** Golden snapshots of whole templates for the documented scenarios. */
class SnapshotTest {

    @Test
    void matchesTheSnapshotOfAStreamOnTheDefaults() {
        Stack stack = TestStacks.stack();
        AutoScalingKinesisStream.Builder.create(stack, "Orders").streamName("orders").build();

        Snapshots.assertMatches("defaults", Template.fromStack(stack).toJSON());
    }

    @Test
    void matchesTheSnapshotOfAFullyCustomisedStream() {
        Stack stack = TestStacks.stack();
        Topic operators = Topic.Builder.create(stack, "Operators").build();
        KinesisStreamScaler scaler = new KinesisStreamScaler(stack, "Scaler", KinesisStreamScalerProps.builder()
                .logRetention(RetentionDays.THREE_MONTHS)
                .logLevel(ApplicationLogLevel.DEBUG)
                .alarmTopic(operators)
                .build());
        Function consumer = TestStacks.consumer(stack);
        AutoScalingKinesisStream.Builder.create(stack, "Payments")
                .streamName("payments")
                .shardCount(4)
                .retentionPeriod(Duration.days(3))
                .encryptionKey(Key.Builder.create(stack, "StreamKey").enableKeyRotation(true).build())
                .minShardCount(2)
                .maxShardCount(64)
                .scaleUpThreshold(0.8)
                .scaleDownThreshold(0.3)
                .metricPeriod(Duration.minutes(1))
                .scaleUpEvaluationPeriods(3)
                .scaleUpDatapointsToAlarm(3)
                .scaleDownEvaluationPeriods(120)
                .scaleDownDatapointsToAlarm(110)
                .iteratorAgeBlock(Duration.minutes(15))
                .dryRun(true)
                .consumerFunction(consumer)
                .consumerConcurrencyPerShard(2)
                .scaler(scaler)
                .build();

        Snapshots.assertMatches("customised", Template.fromStack(stack).toJSON());
    }

    @Test
    void masksAssetHashesSoThatCodeChangesDoNotBreakSnapshots() {
        String normalised = Snapshots.normalise(Map.of("S3Key",
                "af4e396d0af824df1aeaf719cc388097c2657476b1c7d5ac9c64ba1af9b1e6cb.jar"));

        assertThat(normalised).contains("<asset-hash>.jar").doesNotContain("af4e396d");
    }
}
