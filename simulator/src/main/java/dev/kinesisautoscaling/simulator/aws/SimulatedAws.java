package dev.kinesisautoscaling.simulator.aws;

import dev.kinesisautoscaling.simulator.cloudwatch.SimulatedCloudWatch;

/**
 * The simulated AWS of one replay: the clock and the three services the scaling Lambda calls.
 *
 * @param clock the simulated time, shared by all services
 * @param kinesis the simulated Kinesis
 * @param cloudWatch the simulated CloudWatch
 * @param lambda the simulated Lambda
 */
public record SimulatedAws(SimulationClock clock, SimulatedKinesis kinesis, SimulatedCloudWatch cloudWatch,
                           SimulatedLambda lambda) {
}
