package dev.kinesisautoscaling.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kinesisautoscaling.runtime.aws.AwsClients;
import dev.kinesisautoscaling.runtime.aws.ConsumerFunctions;
import dev.kinesisautoscaling.runtime.aws.KinesisStreams;
import dev.kinesisautoscaling.runtime.aws.ScalingAlarms;
import dev.kinesisautoscaling.runtime.notification.NotificationParser;
import dev.kinesisautoscaling.runtime.scaling.Decision;
import dev.kinesisautoscaling.runtime.scaling.Outcome;
import dev.kinesisautoscaling.runtime.telemetry.DecisionLog;
import dev.kinesisautoscaling.runtime.telemetry.JsonLog;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The scaling Lambda's entry point: takes the SNS event that carries the scale-up and scale-down
 * alarms' notifications and handles every record on its own, and the reconciliation schedule's
 * requests.
 *
 * <p>The work is done by {@link ScalingService} and {@link Reconciler}; this class unwraps the
 * event, writes one decision line per record or pair and fails the invocation when one failed on
 * an AWS call.
 */
public final class ScalingHandler implements RequestHandler<SNSEvent, ScalingReport> {

    private static final String SNS_EVENT_SOURCE = "aws:sns";

    /** Longest part of a notification written in a debug line. */
    private static final int MAX_DEBUG_MESSAGE_LENGTH = 4096;

    private final ScalingService service;
    private final Reconciler reconciler;
    private final DecisionLog decisions;
    private final JsonLog log;
    private final RuntimeSettings settings;
    private final ObjectMapper mapper;
    private final Clock clock;

    /**
     * Builds the AWS clients once per execution environment from the function's environment
     * (region from {@code AWS_REGION}, credentials from the default chain).
     *
     * @throws IllegalArgumentException naming the environment variable that is missing or malformed
     */
    public ScalingHandler() {
        this(RuntimeSettings.fromEnvironment(System.getenv()));
    }

    private ScalingHandler(RuntimeSettings settings) {
        this(settings, Clock.systemUTC(), System.out);
    }

    /**
     * Builds real AWS clients from explicit settings instead of the environment: for tests against
     * a local endpoint, the simulator and benchmarks. Endpoint and credentials still come from the
     * SDK's standard variables and system properties.
     *
     * @param settings the region, log level, attempts and timeouts
     * @param clock the current time
     * @param logOutput where log lines go
     */
    public ScalingHandler(RuntimeSettings settings, Clock clock, PrintStream logOutput) {
        this(AwsClients.create(settings), settings, clock, logOutput);
    }

    /**
     * Uses the given clients and clock and writes its log lines to the given stream: for tests and
     * the simulator.
     *
     * @param kinesis the Kinesis client
     * @param cloudWatch the CloudWatch client
     * @param lambda the Lambda client
     * @param clock the current time
     * @param logOutput where log lines go
     */
    public ScalingHandler(KinesisClient kinesis, CloudWatchClient cloudWatch, LambdaClient lambda, Clock clock,
                          PrintStream logOutput) {
        this(new AwsClients(kinesis, cloudWatch, lambda,
                        AwsClients.throttlingOnlyRetries(RuntimeSettings.DEFAULT_MAX_ATTEMPTS)),
                RuntimeSettings.defaults("us-east-1"), clock, logOutput);
    }

    /**
     * Uses the given clients, settings and clock: for tests of the settings, and tools.
     *
     * @param clients the AWS clients
     * @param settings the log level, attempts and timeouts
     * @param clock the current time
     * @param logOutput where log lines go
     */
    public ScalingHandler(AwsClients clients, RuntimeSettings settings, Clock clock, PrintStream logOutput) {
        this.mapper = new ObjectMapper();
        this.log = new JsonLog(logOutput, settings.logLevel(), clock, mapper);
        this.settings = settings;
        this.clock = clock;
        this.decisions = new DecisionLog(log, settings.functionName());
        ScalingAlarms alarms = new ScalingAlarms(clients.cloudWatch());
        KinesisStreams streams = new KinesisStreams(clients.kinesis(), clients.updateShardCountRetries());
        ConsumerFunctions consumers = new ConsumerFunctions(clients.lambda());
        this.service = new ScalingService(new NotificationParser(mapper), alarms, streams, consumers, clock);
        this.reconciler = new Reconciler(alarms, streams, consumers, clock);
    }

