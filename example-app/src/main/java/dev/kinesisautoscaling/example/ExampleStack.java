package dev.kinesisautoscaling.example;

import dev.kinesisautoscaling.AutoScalingKinesisStream;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Two auto-scaling streams that share the stack's scaler: {@code clickstream} on the defaults, and
 * {@code orders} with bounds, the iterator-age block and a consumer whose reserved concurrency
 * follows the shard count.
 */
public class ExampleStack extends Stack {

    private final AutoScalingKinesisStream clickstream;
    private final AutoScalingKinesisStream orders;

    /**
     * Defines the example's resources.
     *
     * @param scope the app
     * @param id the stack's id
     * @param props the stack's settings
     */
    public ExampleStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);

        clickstream = AutoScalingKinesisStream.Builder.create(this, "Clickstream")
                .streamName("clickstream")
                .build();

        Function consumer = consumer();
        orders = AutoScalingKinesisStream.Builder.create(this, "Orders")
                .streamName("orders")
                .shardCount(2)
                .minShardCount(2)
                .maxShardCount(16)
                .iteratorAgeBlock(Duration.minutes(30))
                .consumerFunction(consumer)
                .consumerConcurrencyPerShard(2)
                .build();
        consumer.addEventSource(KinesisEventSource.Builder.create(orders.getStream())
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .parallelizationFactor(2)
                .batchSize(100)
                .build());
    }

    /** A consumer of the orders stream, with a role of its own so that no AWS managed policy is needed. */
    private Function consumer() {
        LogGroup logs = LogGroup.Builder.create(this, "OrdersConsumerLogs")
                .retention(RetentionDays.ONE_MONTH)
                .build();
        Role role = Role.Builder.create(this, "OrdersConsumerRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logs.getLogGroupArn()))
                .build());
        return Function.Builder.create(this, "OrdersConsumer")
                .description("Example consumer of the orders stream")
                .runtime(Runtime.NODEJS_24_X)
                .architecture(Architecture.ARM_64)
                .handler("index.handler")
                .code(Code.fromInline("exports.handler = async (event) => ({ batchItemFailures: [] });"))
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .timeout(Duration.seconds(30))
                .build();
    }

    /**
     * The stream on the defaults.
     *
     * @return the clickstream stream
     */
    public AutoScalingKinesisStream getClickstream() {
        return clickstream;
    }

    /**
     * The stream with bounds, the iterator-age block and a consumer.
     *
     * @return the orders stream
     */
    public AutoScalingKinesisStream getOrders() {
        return orders;
    }
}
