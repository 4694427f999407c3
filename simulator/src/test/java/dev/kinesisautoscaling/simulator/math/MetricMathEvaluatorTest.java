package dev.kinesisautoscaling.simulator.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kinesisautoscaling.simulator.SpecAlarms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

class MetricMathEvaluatorTest {

    private static final double NONE = Double.NaN;
    private static final double MIB = 1024 * 1024;

    /** Period values per metric name, copied into the window as they are. */
    private static MetricSource periods(Map<String, double[]> values) {
        return stat -> (first, out) -> {
            double[] given = values.get(stat.metric().metricName());
            for (int i = 0; i < out.length; i++) {
                out[i] = given == null ? NONE : given[i];
            }
        };
    }

    private static MetricMathEvaluator math(String id, String... expressions) {
        List<MetricDataQuery> queries = new ArrayList<>();
        queries.add(MetricDataQuery.builder().id("m1").returnData(false)
                .metricStat(SpecAlarms.stat("s", "IncomingBytes", "Sum", 60)).build());
        queries.add(MetricDataQuery.builder().id("m2").returnData(false)
                .metricStat(SpecAlarms.stat("s", "IncomingRecords", "Sum", 60)).build());
        for (int i = 0; i < expressions.length; i++) {
            String queryId = i == expressions.length - 1 ? id : "x" + i;
            queries.add(MetricDataQuery.builder().id(queryId).expression(expressions[i])
                    .returnData(i == expressions.length - 1).build());
        }
        return MetricMathEvaluator.compile("test", queries);
    }

