package dev.kinesisautoscaling.simulator.cloudwatch;

import dev.kinesisautoscaling.simulator.math.MetricMathException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Decides an alarm's state from its datapoints the way CloudWatch documents it ("How alarm state
 * is evaluated when data is missing", CloudWatch User Guide): M out of N with an evaluation range
 * a little longer than N, and the four treatments of missing data.
 *
 * <p>The rules, with the datapoints of the evaluation range ordered oldest to newest:
 * <ol>
 *   <li>At least N real datapoints in the range: the newest N real ones are evaluated, reaching
 *       back over gaps; the missing-data treatment is not used. ALARM when at least M breach,
 *       otherwise OK.</li>
 *   <li>No real datapoint: {@code missing} gives INSUFFICIENT_DATA, {@code ignore} keeps the
 *       current state, {@code breaching} gives ALARM, {@code notBreaching} gives OK.</li>
 *   <li>Some but fewer than N: all real datapoints count, and N minus their number are filled.
 *       {@code breaching} fills with breaching datapoints, {@code notBreaching} with good ones;
 *       ALARM when at least M breach, otherwise OK. {@code missing} and {@code ignore} fill with
 *       nothing: ALARM when at least M real datapoints breach; OK when a real datapoint does not
 *       breach; otherwise (all real datapoints breach but fewer than M) the documented
 *       "premature alarm" rule applies: ALARM for {@code missing} (the current state for
 *       {@code ignore}) when the oldest breaching datapoint among the newest N periods is at least
 *       M periods old, and the current state when it is younger or there is none; breaching
 *       datapoints older than the newest N periods play no part in this rule.</li>
 * </ol>
 * These rules reproduce every row of the two example tables in the CloudWatch documentation
 * (3 of 3 and 2 of 3 with an evaluation range of 5); the last case is this project's reading of
 * the prose where the tables are silent.
 */
public final class AlarmEvaluator {

    private AlarmEvaluator() {
    }

    /** How an alarm treats missing datapoints ({@code TreatMissingData}). */
    public enum MissingData {
        /** Missing datapoints do not count; with no datapoint at all the alarm has insufficient data. */
        MISSING("missing"),
        /** Missing datapoints keep the current state. */
        IGNORE("ignore"),
        /** Missing datapoints breach the threshold. */
        BREACHING("breaching"),
        /** Missing datapoints are within the threshold. */
        NOT_BREACHING("notBreaching");

        private final String cloudWatchName;

        MissingData(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        /**
         * The treatment's name as CloudWatch spells it.
         *
         * @return {@code missing}, {@code ignore}, {@code breaching} or {@code notBreaching}
         */
        public String cloudWatchName() {
            return cloudWatchName;
        }

        /**
         * Reads a {@code TreatMissingData} value.
         *
         * @param value the value; null means {@code missing}, CloudWatch's default
         * @return the treatment
         * @throws MetricMathException for any other value
         */
        public static MissingData parse(String value) {
            if (value == null || value.isBlank()) {
                return MISSING;
            }
            for (MissingData treatment : values()) {
                if (treatment.cloudWatchName.equals(value.trim())) {
                    return treatment;
                }
            }
            throw new MetricMathException("TreatMissingData '" + value + "' is not missing, ignore, breaching or notBreaching");
        }
    }

    /**
     * What decides an alarm's state: its comparison, threshold, M and N, and missing-data treatment.
     *
     * @param comparison the comparison operator
     * @param threshold the threshold
     * @param evaluationPeriods N
     * @param datapointsToAlarm M
     * @param missingData the treatment of missing datapoints
     */
    public record Rule(ComparisonOperator comparison, double threshold, int evaluationPeriods, int datapointsToAlarm,
                       MissingData missingData) {

        /**
         * Checks the values.
         *
         * @param comparison the comparison operator
         * @param threshold the threshold
         * @param evaluationPeriods N
         * @param datapointsToAlarm M
         * @param missingData the treatment of missing datapoints
         */
        public Rule {
            if (evaluationPeriods < 1) {
                throw new MetricMathException("EvaluationPeriods (" + evaluationPeriods + ") must be at least 1");
            }
            if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
                throw new MetricMathException("DatapointsToAlarm (" + datapointsToAlarm + ") must be from 1 to EvaluationPeriods ("
                        + evaluationPeriods + ")");
            }
        }

        /**
         * Reads the rule of an alarm as CloudWatch describes it.
         *
         * @param alarm the alarm
         * @return the rule; {@code DatapointsToAlarm} defaults to {@code EvaluationPeriods}
         * @throws MetricMathException naming the alarm for a missing threshold or an unsupported comparison
         */
        public static Rule of(MetricAlarm alarm) {
            ComparisonOperator comparison = alarm.comparisonOperator();
            if (comparison != ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
                    && comparison != ComparisonOperator.GREATER_THAN_THRESHOLD
                    && comparison != ComparisonOperator.LESS_THAN_THRESHOLD
                    && comparison != ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD) {
                throw new MetricMathException("alarm " + alarm.alarmName() + ": comparison operator '"
                        + alarm.comparisonOperatorAsString() + "' is not modelled (anomaly-band alarms are not)");
            }
            if (alarm.threshold() == null) {
                throw new MetricMathException("alarm " + alarm.alarmName() + " has no threshold");
            }
            if (alarm.evaluationPeriods() == null) {
                throw new MetricMathException("alarm " + alarm.alarmName() + " has no EvaluationPeriods");
            }
            int n = alarm.evaluationPeriods();
            int m = alarm.datapointsToAlarm() == null ? n : alarm.datapointsToAlarm();
            try {
                return new Rule(comparison, alarm.threshold(), n, m, MissingData.parse(alarm.treatMissingData()));
            } catch (MetricMathException e) {
                throw new MetricMathException("alarm " + alarm.alarmName() + ": " + e.getMessage());
            }
        }

