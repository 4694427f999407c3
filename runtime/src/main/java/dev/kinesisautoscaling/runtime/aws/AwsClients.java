package dev.kinesisautoscaling.runtime.aws;

import dev.kinesisautoscaling.runtime.RuntimeSettings;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Builds the scaling Lambda's AWS clients, once per execution environment.
 *
 * <p>All three share one URL-connection HTTP client and the SDK's standard retry strategy, so that
 * throttling is retried with the SDK's backoff and never by hand. Kinesis signals control-plane
 * throttling with {@code LimitExceededException}, which the SDK does not know as throttling: it is
 * added for the Kinesis client. The standard endpoint variables ({@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_KINESIS}, ...) keep working because no endpoint is overridden here.
 *
 * @param kinesis the Kinesis client
 * @param cloudWatch the CloudWatch client
 * @param lambda the Lambda client
 * @param updateShardCountRetries the per-request retry configuration of {@code UpdateShardCount}
 */
public record AwsClients(KinesisClient kinesis, CloudWatchClient cloudWatch, LambdaClient lambda,
                         SdkPlugin updateShardCountRetries) {

    /**
     * Builds the clients for the given settings.
     *
     * @param settings the region, attempts and timeouts
     * @return the clients
     */
    public static AwsClients create(RuntimeSettings settings) {
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.apiCallAttemptTimeout())
                .socketTimeout(settings.apiCallAttemptTimeout())
                .build();
        Region region = Region.of(settings.region());
        KinesisClient kinesis = KinesisClient.builder()
                .region(region)
                .httpClient(http)
                .overrideConfiguration(overrides(settings, kinesisRetries(settings.maxAttempts())))
                .build();
        CloudWatchClient cloudWatch = CloudWatchClient.builder()
                .region(region)
                .httpClient(http)
                .overrideConfiguration(overrides(settings, standardRetries(settings.maxAttempts())))
                .build();
        LambdaClient lambda = LambdaClient.builder()
                .region(region)
                .httpClient(http)
                .overrideConfiguration(overrides(settings, standardRetries(settings.maxAttempts())))
                .build();
        return new AwsClients(kinesis, cloudWatch, lambda, throttlingOnlyRetries(settings.maxAttempts()));
    }

    /**
     * A plugin that lets a request be retried only when it was throttled, that is when it
     * certainly did not take effect. For {@code UpdateShardCount}, where a retry after a timeout
     * could reshard a stream twice.
     *
     * @param maxAttempts attempts, the first included
     * @return the per-request plugin
     */
    public static SdkPlugin throttlingOnlyRetries(int maxAttempts) {
        RetryStrategy strategy = StandardRetryStrategy.builder()
                .maxAttempts(maxAttempts)
                .retryOnException(AwsClients::isThrottling)
                .treatAsThrottling(AwsClients::isThrottling)
                .useClientDefaults(false)
                .build();
        return config -> config.overrideConfiguration(
                config.overrideConfiguration().toBuilder().retryStrategy(strategy).build());
    }

    /**
     * Whether an exception says that AWS throttled the call.
     *
     * @param failure the exception
     * @return true for throttling, including Kinesis' {@code LimitExceededException}
     */
    public static boolean isThrottling(Throwable failure) {
        return failure instanceof LimitExceededException
                || failure instanceof SdkServiceException service && service.isThrottlingException();
    }

    /** A strategy per client: each keeps its own retry token bucket. */
    private static RetryStrategy standardRetries(int maxAttempts) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
    }

    private static RetryStrategy kinesisRetries(int maxAttempts) {
        return standardRetries(maxAttempts).toBuilder()
                .retryOnExceptionInstanceOf(LimitExceededException.class)
                .treatAsThrottling(AwsClients::isThrottling)
                .build();
    }

    private static ClientOverrideConfiguration overrides(RuntimeSettings settings, RetryStrategy retries) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(retries)
                .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                .apiCallTimeout(settings.apiCallTimeout())
                .build();
    }
}
