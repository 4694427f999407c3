package dev.kinesisautoscaling.simulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinesisautoscaling.simulator.SpecAlarms;
import dev.kinesisautoscaling.simulator.cloudwatch.AlarmEvaluator.MissingData;
import dev.kinesisautoscaling.simulator.cloudwatch.AlarmEvaluator.Result;
import dev.kinesisautoscaling.simulator.cloudwatch.AlarmEvaluator.Rule;
import dev.kinesisautoscaling.simulator.math.MetricMathException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

class AlarmEvaluatorTest {

    /** Datapoints written as in CloudWatch's documentation, oldest first: 0 good, X breaching, - missing. */
    private static double[] window(String datapoints) {
        return Arrays.stream(datapoints.trim().split("\\s+"))
                .mapToDouble(point -> switch (point) {
                    case "0" -> 0.0;
                    case "X" -> 1.0;
                    case "-" -> Double.NaN;
                    default -> Double.parseDouble(point);
                }).toArray();
    }

    private static Rule rule(int n, int m, MissingData missingData) {
        return new Rule(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 0.5, n, m, missingData);
    }

    /**
     * Every row of the two tables in "How alarm state is evaluated when data is missing" (CloudWatch
     * User Guide): 3 of 3 and 2 of 3, evaluation range 5. RETAIN means the current state is kept.
     */
    @ParameterizedTest(name = "{0} of {1} over [{2}]: missing {3}, ignore {4}, breaching {5}, notBreaching {6}")
    @CsvSource({
        "3, 3, 0 - X - X, OK,                OK,     OK,    OK",
        "3, 3, 0 - - - -, OK,                OK,     OK,    OK",
        "3, 3, - - - - -, INSUFFICIENT_DATA, RETAIN, ALARM, OK",
        "3, 3, 0 X X - X, ALARM,             ALARM,  ALARM, ALARM",
        "3, 3, - - X - -, ALARM,             RETAIN, ALARM, OK",
        "3, 2, 0 - X - X, ALARM,             ALARM,  ALARM, ALARM",
        "3, 2, 0 0 X 0 X, ALARM,             ALARM,  ALARM, ALARM",
        "3, 2, 0 - X - -, OK,                OK,     ALARM, OK",
        "3, 2, - - - - 0, OK,                OK,     ALARM, OK",
        "3, 2, - - - X -, ALARM,             RETAIN, ALARM, OK",
    })
    void reproducesTheDocumentedExamplesOfMissingData(int n, int m, String datapoints, String missing, String ignore,
                                                      String breaching, String notBreaching) {
        for (StateValue current : new StateValue[] {StateValue.OK, StateValue.ALARM, StateValue.INSUFFICIENT_DATA}) {
            assertThat(AlarmEvaluator.evaluate(rule(n, m, MissingData.MISSING), window(datapoints), current).state())
                    .isEqualTo(expected(missing, current));
            assertThat(AlarmEvaluator.evaluate(rule(n, m, MissingData.IGNORE), window(datapoints), current).state())
                    .isEqualTo(expected(ignore, current));
            assertThat(AlarmEvaluator.evaluate(rule(n, m, MissingData.BREACHING), window(datapoints), current).state())
                    .isEqualTo(expected(breaching, current));
            assertThat(AlarmEvaluator.evaluate(rule(n, m, MissingData.NOT_BREACHING), window(datapoints), current).state())
                    .isEqualTo(expected(notBreaching, current));
        }
    }

    private static StateValue expected(String text, StateValue current) {
        return "RETAIN".equals(text) ? current : StateValue.fromValue(text);
    }

    @Test
    void fillsOnlyTheShortfallWhenMissingDataIsBreaching() {
        Result result = AlarmEvaluator.evaluate(rule(3, 3, MissingData.BREACHING), window("0 - X - -"), StateValue.OK);

        assertThat(result.realDatapoints()).isEqualTo(2);
        assertThat(result.filledDatapoints()).isEqualTo(1);
        assertThat(result.breaching()).isEqualTo(2);
        assertThat(result.state()).isEqualTo(StateValue.OK);
    }

    @Test
    void doesNotAlarmEarlyOnTheNewestBreachingDatapointAlone() {
        Rule rule = rule(3, 3, MissingData.MISSING);

        assertThat(AlarmEvaluator.evaluate(rule, window("- - - - X"), StateValue.OK).state()).isEqualTo(StateValue.OK);
        assertThat(AlarmEvaluator.evaluate(rule, window("- - - X -"), StateValue.INSUFFICIENT_DATA).state())
                .isEqualTo(StateValue.INSUFFICIENT_DATA);
    }

