package dev.kinesisautoscaling.example;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * A CDK app with one stack holding two auto-scaling streams that share one scaler.
 */
public final class ExampleApp {

    private ExampleApp() {
    }

    /**
     * Synthesizes the app into {@code cdk.out/}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        App app = new App();
        new ExampleStack(app, "KinesisAutoScalingExample", StackProps.builder()
                .description("kinesis-autoscaling example: two provisioned Kinesis streams that scale themselves")
                .build());
        app.synth();
    }
}