    @Test
    void computesTheScaleUpUsageAsTheLargerOfByteAndRecordShares() {
        MetricAlarm alarm = SpecAlarms.scaleUp("orders", 2, 300);
        Map<String, double[]> values = new HashMap<>();
        // 1.5 MiB/s and 500 records/s for 300 s on 2 shards: bytes 0.75, records 0.25.
        // 0.5 MiB/s and 1,800 records/s: bytes 0.25, records 0.9.
        values.put("IncomingBytes", new double[] {1.5 * MIB * 300, 0.5 * MIB * 300});
        values.put("IncomingRecords", new double[] {500 * 300, 1800 * 300});

        double[] usage = MetricMathEvaluator.compile(alarm).bind(periods(values)).evaluate(0, 2);

        assertThat(usage[0]).isCloseTo(0.75, within(1e-12));
        assertThat(usage[1]).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void fillsAPeriodWithoutBytesWithZeroWhenTheSeriesHasOtherDatapoints() {
        MetricAlarm alarm = SpecAlarms.scaleUp("orders", 1, 300);
        Map<String, double[]> values = new HashMap<>();
        values.put("IncomingBytes", new double[] {NONE, 0.6 * MIB * 300, NONE});
        values.put("IncomingRecords", new double[] {100 * 300, NONE, NONE});

        double[] usage = MetricMathEvaluator.compile(alarm).bind(periods(values)).evaluate(0, 3);

        assertThat(usage[0]).isCloseTo(0.1, within(1e-12));
        assertThat(usage[1]).isCloseTo(0.6, within(1e-12));
        assertThat(usage[2]).isZero();
    }

    @Test
    void leavesEveryDatapointMissingWhenNeitherMetricHasDataInTheWindow() {
        MetricAlarm alarm = SpecAlarms.scaleDown("orders", 4, 300, 0.25, null);

        double[] usage = MetricMathEvaluator.compile(alarm).bind(periods(Map.of())).evaluate(0, 62);

        assertThat(java.util.Arrays.stream(usage).boxed()).hasSize(62).allMatch(value -> value.isNaN());
    }

    @Test
    void reachesTheScaleDownThresholdWhenConsumersAreTheBlockAgeBehind() {
        MetricAlarm alarm = SpecAlarms.scaleDown("orders", 2, 300, 0.25, 30);
        Map<String, double[]> values = new HashMap<>();
        values.put("IncomingBytes", new double[] {0.01 * MIB * 300, 0.01 * MIB * 300});
        values.put("IncomingRecords", new double[] {1, 1});
        // 30 minutes behind gives (1,800,000 / 1000 / 60) * (0.25 / 30) = 0.25; 6 minutes gives 0.05.
        values.put("GetRecords.IteratorAgeMilliseconds", new double[] {1_800_000, 360_000});

        double[] usage = MetricMathEvaluator.compile(alarm).bind(periods(values)).evaluate(0, 2);

        assertThat(usage[0]).isCloseTo(0.25, within(1e-12));
        assertThat(usage[1]).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void treatsADatapointMissingOnOneSideOfSeriesArithmeticAsZero() {
        Map<String, double[]> values = Map.of("IncomingBytes", new double[] {10, NONE, NONE},
                "IncomingRecords", new double[] {1, 2, NONE});

        double[] sum = math("r", "m1 + m2").bind(periods(values)).evaluate(0, 3);

        assertThat(sum[0]).isEqualTo(11);
        assertThat(sum[1]).isEqualTo(2);
        assertThat(sum[2]).isNaN();
    }

    @Test
    void keepsMissingDatapointsMissingInScalarArithmeticAndDropsDivisionsByZero() {
        Map<String, double[]> values = Map.of("IncomingBytes", new double[] {10, NONE, 5},
                "IncomingRecords", new double[] {2, 4, 0});

        assertThat(math("r", "m1 * 2 - 1").bind(periods(values)).evaluate(0, 3)).containsExactly(19, NONE, 9);
        double[] ratio = math("r", "m1 / m2").bind(periods(values)).evaluate(0, 3);
        assertThat(ratio[0]).isEqualTo(5);
        assertThat(ratio[1]).isZero();
        assertThat(ratio[2]).isNaN();
    }

    @Test
    void evaluatesPowersNegationAndPointwiseFunctions() {
        Map<String, double[]> values = Map.of("IncomingBytes", new double[] {-2.5, 4}, "IncomingRecords", new double[] {1, 1});

        assertThat(math("r", "ABS(m1)^2").bind(periods(values)).evaluate(0, 2)).containsExactly(6.25, 16);
        assertThat(math("r", "-CEIL(m1) + FLOOR(m1)").bind(periods(values)).evaluate(0, 2)).containsExactly(-1, 0);
        assertThat(math("r", "SQRT(ABS(m1) * 4)").bind(periods(values)).evaluate(0, 2))
                .containsExactly(Math.sqrt(10), 4);
    }

    @Test
    void aggregatesArraysPointByPointAndSingleSeriesOverTheWindow() {
        Map<String, double[]> values = Map.of("IncomingBytes", new double[] {1, 8, NONE},
                "IncomingRecords", new double[] {4, 2, NONE});

        assertThat(math("r", "MAX([m1, m2])").bind(periods(values)).evaluate(0, 3)).containsExactly(4, 8, NONE);
        assertThat(math("r", "MIN([m1, m2, 3])").bind(periods(values)).evaluate(0, 3)).containsExactly(1, 2, 3);
        assertThat(math("r", "SUM([m1, m2])").bind(periods(values)).evaluate(0, 3)).containsExactly(5, 10, NONE);
        assertThat(math("r", "AVG([m1, m2])").bind(periods(values)).evaluate(0, 3)).containsExactly(2.5, 5, NONE);
        // MAX of one series is a scalar over the whole window, which is why CloudWatch advises against it in alarms.
        assertThat(math("r", "m1 / MAX(m1)").bind(periods(values)).evaluate(0, 3)).containsExactly(0.125, 1, NONE);
    }

    @Test
    void returnsAConstantQueryAsTheSameDatapointInEveryPeriod() {
        assertThat(math("r", "2").bind(periods(Map.of())).evaluate(0, 3)).containsExactly(2, 2, 2);
    }

    @Test
    void readsTheAlarmPeriodFromItsMetricsAndBindsEachMetricOnce() {
        assertThat(MetricMathEvaluator.compile(SpecAlarms.scaleUp("orders", 1, 300)).periodSeconds()).isEqualTo(300);
        List<String> bound = new ArrayList<>();
        MetricMathEvaluator.Bound math = MetricMathEvaluator.compile(SpecAlarms.scaleDown("orders", 1, 60, 0.25, 30))
                .bind(stat -> {
                    bound.add(stat.metric().metricName());
                    return periods(Map.of()).statistics(stat);
                });

        math.evaluate(0, 62);
        math.evaluate(60, 62);

        assertThat(bound).containsExactlyInAnyOrder("IncomingBytes", "IncomingRecords", "GetRecords.IteratorAgeMilliseconds");
    }

    @Test
    void evaluatesASingleMetricAlarmAsItsMetric() {
        MetricAlarm alarm = MetricAlarm.builder().alarmName("plain").namespace("AWS/Kinesis")
                .metricName("IncomingBytes").statistic("Sum").period(60).build();

        assertThat(MetricMathEvaluator.compile(alarm)
                .bind(periods(Map.of("IncomingBytes", new double[] {7, NONE}))).evaluate(0, 2)).containsExactly(7, NONE);
    }

    @Test
    void rejectsReferencesToUnknownIdsNamingTheAlarm() {
        assertThatThrownBy(() -> math("r", "m1 + e9"))
                .isInstanceOf(MetricMathException.class)
                .hasMessage("alarm test refers to id e9, which no query has");
    }

    @Test
    void rejectsQueriesThatDependOnThemselves() {
        List<MetricDataQuery> queries = List.of(
                MetricDataQuery.builder().id("a").expression("b + 1").returnData(true).build(),
                MetricDataQuery.builder().id("b").expression("a * 2").returnData(false).build());

        assertThatThrownBy(() -> MetricMathEvaluator.compile("loop", queries))
                .hasMessageContaining("depends on itself");
    }

    @Test
    void rejectsAlarmsThatDoNotReturnExactlyOneQuery() {
        List<MetricDataQuery> queries = List.of(
                MetricDataQuery.builder().id("m1").returnData(true)
                        .metricStat(SpecAlarms.stat("s", "IncomingBytes", "Sum", 60)).build(),
                MetricDataQuery.builder().id("e1").expression("m1").returnData(true).build());

        assertThatThrownBy(() -> MetricMathEvaluator.compile("two", queries))
                .hasMessage("alarm two must return exactly one query (ReturnData true), but m1, e1 do");
    }

    @Test
    void rejectsFunctionsItDoesNotModel() {
        assertThatThrownBy(() -> math("r", "RATE(m1)"))
                .hasMessageContaining("alarm test, query r: function RATE is not modelled by the simulator");
    }

    @Test
    void rejectsMaxWithSeveralArgumentsPointingToTheArrayForm() {
        assertThatThrownBy(() -> math("r", "MAX(m1, m2)"))
                .hasMessageContaining("MAX takes 1 argument, not 2 (write MAX([a, b])");
    }

    @Test
    void rejectsMetricsOfDifferentPeriods() {
        List<MetricDataQuery> queries = List.of(
                MetricDataQuery.builder().id("m1").returnData(false)
                        .metricStat(SpecAlarms.stat("s", "IncomingBytes", "Sum", 60)).build(),
                MetricDataQuery.builder().id("m2").returnData(false)
                        .metricStat(SpecAlarms.stat("s", "IncomingRecords", "Sum", 300)).build(),
                MetricDataQuery.builder().id("e1").expression("m1 + m2").returnData(true).build());

        assertThatThrownBy(() -> MetricMathEvaluator.compile("mixed", queries))
                .hasMessageContaining("all metrics of an alarm must use the same period");
    }

    @Test
    void rejectsPercentileStatistics() {
        List<MetricDataQuery> queries = List.of(MetricDataQuery.builder().id("m1").returnData(true)
                .metricStat(SpecAlarms.stat("s", "IncomingBytes", "p99", 60)).build());

        assertThatThrownBy(() -> MetricMathEvaluator.compile("p", queries))
                .hasMessageContaining("statistic 'p99' is not modelled");
    }
}
