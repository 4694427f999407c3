package dev.kinesisautoscaling.runtime.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalingPolicyTest {

    private static Map<String, String> tags() {
        Map<String, String> tags = new HashMap<>();
        tags.put("ScaleAction", "Up");
        tags.put("ComplimentaryAlarm", "orders-scale-down");
        tags.put("MinShardCount", "2");
        tags.put("MaxShardCount", "64");
        tags.put("ScaleDownThreshold", "0.25");
        tags.put("DryRun", "false");
        return tags;
    }

    @Test
    void readsEveryTag() {
        Map<String, String> tags = tags();
        tags.put("ConsumerFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:orders-consumer");
        tags.put("ConsumerConcurrencyPerShard", "3");

        ScalingPolicy policy = ScalingPolicy.fromTags("orders-scale-up", ScaleAction.UP, tags);

        assertThat(policy.scaleUpAlarmName()).isEqualTo("orders-scale-up");
        assertThat(policy.scaleDownAlarmName()).isEqualTo("orders-scale-down");
        assertThat(policy.minShardCount()).isEqualTo(2);
        assertThat(policy.maxShardCount()).isEqualTo(64);
        assertThat(policy.scaleDownThreshold()).isEqualTo(0.25);
        assertThat(policy.dryRun()).isFalse();
        assertThat(policy.consumer()).contains(new ConsumerConcurrency(
                "arn:aws:lambda:us-east-1:123456789012:function:orders-consumer", 3));
    }

    @Test
    void appliesTheDocumentedDefaultsForMissingOptionalTags() {
        Map<String, String> tags = Map.of("ScaleDownThreshold", "0.25");

        ScalingPolicy policy = ScalingPolicy.fromTags("orders-scale-down", ScaleAction.DOWN, tags);

        assertThat(policy.minShardCount()).isEqualTo(1);
        assertThat(policy.maxShardCount()).isEqualTo(10_000);
        assertThat(policy.dryRun()).isFalse();
        assertThat(policy.consumer()).isEmpty();
        assertThat(policy.scaleUpAlarmName()).isEqualTo("orders-scale-up");
    }

    @Test
    void defaultsTheConsumerConcurrencyToOnePerShard() {
        Map<String, String> tags = tags();
        tags.put("ConsumerFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:orders-consumer");

        assertThat(ScalingPolicy.fromTags("orders-scale-up", ScaleAction.UP, tags).consumer().orElseThrow().perShard())
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "ScaleAction | Down | alarm orders-scale-up has tag ScaleAction = 'Down'; it must be Up, as the alarm's name ends in -scale-up",
        "ScaleAction | Sideways | alarm orders-scale-up has tag ScaleAction = 'Sideways'; it must be Up or Down",
        "ComplimentaryAlarm | orders-scale-up | alarm orders-scale-up has tag ComplimentaryAlarm = 'orders-scale-up'; it must be the name of an alarm ending in -scale-down",
        "MinShardCount | 0 | alarm orders-scale-up has tag MinShardCount = '0'; it must be an integer from 1 to 10000",
        "MinShardCount | two | alarm orders-scale-up has tag MinShardCount = 'two'; it must be an integer",
        "MaxShardCount | 1 | alarm orders-scale-up has tag MaxShardCount = '1'; it must be an integer from MinShardCount (2) to 10000",
        "MaxShardCount | 10001 | alarm orders-scale-up has tag MaxShardCount = '10001'; it must be an integer from MinShardCount (2) to 10000",
        "ScaleDownThreshold | 0.5 | alarm orders-scale-up has tag ScaleDownThreshold = '0.5'; it must be a number greater than 0 and less than 0.5",
        "ScaleDownThreshold | low | alarm orders-scale-up has tag ScaleDownThreshold = 'low'; it must be a number greater than 0 and less than 0.5",
        "DryRun | yes | alarm orders-scale-up has tag DryRun = 'yes'; it must be true or false",
        "ConsumerFunctionArn | orders-consumer | alarm orders-scale-up has tag ConsumerFunctionArn = 'orders-consumer'; it must be the ARN of a Lambda function",
    })
    void namesTheTagAndTheValueWhenATagIsInvalid(String key, String value, String message) {
        Map<String, String> tags = tags();
        tags.put(key, value);

        assertThatThrownBy(() -> ScalingPolicy.fromTags("orders-scale-up", ScaleAction.UP, tags))
                .isInstanceOf(AlarmConfigurationException.class)
                .hasMessage(message);
    }

    @Test
    void needsTheScaleDownThresholdToRestoreItAfterTheMinimum() {
        Map<String, String> tags = tags();
        tags.remove("ScaleDownThreshold");

        assertThatThrownBy(() -> ScalingPolicy.fromTags("orders-scale-up", ScaleAction.UP, tags))
                .isInstanceOf(AlarmConfigurationException.class)
                .hasMessage("alarm orders-scale-up has no ScaleDownThreshold tag: it is needed to restore the "
                        + "scale-down threshold when the stream leaves its minimum");
    }

    @Test
    void refusesAConcurrencyPerShardWithoutAConsumer() {
        Map<String, String> tags = tags();
        tags.put("ConsumerConcurrencyPerShard", "2");

        assertThatThrownBy(() -> ScalingPolicy.fromTags("orders-scale-up", ScaleAction.UP, tags))
                .isInstanceOf(AlarmConfigurationException.class)
                .hasMessage("alarm orders-scale-up has a ConsumerConcurrencyPerShard tag (2) but no ConsumerFunctionArn tag");
    }
}
