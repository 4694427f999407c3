package dev.kinesisautoscaling.runtime;

import dev.kinesisautoscaling.runtime.telemetry.JsonLog;
import java.time.Duration;
import java.util.Map;

/**
 * The scaling Lambda's process-wide settings, read once from its environment.
 *
 * <p>Per-stream policy is not here: it lives on each stream's alarms, so that one function can
 * serve streams with different policies.
 *
 * @param region the AWS region of the clients ({@code AWS_REGION})
 * @param functionName the function's name, a dimension of every metric ({@code AWS_LAMBDA_FUNCTION_NAME})
 * @param logLevel the lowest level of diagnostic lines ({@code LOG_LEVEL}); decision lines are always written
 * @param maxAttempts attempts per AWS call, the first included ({@code AWS_MAX_ATTEMPTS})
 * @param apiCallAttemptTimeout how long one attempt of an AWS call may take ({@code API_CALL_ATTEMPT_TIMEOUT_MILLIS})
 * @param apiCallTimeout how long an AWS call may take over all its attempts ({@code API_CALL_TIMEOUT_MILLIS})
 */
public record RuntimeSettings(
        String region,
        String functionName,
        JsonLog.Level logLevel,
        int maxAttempts,
        Duration apiCallAttemptTimeout,
        Duration apiCallTimeout) {

    /** Name used in metrics when the function's name is not in the environment (outside Lambda). */
    public static final String DEFAULT_FUNCTION_NAME = "kinesis-autoscaling";
    /** Default of {@code LOG_LEVEL}. */
    public static final JsonLog.Level DEFAULT_LOG_LEVEL = JsonLog.Level.INFO;
    /** Default of {@code AWS_MAX_ATTEMPTS}, the AWS SDK's own default. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Default of {@code API_CALL_ATTEMPT_TIMEOUT_MILLIS}. */
    public static final Duration DEFAULT_API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    /** Default of {@code API_CALL_TIMEOUT_MILLIS}. */
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Checks the values.
     *
     * @param region the AWS region
     * @param functionName the function's name
     * @param logLevel the lowest level of diagnostic lines
     * @param maxAttempts attempts per AWS call
     * @param apiCallAttemptTimeout the per-attempt timeout
     * @param apiCallTimeout the per-call timeout
     */
    public RuntimeSettings {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("AWS_MAX_ATTEMPTS (" + maxAttempts + ") must be from 1 to 10");
        }
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new IllegalArgumentException("API_CALL_ATTEMPT_TIMEOUT_MILLIS (" + apiCallAttemptTimeout.toMillis()
                    + ") must not exceed API_CALL_TIMEOUT_MILLIS (" + apiCallTimeout.toMillis() + ")");
        }
    }

    /**
     * Reads the settings from environment variables, failing on the first bad one.
     *
     * @param env the environment, {@link System#getenv()} in production
     * @return the settings
     * @throws IllegalArgumentException naming the variable and its value when one is missing or malformed
     */
    public static RuntimeSettings fromEnvironment(Map<String, String> env) {
        String region = env.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("AWS_REGION is not set: the scaling Lambda needs the region of its streams");
        }
        String functionName = env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", DEFAULT_FUNCTION_NAME);
        JsonLog.Level logLevel = DEFAULT_LOG_LEVEL;
        String level = env.get("LOG_LEVEL");
        if (level != null && !level.isBlank()) {
            try {
                logLevel = JsonLog.Level.parse(level);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("LOG_LEVEL " + e.getMessage(), e);
            }
        }
        int maxAttempts = positiveInt(env, "AWS_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS);
        Duration attemptTimeout = Duration.ofMillis(positiveInt(env, "API_CALL_ATTEMPT_TIMEOUT_MILLIS",
                (int) DEFAULT_API_CALL_ATTEMPT_TIMEOUT.toMillis()));
        Duration callTimeout = Duration.ofMillis(positiveInt(env, "API_CALL_TIMEOUT_MILLIS",
                (int) DEFAULT_API_CALL_TIMEOUT.toMillis()));
        return new RuntimeSettings(region.trim(), functionName, logLevel, maxAttempts, attemptTimeout, callTimeout);
    }

    /**
     * Settings for running outside Lambda with the defaults: tests, the simulator, benchmarks.
     *
     * @param region the AWS region
     * @return the default settings for that region
     */
    public static RuntimeSettings defaults(String region) {
        return new RuntimeSettings(region, DEFAULT_FUNCTION_NAME, DEFAULT_LOG_LEVEL, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_API_CALL_ATTEMPT_TIMEOUT, DEFAULT_API_CALL_TIMEOUT);
    }

    /** The most AWS calls one record or alarm pair makes, including setting the alarm to {@code OK} after a failure. */
    public static final int MAX_CALLS_PER_RECORD = 14;

    /**
     * The time one record or alarm pair may need in the worst case: every one of its calls taking
     * the whole call timeout, plus a second for the rest. A record is only started while this much
     * time remains, so that no record is cut off by the function's timeout.
     *
     * @return the time kept free before a record is started
     */
    public Duration recordTimeReserve() {
        return apiCallTimeout.multipliedBy(MAX_CALLS_PER_RECORD).plusSeconds(1);
    }

    private static int positiveInt(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException(name + " ('" + value + "') must be a positive whole number");
    }
}
