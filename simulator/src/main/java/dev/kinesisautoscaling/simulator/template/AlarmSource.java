package dev.kinesisautoscaling.simulator.template;

/**
 * Where a replay gets a stream's scaling alarms from.
 *
 * <p>Both sources read a synthesized CloudFormation template, so that the simulation runs exactly
 * the alarms {@code cdk synth} produces: {@link CloudFormationTemplateSource} a template file or
 * resource, {@link ConstructAlarmSource} the template of the construct built from its props in this
 * JVM.
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
