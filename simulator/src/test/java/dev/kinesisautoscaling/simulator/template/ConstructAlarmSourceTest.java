package dev.kinesisautoscaling.simulator.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinesisautoscaling.AutoScalingKinesisStreamProps;
import dev.kinesisautoscaling.simulator.SimulatorCli;
import dev.kinesisautoscaling.simulator.aws.AwsAccount;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

class ConstructAlarmSourceTest {

    private static final AwsAccount ACCOUNT = new AwsAccount("123456789012", "us-east-1");

    private static MetricAlarm alarm(StreamAlarms alarms, String suffix) {
        return alarms.alarms().stream().map(AlarmDefinition::alarm)
                .filter(a -> a.alarmName().endsWith(suffix)).findFirst().orElseThrow();
    }

    private static Map<String, String> tags(StreamAlarms alarms, String suffix) {
        return alarms.alarms().stream().filter(d -> d.alarm().alarmName().endsWith(suffix))
                .map(AlarmDefinition::tags).findFirst().orElseThrow();
    }

    /** What decides when an alarm fires, leaving out its description and where it sends notifications. */
    private static MetricAlarm behaviour(MetricAlarm alarm) {
        return alarm.toBuilder().alarmDescription(null).alarmActions(List.of()).build();
    }

    @Test
    void bundledDefaultTemplateHoldsTheAlarmsTheConstructBuildsOnItsDefaults() {
        StreamAlarms bundled = CloudFormationTemplateSource.fromResource(SimulatorCli.DEFAULT_TEMPLATE,
                Optional.of(StreamAlarms.DEFAULT_STREAM_NAME), ACCOUNT).load();
        StreamAlarms built = new ConstructAlarmSource(AutoScalingKinesisStreamProps.builder().build(), ACCOUNT).load();

        assertThat(built.streamName()).isEqualTo(bundled.streamName());
        assertThat(built.shardCount()).isEqualTo(bundled.shardCount());
        for (String suffix : List.of("-scale-up", "-scale-down")) {
            assertThat(behaviour(alarm(built, suffix))).as("alarm ending in " + suffix)
                    .isEqualTo(behaviour(alarm(bundled, suffix)));
            assertThat(tags(built, suffix)).isEqualTo(tags(bundled, suffix));
        }
    }

    @Test
    void buildsTheAlarmsFromTheConstructsProps() {
        StreamAlarms built = new ConstructAlarmSource(AutoScalingKinesisStreamProps.builder()
                .streamName("orders").shardCount(2).minShardCount(2).maxShardCount(16)
                .metricPeriod(Duration.minutes(1)).iteratorAgeBlock(Duration.minutes(30)).build(), ACCOUNT).load();

        assertThat(built.streamName()).isEqualTo("orders");
        assertThat(built.shardCount()).isEqualTo(2);
        MetricAlarm down = alarm(built, "-scale-down");
        assertThat(down.threshold()).isEqualTo(-1.0);
        assertThat(down.metrics()).anySatisfy(q -> assertThat(q.id()).isEqualTo("m3"));
        assertThat(down.metrics().get(0).metricStat().period()).isEqualTo(60);
        Map<String, String> tags = new HashMap<>(tags(built, "-scale-up"));
        assertThat(tags).containsEntry("MinShardCount", "2").containsEntry("MaxShardCount", "16");
    }
}
