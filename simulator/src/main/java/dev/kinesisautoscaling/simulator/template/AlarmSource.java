package dev.kinesisautoscaling.simulator.template;

/**
 * Where a replay gets a stream's scaling alarms from.
 *
 * <p>Today the only source is a synthesized CloudFormation template
 * ({@link CloudFormationTemplateSource}), so that the simulation runs exactly the alarms
 * {@code cdk synth} produced. A source that builds the alarms from the construct's props without
 * synthesizing can implement this interface later.
 */
public interface AlarmSource {

    /**
     * Loads the alarms of one stream.
     *
     * @return the stream's alarm pair and the shard count it was computed for
     * @throws TemplateException when the alarms cannot be found or understood; the message says why and where
     */
    StreamAlarms load();

    /**
     * Describes the source for reports, such as the template's file name.
     *
     * @return a short description
     */
    String description();
}
