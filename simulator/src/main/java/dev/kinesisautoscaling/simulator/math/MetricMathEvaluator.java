package dev.kinesisautoscaling.simulator.math;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Evaluates an alarm's metric math over a window of consecutive periods, as CloudWatch does when it
 * evaluates the alarm: every {@code MetricStat} query becomes a time series with one slot per
 * period, expressions combine them, and the query with {@code ReturnData} true is the alarm's
 * series of datapoints.
 *
 * <p>Semantics follow CloudWatch's metric-math documentation, with these choices where it is
 * silent or where the simulator is simpler:
 * <ul>
 *   <li>A time series is a set of datapoints; {@link Double#NaN} marks a period without one.</li>
 *   <li>Arithmetic between two time series treats a datapoint missing in one of them as 0 (as
 *       documented); a datapoint missing in both stays missing. Arithmetic between a time series
 *       and a scalar keeps missing datapoints missing. A division by zero, or any other result
 *       that is not a finite number, drops the datapoint.</li>
 *   <li>{@code FILL(ts, c)} fills every missing period of the window with {@code c}, but a series
 *       without a single datapoint in the window stays empty: there is no series to fill.
 *       CloudWatch does not document this case; the choice means that a stream without any
 *       traffic leaves a FILL-based alarm with missing data, which the scale-down alarm treats as
 *       breaching.</li>
 *   <li>{@code MAX}, {@code MIN}, {@code SUM}, {@code AVG} of an array of time series work point by
 *       point over the datapoints present ({@code AVG} counts a missing one as 0, as documented);
 *       of a single time series they aggregate over the whole window into a scalar, which depends
 *       on the window as it does in CloudWatch.</li>
 *   <li>{@code ABS}, {@code CEIL}, {@code FLOOR}, {@code LOG}, {@code LOG10} and {@code SQRT} work
 *       point by point. Other functions ({@code IF}, {@code METRICS}, {@code RATE}, ...),
 *       comparison operators and {@code FILL}'s {@code REPEAT}/{@code LINEAR} are not modelled and
 *       raise a {@link MetricMathException} naming them.</li>
 *   <li>A returned scalar (an alarm on a constant) is a datapoint of that value in every period.</li>
 * </ul>
 */
public final class MetricMathEvaluator {

    private static final Set<String> SUPPORTED_FUNCTIONS =
            Set.of("FILL", "MAX", "MIN", "SUM", "AVG", "ABS", "CEIL", "FLOOR", "LOG", "LOG10", "SQRT");

    private final String alarmName;
    private final List<Query> order;
    private final int returnedSlot;
    private final int periodSeconds;

    private MetricMathEvaluator(String alarmName, List<Query> order, int returnedSlot, int periodSeconds) {
        this.alarmName = alarmName;
        this.order = order;
        this.returnedSlot = returnedSlot;
        this.periodSeconds = periodSeconds;
    }

    /** One query in evaluation order; exactly one of {@code stat} and {@code node} is set. */
    private record Query(String id, int slot, MetricStat stat, Node node) {
    }

    /** A compiled expression: references resolved to slots, functions to their implementation. */
    @FunctionalInterface
    private interface Node {
        Value eval(Value[] values, int periods);
    }

    /**
     * Compiles an alarm: parses every expression, checks ids, cycles and periods.
     *
     * <p>An alarm without a {@code Metrics} list is a single-metric alarm; it is treated as one
     * {@code MetricStat} query that is returned.
     *
     * @param alarm the alarm as CloudWatch describes it
     * @return the evaluator
     * @throws MetricMathException naming the alarm and query when the math is invalid or not modelled
     */
    public static MetricMathEvaluator compile(MetricAlarm alarm) {
        String name = alarm.alarmName();
        List<MetricDataQuery> queries;
        if (alarm.hasMetrics() && !alarm.metrics().isEmpty()) {
            queries = alarm.metrics();
        } else if (alarm.metricName() != null) {
            queries = List.of(MetricDataQuery.builder().id("m1").returnData(true).metricStat(MetricStat.builder()
                    .metric(Metric.builder().namespace(alarm.namespace()).metricName(alarm.metricName())
                            .dimensions(alarm.hasDimensions() ? alarm.dimensions() : List.of()).build())
                    .stat(alarm.statisticAsString() != null ? alarm.statisticAsString() : alarm.extendedStatistic())
                    .period(alarm.period()).build()).build());
        } else {
            throw new MetricMathException("alarm " + name + " has neither metrics nor a metric name");
        }
        return compile(name, queries);
    }

    /**
     * Compiles a list of metric data queries.
     *
     * @param alarmName the alarm's name, for messages
     * @param queries the queries; exactly one returns data, unless there is only one
     * @return the evaluator
     * @throws MetricMathException naming the alarm and query when the math is invalid or not modelled
     */
    public static MetricMathEvaluator compile(String alarmName, List<MetricDataQuery> queries) {
        Map<String, MetricDataQuery> byId = new LinkedHashMap<>();
        for (MetricDataQuery query : queries) {
            if (query.id() == null || query.id().isBlank()) {
                throw new MetricMathException("alarm " + alarmName + " has a metric query without an id");
            }
            if (byId.put(query.id(), query) != null) {
                throw new MetricMathException("alarm " + alarmName + " has two metric queries with id " + query.id());
            }
            boolean hasStat = query.metricStat() != null;
            boolean hasExpression = query.expression() != null && !query.expression().isBlank();
            if (hasStat == hasExpression) {
                throw new MetricMathException("alarm " + alarmName + ", query " + query.id()
                        + ": exactly one of MetricStat and Expression must be set");
            }
        }
        List<String> returned = new ArrayList<>();
        for (MetricDataQuery query : queries) {
            if (Boolean.TRUE.equals(query.returnData())) {
                returned.add(query.id());
            }
        }
        if (returned.isEmpty() && queries.size() == 1) {
            returned.add(queries.get(0).id());
        }
        if (returned.size() != 1) {
            throw new MetricMathException("alarm " + alarmName + " must return exactly one query (ReturnData true), but "
                    + (returned.isEmpty() ? "none does" : String.join(", ", returned) + " do"));
        }

        Map<String, Expression> parsed = new HashMap<>();
        for (MetricDataQuery query : queries) {
            if (query.expression() != null && query.metricStat() == null) {
                try {
                    parsed.put(query.id(), ExpressionParser.parse(query.expression()));
                } catch (MetricMathException e) {
                    throw new MetricMathException("alarm " + alarmName + ", query " + query.id() + ": " + e.getMessage());
                }
            }
        }

        List<Query> order = new ArrayList<>();
        Map<String, Integer> slots = new HashMap<>();
        visit(alarmName, returned.get(0), byId, parsed, slots, new HashSet<>(), order);

        Integer period = null;
        for (MetricDataQuery query : queries) {
            if (query.metricStat() != null) {
                Integer p = query.metricStat().period();
                if (p == null || p <= 0 || p % 60 != 0) {
                    throw new MetricMathException("alarm " + alarmName + ", query " + query.id() + ": period " + p
                            + " must be a positive multiple of 60 seconds (the simulator works on one-minute data)");
                }
                if (period != null && !period.equals(p)) {
                    throw new MetricMathException("alarm " + alarmName + ": all metrics of an alarm must use the same period, but "
                            + query.id() + " uses " + p + " and another uses " + period);
                }
                Statistic.parse(query.metricStat().stat(), alarmName + ", query " + query.id());
                period = p;
            }
        }
        if (period == null) {
            throw new MetricMathException("alarm " + alarmName + " reads no metric: it has no MetricStat query");
        }
        return new MetricMathEvaluator(alarmName, List.copyOf(order), slots.get(returned.get(0)), period);
    }

    /** Depth-first walk that puts every query after the queries it reads, and finds cycles. */
    private static void visit(String alarmName, String id, Map<String, MetricDataQuery> byId,
                              Map<String, Expression> parsed, Map<String, Integer> slots, Set<String> inProgress,
                              List<Query> order) {
        if (slots.containsKey(id)) {
            return;
        }
        MetricDataQuery query = byId.get(id);
        if (query == null) {
            throw new MetricMathException("alarm " + alarmName + " refers to id " + id + ", which no query has");
        }
        if (!inProgress.add(id)) {
            throw new MetricMathException("alarm " + alarmName + ": query " + id + " depends on itself");
        }
        Expression expression = parsed.get(id);
        if (expression != null) {
            Set<String> references = new HashSet<>();
            collect(alarmName, id, expression, references);
            for (String reference : references) {
                visit(alarmName, reference, byId, parsed, slots, inProgress, order);
            }
        }
        inProgress.remove(id);
        int slot = order.size();
        Node node = expression == null ? null
                : compileNode("alarm " + alarmName + ", query " + id, expression, slots);
        slots.put(id, slot);
        order.add(new Query(id, slot, query.metricStat(), node));
    }

    private static void collect(String alarmName, String queryId, Expression expression, Set<String> references) {
        if (expression instanceof Expression.Reference reference) {
            references.add(reference.id());
        } else if (expression instanceof Expression.Binary binary) {
            collect(alarmName, queryId, binary.left(), references);
            collect(alarmName, queryId, binary.right(), references);
        } else if (expression instanceof Expression.Negation negation) {
            collect(alarmName, queryId, negation.operand(), references);
        } else if (expression instanceof Expression.Array array) {
            array.elements().forEach(e -> collect(alarmName, queryId, e, references));
        } else if (expression instanceof Expression.Call call) {
            if (!SUPPORTED_FUNCTIONS.contains(call.function())) {
                throw new MetricMathException("alarm " + alarmName + ", query " + queryId + ": function "
                        + call.function() + " is not modelled by the simulator; supported: "
                        + String.join(", ", SUPPORTED_FUNCTIONS.stream().sorted().toList()));
            }
            call.arguments().forEach(e -> collect(alarmName, queryId, e, references));
        }
    }

    /**
     * The period of the alarm's metrics.
     *
     * @return seconds, a multiple of 60
     */
    public int periodSeconds() {
        return periodSeconds;
    }

    /**
     * Binds the alarm's {@code MetricStat} queries to a source, once, for evaluations that read it.
     *
     * @param source where the metric statistics come from
     * @return the alarm's math over that source
     */
    public Bound bind(MetricSource source) {
        PeriodStatistics[] inputs = new PeriodStatistics[order.size()];
        for (Query query : order) {
            if (query.stat() != null) {
                inputs[query.slot()] = source.statistics(query.stat());
            }
        }
        return new Bound(inputs);
    }

    /** The alarm's metric math bound to one source: what an evaluation of the alarm computes. */
    public final class Bound {

        /** The period statistics of each {@code MetricStat} query, by slot; null for expressions. */
        private final PeriodStatistics[] inputs;

        private Bound(PeriodStatistics[] inputs) {
            this.inputs = inputs;
        }

        /**
         * Evaluates the returned query over consecutive periods.
         *
         * @param firstPeriodStart start of the oldest period of the window, epoch seconds
         * @param periods the window's length in periods
         * @return one datapoint per period, oldest first; {@link Double#NaN} where the alarm has none
         * @throws MetricMathException when the math is invalid for these values (an array returned, for example)
         */
        public double[] evaluate(long firstPeriodStart, int periods) {
            Value[] values = new Value[order.size()];
            for (Query query : order) {
                if (query.stat() != null) {
                    double[] points = new double[periods];
                    inputs[query.slot()].fill(firstPeriodStart, points);
                    values[query.slot()] = new Series(points);
                } else {
                    values[query.slot()] = query.node().eval(values, periods);
                }
            }
            Value result = values[returnedSlot];
            if (result instanceof Series series) {
                return series.points();
            }
            if (result instanceof Scalar scalar) {
                return constant(scalar.value(), periods);
            }
            throw new MetricMathException("alarm " + alarmName + ": the returned query yields an array of "
                    + ((SeriesArray) result).series().size() + " time series; an alarm needs a single one");
        }
    }

    private sealed interface Value permits Scalar, Series, SeriesArray {
    }

    private record Scalar(double value) implements Value {
    }

    private record Series(double[] points) implements Value {
    }

    private record SeriesArray(List<double[]> series) implements Value {
    }

    private static Node compileNode(String where, Expression expression, Map<String, Integer> slots) {
        if (expression instanceof Expression.Number number) {
            Scalar constant = new Scalar(number.value());
            return (values, periods) -> constant;
        }
        if (expression instanceof Expression.Reference reference) {
            int slot = slots.get(reference.id());
            return (values, periods) -> values[slot];
        }
        if (expression instanceof Expression.Negation negation) {
            Node operand = compileNode(where, negation.operand(), slots);
            return (values, periods) -> map(operand.eval(values, periods), x -> -x);
        }
        if (expression instanceof Expression.Binary binary) {
            Node left = compileNode(where, binary.left(), slots);
            Node right = compileNode(where, binary.right(), slots);
            char operator = binary.operator();
            return (values, periods) -> binary(where, operator, left.eval(values, periods), right.eval(values, periods));
        }
        if (expression instanceof Expression.Array array) {
            List<Node> elements = new ArrayList<>();
            array.elements().forEach(element -> elements.add(compileNode(where, element, slots)));
            return (values, periods) -> {
                List<double[]> series = new ArrayList<>(elements.size());
                for (Node element : elements) {
                    Value value = element.eval(values, periods);
                    if (value instanceof Scalar scalar) {
                        series.add(constant(scalar.value(), periods));
                    } else if (value instanceof Series single) {
                        series.add(single.points());
                    } else {
                        series.addAll(((SeriesArray) value).series());
                    }
                }
                return new SeriesArray(series);
            };
        }
        Expression.Call call = (Expression.Call) expression;
        List<Node> arguments = new ArrayList<>();
        call.arguments().forEach(argument -> arguments.add(compileNode(where, argument, slots)));
        String function = call.function();
        requireArguments(where, call, "FILL".equals(function) ? 2 : 1);
        Node first = arguments.get(0);
        return switch (function) {
            case "FILL" -> {
                Node filler = arguments.get(1);
                yield (values, periods) -> fill(where, first.eval(values, periods), filler.eval(values, periods));
            }
            case "MAX", "MIN", "SUM", "AVG" -> {
                Statistic statistic = switch (function) {
                    case "MAX" -> Statistic.MAXIMUM;
                    case "MIN" -> Statistic.MINIMUM;
                    case "SUM" -> Statistic.SUM;
                    default -> Statistic.AVERAGE;
                };
                yield (values, periods) -> aggregate(where, function, statistic, first.eval(values, periods));
            }
            case "ABS" -> (values, periods) -> map(first.eval(values, periods), Math::abs);
            case "CEIL" -> (values, periods) -> map(first.eval(values, periods), Math::ceil);
            case "FLOOR" -> (values, periods) -> map(first.eval(values, periods), Math::floor);
            case "LOG" -> (values, periods) -> map(first.eval(values, periods), Math::log);
            case "LOG10" -> (values, periods) -> map(first.eval(values, periods), Math::log10);
            case "SQRT" -> (values, periods) -> map(first.eval(values, periods), Math::sqrt);
            default -> throw new MetricMathException(where + ": function " + function + " is not modelled by the simulator");
        };
    }

    private static void requireArguments(String where, Expression.Call call, int count) {
        if (call.arguments().size() != count) {
            String hint = count == 1 && call.arguments().size() > 1
                    ? " (write " + call.function() + "([a, b]) for the point-by-point " + call.function().toLowerCase(Locale.ROOT)
                    + " of several series)" : "";
            throw new MetricMathException(where + ": " + call.function() + " takes " + count + " argument"
                    + (count == 1 ? "" : "s") + ", not " + call.arguments().size() + hint);
        }
    }

    private static Value fill(String where, Value target, Value filler) {
        if (target instanceof Scalar scalar) {
            throw new MetricMathException(where + ": FILL needs a time series or an array of them, not the scalar " + scalar.value());
        }
        if (filler instanceof SeriesArray) {
            throw new MetricMathException(where + ": FILL's filler must be a number or a single time series");
        }
        return eachSeries(target, points -> fillSeries(points, filler));
    }

    private static double[] fillSeries(double[] points, Value filler) {
        double[] result = points.clone();
        boolean any = false;
        for (double point : points) {
            if (!Double.isNaN(point)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return result;
        }
        for (int i = 0; i < result.length; i++) {
            if (Double.isNaN(result[i])) {
                result[i] = filler instanceof Scalar scalar ? scalar.value() : ((Series) filler).points()[i];
            }
        }
        return result;
    }

    private static Value aggregate(String where, String function, Statistic statistic, Value argument) {
        if (argument instanceof Scalar scalar) {
            throw new MetricMathException(where + ": " + function + " needs a time series or an array of them, not the scalar " + scalar.value());
        }
        DatapointSummary summary = new DatapointSummary();
        if (argument instanceof Series series) {
            for (double point : series.points()) {
                summary.add(point);
            }
            return new Scalar(summary.statistic(statistic));
        }
        SeriesArray array = (SeriesArray) argument;
        int periods = array.series().isEmpty() ? 0 : array.series().get(0).length;
        double[] result = new double[periods];
        for (int i = 0; i < periods; i++) {
            summary.clear();
            for (double[] points : array.series()) {
                summary.add(points[i]);
            }
            // AVG of an array counts a missing datapoint as 0, as documented: the mean is over every series.
            boolean averageOverArray = statistic == Statistic.AVERAGE && summary.count() > 0;
            result[i] = averageOverArray ? summary.sum() / array.series().size() : summary.statistic(statistic);
        }
        return new Series(result);
    }

    private static Value binary(String where, char operator, Value left, Value right) {
        if (left instanceof SeriesArray) {
            if (right instanceof SeriesArray) {
                throw new MetricMathException(where + ": arithmetic between two arrays of time series is not supported");
            }
            return eachSeries(left, points -> ((Series) binary(where, operator, new Series(points), right)).points());
        }
        if (right instanceof SeriesArray) {
            return eachSeries(right, points -> ((Series) binary(where, operator, left, new Series(points))).points());
        }
        if (left instanceof Scalar a && right instanceof Scalar b) {
            return new Scalar(apply(operator, a.value(), b.value()));
        }
        if (left instanceof Series a && right instanceof Scalar b) {
            double[] result = new double[a.points().length];
            for (int i = 0; i < result.length; i++) {
                result[i] = apply(operator, a.points()[i], b.value());
            }
            return new Series(result);
        }
        if (left instanceof Scalar a && right instanceof Series b) {
            double[] result = new double[b.points().length];
            for (int i = 0; i < result.length; i++) {
                result[i] = apply(operator, a.value(), b.points()[i]);
            }
            return new Series(result);
        }
        double[] a = ((Series) left).points();
        double[] b = ((Series) right).points();
        double[] result = new double[a.length];
        for (int i = 0; i < result.length; i++) {
            boolean missingA = Double.isNaN(a[i]);
            boolean missingB = Double.isNaN(b[i]);
            if (missingA && missingB) {
                result[i] = Double.NaN;
            } else {
                result[i] = apply(operator, missingA ? 0 : a[i], missingB ? 0 : b[i]);
            }
        }
        return new Series(result);
    }

    /** One arithmetic step; a result that is not a finite number (division by zero) drops the datapoint. */
    private static double apply(char operator, double a, double b) {
        double result = switch (operator) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            case '/' -> a / b;
            case '^' -> Math.pow(a, b);
            default -> throw new IllegalStateException("operator " + operator);
        };
        return Double.isFinite(result) ? result : Double.NaN;
    }

    private static Value map(Value value, DoubleUnaryOperator function) {
        if (value instanceof Scalar scalar) {
            return new Scalar(finite(function.applyAsDouble(scalar.value())));
        }
        return eachSeries(value, points -> mapPoints(points, function));
    }

    /** Applies a function to a time series, or to each series of an array; never given a scalar. */
    private static Value eachSeries(Value value, UnaryOperator<double[]> function) {
        if (value instanceof Series series) {
            return new Series(function.apply(series.points()));
        }
        List<double[]> result = new ArrayList<>();
        for (double[] points : ((SeriesArray) value).series()) {
            result.add(function.apply(points));
        }
        return new SeriesArray(result);
    }

    private static double[] mapPoints(double[] points, DoubleUnaryOperator function) {
        double[] result = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            result[i] = Double.isNaN(points[i]) ? Double.NaN : finite(function.applyAsDouble(points[i]));
        }
        return result;
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : Double.NaN;
    }

    private static double[] constant(double value, int periods) {
        double[] points = new double[periods];
        Arrays.fill(points, finite(value));
        return points;
    }
}
