/**
 * Wire-level tests of the scaling Lambda: the real {@code ScalingHandler} with real AWS SDK v2
 * clients against {@link dev.kinesisautoscaling.runtime.wire.LocalAwsEndpoint}, a local HTTP
 * endpoint that speaks Kinesis' CBOR, CloudWatch's smithy-rpc-v2-cbor and Lambda's REST-JSON,
 * keeps the AWS state, injects faults and records every request.
 *
 * <p>Run with {@code mvn -B -pl runtime test -Dtest='Wire*'}.
 */
package dev.kinesisautoscaling.runtime.wire;