    /**
     * The function's entry point (handler {@code dev.kinesisautoscaling.runtime.ScalingHandler::handleEvent}):
     * takes both events the function receives. A reconciliation request (an object with
     * {@code "reconcile"}) from the schedule goes to {@link #reconcile}; anything else is read as the
     * SNS event of the alarms and goes to {@link #handleRequest}.
     *
     * @param input the event's JSON
     * @param output where the report's JSON goes
     * @param context the invocation's context
     * @throws IOException when the event cannot be read or the report written
     * @throws IllegalArgumentException when the event is not JSON, or is a malformed reconciliation request
     * @throws ScalingFailedException when a record or pair failed on an AWS call
     */
    public void handleEvent(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = mapper.readTree(input);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the event is not JSON: " + e.getOriginalMessage(), e);
        } catch (CharConversionException e) {
            throw new IllegalArgumentException("the event is not JSON: " + e.getMessage(), e);
        }
        Object report = ReconciliationRequest.isReconciliation(event)
                ? reconcile(ReconciliationRequest.parse(event), context)
                : handleRequest(SnsEvents.fromJson(event), context);
        mapper.writeValue(output, report);
    }

    /**
     * Compares each alarm pair of the request with its stream and repairs any drift, without
     * scaling; one pair's failure does not stop the others. Pairs for which too little time is
     * left are deferred to the next reconciliation, which starts at another place in the list.
     *
     * @param request the alarm pairs to check
     * @param context the invocation's context; its remaining time stops the loop before a timeout
     * @return each pair's outcome
     * @throws ScalingFailedException after all pairs, when any of them failed on an AWS call
     */
    public ScalingReport reconcile(ReconciliationRequest request, Context context) {
        ScalingReport report = new ScalingReport();
        List<String> failures = new ArrayList<>();
        List<ReconciliationRequest.AlarmPairNames> pairs = request.pairs();
        // Each run starts elsewhere in the list, so that pairs a run had no time for come first later.
        int first = pairs.isEmpty() ? 0 : (int) Math.floorMod(clock.millis() / 60_000, (long) pairs.size());
        log.log(JsonLog.Level.DEBUG, "reconciliation request", Map.of("pairs", pairs.size(), "firstPair", first));
        for (int i = 0; i < pairs.size(); i++) {
            ReconciliationRequest.AlarmPairNames pair = pairs.get((first + i) % pairs.size());
            Decision decision;
            if (tooLittleTimeLeft(context)) {
                decision = Reconciler.deferred(pair, context.getRemainingTimeInMillis());
            } else {
                decision = reconciler.reconcile(pair);
            }
            record(report, decision);
            if (decision.outcome() == Outcome.FAILED) {
                failures.add(pair.scaleUpAlarm() + ": " + decision.reason());
            }
        }
        if (!failures.isEmpty()) {
            throw new ScalingFailedException(failures.size() + " of " + request.pairs().size()
                    + " alarm pairs failed: " + String.join("; ", failures));
        }
        return report;
    }

    /**
     * Handles every record of the event; one bad record does not stop the others.
     *
     * @param event the SNS event
     * @param context the invocation's context; its remaining time stops the loop before a timeout
     * @return each record's outcome
     * @throws ScalingFailedException after all records, when any of them failed on an AWS call
     */
    @Override
    public ScalingReport handleRequest(SNSEvent event, Context context) {
        ScalingReport report = new ScalingReport();
        List<SNSEvent.SNSRecord> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        log.log(JsonLog.Level.DEBUG, "event received", Map.of("records", records.size()));
        if (records.isEmpty()) {
            record(report, Decision.forMessage("none").build(Outcome.INVALID_NOTIFICATION, "the event has no records"));
            return report;
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Decision decision = handleRecord(records.get(i), i, context);
            record(report, decision);
            if (decision.outcome() == Outcome.FAILED) {
                failures.add(decision.messageId() + " (" + decision.streamName() + "): " + decision.reason());
            }
        }
        if (!failures.isEmpty()) {
            throw new ScalingFailedException(failures.size() + " of " + records.size() + " records failed: "
                    + String.join("; ", failures));
        }
        return report;
    }

    private Decision handleRecord(SNSEvent.SNSRecord record, int index, Context context) {
        if (record == null || record.getSNS() == null) {
            return Decision.forMessage("record-" + index)
                    .build(Outcome.INVALID_NOTIFICATION, "record " + index + " has no Sns object");
        }
        SNSEvent.SNS sns = record.getSNS();
        String messageId = sns.getMessageId() == null ? "record-" + index : sns.getMessageId();
        if (!SNS_EVENT_SOURCE.equals(record.getEventSource())) {
            return Decision.forMessage(messageId).build(Outcome.INVALID_NOTIFICATION,
                    "record " + index + " has EventSource '" + record.getEventSource() + "', not aws:sns");
        }
        if (tooLittleTimeLeft(context)) {
            return Decision.forMessage(messageId).build(Outcome.FAILED, "not handled: only "
                    + context.getRemainingTimeInMillis() + " ms of the invocation were left");
        }
        if (log.enabled(JsonLog.Level.DEBUG)) {
            String message = sns.getMessage() == null ? "" : sns.getMessage();
            log.log(JsonLog.Level.DEBUG, "notification", Map.of("messageId", messageId, "snsMessage",
                    message.length() > MAX_DEBUG_MESSAGE_LENGTH ? message.substring(0, MAX_DEBUG_MESSAGE_LENGTH) : message));
        }
        return service.handle(messageId, sns.getMessage());
    }

    /** Whether the invocation has less time left than one record or pair may need. */
    private boolean tooLittleTimeLeft(Context context) {
        return context != null && context.getRemainingTimeInMillis() < settings.recordTimeReserve().toMillis();
    }

    private void record(ScalingReport report, Decision decision) {
        decisions.record(decision);
        report.add(decision);
    }
}
