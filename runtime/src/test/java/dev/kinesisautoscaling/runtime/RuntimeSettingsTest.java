package dev.kinesisautoscaling.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinesisautoscaling.runtime.telemetry.JsonLog;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeSettingsTest {

    @Test
    void appliesTheDefaultsToAMinimalEnvironment() {
        RuntimeSettings settings = RuntimeSettings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1"));

        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.functionName()).isEqualTo("kinesis-autoscaling");
        assertThat(settings.logLevel()).isEqualTo(JsonLog.Level.INFO);
        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.apiCallTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.recordTimeReserve()).isEqualTo(Duration.ofSeconds(141));
    }

    @Test
    void readsEverySetting() {
        RuntimeSettings settings = RuntimeSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_LAMBDA_FUNCTION_NAME", "orders-scaler",
                "LOG_LEVEL", "debug",
                "AWS_MAX_ATTEMPTS", "5",
                "API_CALL_ATTEMPT_TIMEOUT_MILLIS", "2000",
                "API_CALL_TIMEOUT_MILLIS", "8000"));

        assertThat(settings).isEqualTo(new RuntimeSettings("eu-west-1", "orders-scaler", JsonLog.Level.DEBUG, 5,
                Duration.ofSeconds(2), Duration.ofSeconds(8)));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "LOG_LEVEL | chatty | LOG_LEVEL 'chatty' is not DEBUG, INFO, WARN or ERROR",
        "AWS_MAX_ATTEMPTS | three | AWS_MAX_ATTEMPTS ('three') must be a positive whole number",
        "AWS_MAX_ATTEMPTS | 0 | AWS_MAX_ATTEMPTS ('0') must be a positive whole number",
        "AWS_MAX_ATTEMPTS | 11 | AWS_MAX_ATTEMPTS (11) must be from 1 to 10",
        "API_CALL_TIMEOUT_MILLIS | 1000 | API_CALL_ATTEMPT_TIMEOUT_MILLIS (3000) must not exceed API_CALL_TIMEOUT_MILLIS (1000)",
    })
    void namesTheVariableAndTheValueThatAreWrong(String name, String value, String message) {
        assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1", name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void needsARegion() {
        assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWS_REGION is not set: the scaling Lambda needs the region of its streams");
    }
}
