package dev.kinesisautoscaling.simulator.aws;

import java.util.Map;

/**
 * The account and region the simulated services pretend to run in; they appear in ARNs and in the
 * alarm notifications.
 *
 * @param accountId the 12-digit account id
 * @param region the region code, such as {@code us-east-1}
 */
public record AwsAccount(String accountId, String region) {

    /** The account and region used when none is given. */
    public static final AwsAccount DEFAULT = new AwsAccount("123456789012", "us-east-1");

    private static final Map<String, String> REGION_NAMES = Map.ofEntries(
            Map.entry("us-east-1", "US East (N. Virginia)"),
            Map.entry("us-east-2", "US East (Ohio)"),
            Map.entry("us-west-1", "US West (N. California)"),
            Map.entry("us-west-2", "US West (Oregon)"),
            Map.entry("eu-west-1", "EU (Ireland)"),
            Map.entry("eu-west-2", "EU (London)"),
            Map.entry("eu-central-1", "EU (Frankfurt)"),
            Map.entry("ap-southeast-1", "Asia Pacific (Singapore)"),
            Map.entry("ap-southeast-2", "Asia Pacific (Sydney)"),
            Map.entry("ap-northeast-1", "Asia Pacific (Tokyo)"));

    /**
     * The region's name as CloudWatch writes it into alarm notifications.
     *
     * @return such as {@code US East (N. Virginia)}; the code for regions not in the table
     */
    public String regionName() {
        return REGION_NAMES.getOrDefault(region, region);
    }

    /**
     * The ARN of a CloudWatch alarm.
     *
     * @param alarmName the alarm's name
     * @return {@code arn:aws:cloudwatch:<region>:<account>:alarm:<name>}
     */
    public String alarmArn(String alarmName) {
        return "arn:aws:cloudwatch:" + region + ":" + accountId + ":alarm:" + alarmName;
    }

    /**
     * The ARN of a Kinesis stream.
     *
     * @param streamName the stream's name
     * @return {@code arn:aws:kinesis:<region>:<account>:stream/<name>}
     */
    public String streamArn(String streamName) {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + streamName;
    }

    /**
     * The ARN of an SNS topic.
     *
     * @param topicName the topic's name
     * @return {@code arn:aws:sns:<region>:<account>:<name>}
     */
    public String topicArn(String topicName) {
        return "arn:aws:sns:" + region + ":" + accountId + ":" + topicName;
    }

    /**
     * The ARN of a Lambda function.
     *
     * @param functionName the function's name
     * @return {@code arn:aws:lambda:<region>:<account>:function:<name>}
     */
    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }
}
