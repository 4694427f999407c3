package dev.kinesisautoscaling.runtime.fakes;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;
import java.util.function.IntSupplier;

/** A Lambda context whose remaining time is fixed, or runs down in real time as Lambda's does. */
public final class TestContext implements Context {

    private final IntSupplier remainingMillis;

    /**
     * A context with a fixed remaining time.
     *
     * @param remainingMillis the remaining time it always tells
     */
    public TestContext(int remainingMillis) {
        this.remainingMillis = () -> remainingMillis;
    }

    private TestContext(IntSupplier remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    /**
     * A context whose remaining time runs down from the function's timeout, starting now: a
     * handler that is too slow sees its time run out.
     *
     * @param timeout the function's timeout
     * @return the context
     */
    public static TestContext countingDown(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return new TestContext(() -> (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
    }

    @Override
    public String getAwsRequestId() {
        return "8f5b7e58-0000-4000-8000-000000000001";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/kinesis-autoscaling";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/29/[$LATEST]0123456789abcdef";
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
    public int getRemainingTimeInMillis() {
        return remainingMillis.getAsInt();
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
