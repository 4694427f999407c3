package dev.kinesisautoscaling.runtime.wire;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;

/**
 * A Lambda context whose remaining time runs down in real time from the function's timeout, as
 * Lambda's does: a handler that is too slow sees its time run out instead of a constant minute.
 */
public final class DeadlineContext implements Context {

    private final long deadlineNanos;
    private final Duration timeout;

    /**
     * Starts the invocation's clock now.
     *
     * @param timeout the function's timeout
     */
    public DeadlineContext(Duration timeout) {
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /**
     * The function's timeout.
     *
     * @return the timeout the context counts down from
     */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public String getAwsRequestId() {
        return "3c7a9b1e-0000-4000-8000-000000000load";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/kinesis-autoscaling";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/29/[$LATEST]00000000000000000000000000000load";
    }

    @Override
    public String getFunctionName() {
        return "kinesis-autoscaling";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:kinesis-autoscaling";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}
