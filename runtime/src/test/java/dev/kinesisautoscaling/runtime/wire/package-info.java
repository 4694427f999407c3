/**
 * Wire-level tests of the scaling Lambda: the real {@code ScalingHandler} with real AWS SDK v2
 * clients against {@link dev.kinesisautoscaling.runtime.wire.LocalAwsEndpoint}, a local HTTP
 * endpoint that speaks Kinesis' CBOR, CloudWatch's smithy-rpc-v2-cbor and Lambda's REST-JSON,
 * keeps the AWS state, injects faults and records every request.
 *
 * <ul>
 *   <li>{@code WireEndpointTest}: the endpoint itself, against plain SDK clients;</li>
 *   <li>{@code WireScalingTest}: what goes over the wire when a stream is scaled;</li>
 *   <li>{@code WireFaultMatrixTest}: every AWS call of the scaling path and of the reconciliation
 *       path × every fault that applies ({@link dev.kinesisautoscaling.runtime.wire.FaultMatrix},
 *       {@link dev.kinesisautoscaling.runtime.wire.ReconciliationFaultMatrix});</li>
 *   <li>{@code WireGeneratedInputTest}: generated bad input through {@code handleEvent}
 *       ({@link dev.kinesisautoscaling.runtime.wire.EventMutator},
 *       {@link dev.kinesisautoscaling.runtime.wire.InputOracle});</li>
 *   <li>{@code WireLoadTest}: one invocation of 100 records for 50 streams.</li>
 * </ul>
 *
 * <p>Run with {@code mvn -B -pl runtime test -Dtest='Wire*'}.
 */
package dev.kinesisautoscaling.runtime.wire;