        /**
         * Whether a datapoint breaches the threshold.
         *
         * @param value a real datapoint
         * @return true when the comparison holds
         */
        public boolean breaches(double value) {
            return switch (comparison) {
                case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
                case GREATER_THAN_THRESHOLD -> value > threshold;
                case LESS_THAN_THRESHOLD -> value < threshold;
                case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
                default -> throw new IllegalStateException("comparison " + comparison);
            };
        }

        /**
         * The comparison in CloudWatch's words, for state reasons.
         *
         * @return such as {@code greater than or equal to}
         */
        public String comparisonWords() {
            return switch (comparison) {
                case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> "greater than or equal to";
                case GREATER_THAN_THRESHOLD -> "greater than";
                case LESS_THAN_THRESHOLD -> "less than";
                case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> "less than or equal to";
                default -> comparison.toString().toLowerCase(Locale.ROOT);
            };
        }
    }

    /**
     * The outcome of one evaluation.
     *
     * @param state the state the alarm is in afterwards
     * @param breaching datapoints counted as breaching, filled ones included
     * @param realDatapoints real datapoints evaluated
     * @param filledDatapoints missing datapoints filled by the treatment
     * @param evaluatedIndexes positions in the window of the real datapoints evaluated, newest first
     */
    public record Result(StateValue state, int breaching, int realDatapoints, int filledDatapoints,
                         List<Integer> evaluatedIndexes) {
    }

    /**
     * Evaluates an alarm.
     *
     * @param rule the alarm's rule
     * @param window the datapoints of the evaluation range, oldest first; {@link Double#NaN} for missing
     * @param current the alarm's state before the evaluation
     * @return the new state and how it was reached
     */
    public static Result evaluate(Rule rule, double[] window, StateValue current) {
        int n = rule.evaluationPeriods();
        int m = rule.datapointsToAlarm();
        List<Integer> real = new ArrayList<>();
        for (int i = window.length - 1; i >= 0; i--) {
            if (!Double.isNaN(window[i])) {
                real.add(i);
            }
        }
        if (real.size() >= n) {
            List<Integer> evaluated = real.subList(0, n);
            int breaching = countBreaching(rule, window, evaluated);
            return new Result(breaching >= m ? StateValue.ALARM : StateValue.OK, breaching, n, 0, List.copyOf(evaluated));
        }
        if (real.isEmpty()) {
            StateValue state = switch (rule.missingData()) {
                case MISSING -> StateValue.INSUFFICIENT_DATA;
                case IGNORE -> current;
                case BREACHING -> StateValue.ALARM;
                case NOT_BREACHING -> StateValue.OK;
            };
            int breaching = rule.missingData() == MissingData.BREACHING ? n : 0;
            int filled = rule.missingData() == MissingData.BREACHING || rule.missingData() == MissingData.NOT_BREACHING ? n : 0;
            return new Result(state, breaching, 0, filled, List.of());
        }
        int fill = n - real.size();
        int breachingReal = countBreaching(rule, window, real);
        switch (rule.missingData()) {
            case BREACHING -> {
                int breaching = breachingReal + fill;
                return new Result(breaching >= m ? StateValue.ALARM : StateValue.OK, breaching, real.size(), fill,
                        List.copyOf(real));
            }
            case NOT_BREACHING -> {
                return new Result(breachingReal >= m ? StateValue.ALARM : StateValue.OK, breachingReal, real.size(), fill,
                        List.copyOf(real));
            }
            default -> {
                StateValue state;
                if (breachingReal >= m) {
                    state = StateValue.ALARM;
                } else if (breachingReal < real.size()) {
                    state = StateValue.OK;
                } else {
                    // The premature-alarm rule looks at the evaluation periods only (the newest N), not
                    // at the whole range: an older breaching datapoint must not hold the alarm back.
                    int oldestBreachingAge = 0;
                    for (int index : real) {
                        int age = window.length - index;
                        if (age <= n) {
                            oldestBreachingAge = age;
                        }
                    }
                    boolean premature = oldestBreachingAge >= m;
                    state = premature && rule.missingData() == MissingData.MISSING ? StateValue.ALARM : current;
                }
                return new Result(state, breachingReal, real.size(), 0, List.copyOf(real));
            }
        }
    }

    private static int countBreaching(Rule rule, double[] window, List<Integer> indexes) {
        int breaching = 0;
        for (int index : indexes) {
            if (rule.breaches(window[index])) {
                breaching++;
            }
        }
        return breaching;
    }
}
