package dev.kinesisautoscaling.simulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kinesisautoscaling.AutoScalingKinesisStream;
import dev.kinesisautoscaling.AutoScalingKinesisStreamProps;
import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * Builds a stream's alarms with the construct itself, from its props, without a CDK app of one's
 * own: the stream is defined in a throw-away stack, synthesized in this JVM, and its template read
 * like any other. The simulation therefore runs exactly the alarms {@code cdk deploy} would create
 * for those props.
 */
public final class ConstructAlarmSource implements AlarmSource {

    private final AutoScalingKinesisStreamProps props;
    private final AwsAccount account;

    /**
     * A source for the given props.
     *
     * @param props the construct's props; a stream name is given one when it has none
     * @param account the account and region the stack is deployed to
     */
    public ConstructAlarmSource(AutoScalingKinesisStreamProps props, AwsAccount account) {
        this.props = props;
        this.account = account;
    }

    @Override
    public String description() {
        return "AutoScalingKinesisStream props";
    }

    @Override
    public StreamAlarms load() {
        String streamName = props.getStreamName() != null ? props.getStreamName() : StreamAlarms.DEFAULT_STREAM_NAME;
        return CloudFormationTemplateSource.fromJson(synthesize(props), description(), Optional.of(streamName), account)
                .load();
    }

    /**
     * The template of a stack that holds one auto-scaling stream with the given props.
     *
     * @param props the construct's props
     * @return the synthesized template
     */
    public static JsonNode synthesize(AutoScalingKinesisStreamProps props) {
        Stack stack = new Stack(new App(), "SimulatedStack");
        new AutoScalingKinesisStream(stack, "Stream", props);
        return new ObjectMapper().valueToTree(Template.fromStack(stack).toJSON());
    }

    /**
     * Writes the bundled default template: the construct on its defaults, with a stream whose name
     * CloudFormation would generate (the simulator names it). A test keeps the bundled file's
     * alarms equal to the construct's.
     *
     * @param args the file to write, such as {@code simulator/src/main/resources/templates/default-alarms.template.json}
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("give the file to write");
        }
        JsonNode template = synthesize(AutoScalingKinesisStreamProps.builder().build());
        new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(Path.of(args[0]).toFile(), template);
    }
}
