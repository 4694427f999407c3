package dev.kinesisautoscaling.benchmarks;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamMode;

/** A CDK app with one plain provisioned stream: the floor of a synthesis, for comparison. */
public final class BareStreamApp {

    private BareStreamApp() {
    }

    /**
     * Synthesizes the app.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        App app = new App();
        Stack stack = new Stack(app, "BareStream");
        Stream.Builder.create(stack, "Stream").streamMode(StreamMode.PROVISIONED).shardCount(1).build();
        app.synth();
    }
}