    /**
     * 3 of 5, evaluation range 7: the newest 5 periods hold one breaching datapoint, 4 periods old,
     * and nothing else, so the oldest breaching datapoint of the evaluation periods is at least M = 3
     * periods old and the alarm fires early. A breaching datapoint older than the newest 5 periods is
     * outside the evaluation periods and must not change that.
     */
    @Test
    void alarmsEarlyOnTheOldestBreachingDatapointOfTheNewestNPeriodsOnly() {
        Rule missing = rule(5, 3, MissingData.MISSING);
        Rule ignore = rule(5, 3, MissingData.IGNORE);

        assertThat(AlarmEvaluator.evaluate(missing, window("- - - X - - -"), StateValue.OK).state()).isEqualTo(StateValue.ALARM);
        assertThat(AlarmEvaluator.evaluate(missing, window("X - - X - - -"), StateValue.OK).state()).isEqualTo(StateValue.ALARM);
        assertThat(AlarmEvaluator.evaluate(ignore, window("X - - X - - -"), StateValue.OK).state()).isEqualTo(StateValue.OK);
        assertThat(AlarmEvaluator.evaluate(missing, window("X - - - - - X"), StateValue.OK).state()).isEqualTo(StateValue.OK);
    }

    @Test
    void alarmsWhenMOfTheNewestNDatapointsBreach() {
        Rule rule = new Rule(ComparisonOperator.LESS_THAN_THRESHOLD, 0.25, 60, 57, MissingData.BREACHING);
        double[] window = new double[62];
        Arrays.fill(window, 0.1);
        window[5] = 0.5;
        window[20] = 0.3;
        window[40] = 0.25;

        assertThat(AlarmEvaluator.evaluate(rule, window, StateValue.OK).state()).isEqualTo(StateValue.ALARM);
        window[50] = 0.9;
        Result fourGood = AlarmEvaluator.evaluate(rule, window, StateValue.ALARM);
        assertThat(fourGood.state()).isEqualTo(StateValue.OK);
        assertThat(fourGood.breaching()).isEqualTo(56);
    }

    @Test
    void reachesBackOverGapsForTheNewestNRealDatapoints() {
        Result result = AlarmEvaluator.evaluate(rule(3, 3, MissingData.BREACHING), window("X X - X -"), StateValue.OK);

        assertThat(result.state()).isEqualTo(StateValue.ALARM);
        assertThat(result.evaluatedIndexes()).containsExactly(3, 1, 0);
    }

    @Test
    void comparesWithEachOperator() {
        double[] atThreshold = {0.5};
        assertThat(state(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, atThreshold)).isEqualTo(StateValue.ALARM);
        assertThat(state(ComparisonOperator.GREATER_THAN_THRESHOLD, atThreshold)).isEqualTo(StateValue.OK);
        assertThat(state(ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD, atThreshold)).isEqualTo(StateValue.ALARM);
        assertThat(state(ComparisonOperator.LESS_THAN_THRESHOLD, atThreshold)).isEqualTo(StateValue.OK);
    }

    private static StateValue state(ComparisonOperator comparison, double[] window) {
        return AlarmEvaluator.evaluate(new Rule(comparison, 0.5, 1, 1, MissingData.MISSING), window, StateValue.OK).state();
    }

    @Test
    void readsTheRuleOfTheSpecAlarms() {
        Rule up = Rule.of(SpecAlarms.scaleUp("orders", 2, 300));
        Rule down = Rule.of(SpecAlarms.scaleDown("orders", 2, 300, 0.25, null));

        assertThat(up).isEqualTo(new Rule(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 0.75, 5, 5,
                MissingData.NOT_BREACHING));
        assertThat(down).isEqualTo(new Rule(ComparisonOperator.LESS_THAN_THRESHOLD, 0.25, 60, 57, MissingData.BREACHING));
    }

    @Test
    void defaultsToMissingDataAndMEqualToN() {
        MetricAlarm alarm = SpecAlarms.scaleUp("orders", 1, 300).toBuilder().treatMissingData(null)
                .datapointsToAlarm(null).evaluationPeriods(4).build();

        assertThat(Rule.of(alarm)).isEqualTo(new Rule(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 0.75, 4, 4,
                MissingData.MISSING));
    }

    @Test
    void rejectsAnomalyBandComparisonsAndImpossibleDatapointCounts() {
        MetricAlarm band = SpecAlarms.scaleUp("orders", 1, 300).toBuilder()
                .comparisonOperator(ComparisonOperator.LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD).build();
        assertThatThrownBy(() -> Rule.of(band)).isInstanceOf(MetricMathException.class)
                .hasMessageContaining("comparison operator 'LessThanLowerOrGreaterThanUpperThreshold' is not modelled");
        assertThatThrownBy(() -> new Rule(ComparisonOperator.LESS_THAN_THRESHOLD, 1, 5, 6, MissingData.MISSING))
                .hasMessage("DatapointsToAlarm (6) must be from 1 to EvaluationPeriods (5)");
        assertThatThrownBy(() -> MissingData.parse("sometimes"))
                .hasMessage("TreatMissingData 'sometimes' is not missing, ignore, breaching or notBreaching");
    }
}
