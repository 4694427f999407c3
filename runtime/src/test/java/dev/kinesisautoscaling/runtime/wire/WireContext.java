package dev.kinesisautoscaling.runtime.wire;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda context with a minute of remaining time, as for an invocation that has just started. */
public final class WireContext implements Context {

    @Override
    public String getAwsRequestId() {
        return "3c7a9b1e-0000-4000-8000-00000000wire";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/kinesis-autoscaling";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/29/[$LATEST]00000000000000000000000000000wire";
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
        return 60_000;
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
