package dev.kinesisautoscaling.simulator.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinesisautoscaling.simulator.math.Expression.Array;
import dev.kinesisautoscaling.simulator.math.Expression.Binary;
import dev.kinesisautoscaling.simulator.math.Expression.Call;
import dev.kinesisautoscaling.simulator.math.Expression.Negation;
import dev.kinesisautoscaling.simulator.math.Expression.Number;
import dev.kinesisautoscaling.simulator.math.Expression.Reference;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionParserTest {

    @Test
    void parsesTheScaleUpUsageExpressionWithParenthesesBindingFirst() {
        assertThat(ExpressionParser.parse("e1/(1024*1024*300*s1)")).isEqualTo(
                new Binary('/', new Reference("e1"),
                        new Binary('*', new Binary('*', new Binary('*', new Number(1024), new Number(1024)),
                                new Number(300)), new Reference("s1"))));
    }

    @Test
    void parsesFunctionCallsWithArrayArguments() {
        assertThat(ExpressionParser.parse("MAX([e3, e4,e5])")).isEqualTo(new Call("MAX",
                List.of(new Array(List.of(new Reference("e3"), new Reference("e4"), new Reference("e5"))))));
        assertThat(ExpressionParser.parse("FILL(m1,0)")).isEqualTo(new Call("FILL",
                List.of(new Reference("m1"), new Number(0))));
    }

    @Test
    void parsesTheIteratorAgeExpressionOfTheScaleDownAlarm() {
        assertThat(ExpressionParser.parse("(FILL(m3,0)/1000/60)*(0.25/s2)")).isEqualTo(new Binary('*',
                new Binary('/', new Binary('/', new Call("FILL", List.of(new Reference("m3"), new Number(0))),
                        new Number(1000)), new Number(60)),
                new Binary('/', new Number(0.25), new Reference("s2"))));
    }

    @Test
    void givesMultiplicationPrecedenceOverAdditionAndEvaluatesLeftToRight() {
        assertThat(ExpressionParser.parse("1 + 2 * 3 - 4")).isEqualTo(new Binary('-',
                new Binary('+', new Number(1), new Binary('*', new Number(2), new Number(3))), new Number(4)));
        assertThat(ExpressionParser.parse("8 / 4 / 2")).isEqualTo(
                new Binary('/', new Binary('/', new Number(8), new Number(4)), new Number(2)));
    }

    @Test
    void bindsPowerTighterThanUnaryMinusAndFromTheRight() {
        assertThat(ExpressionParser.parse("-2^2")).isEqualTo(new Negation(new Binary('^', new Number(2), new Number(2))));
        assertThat(ExpressionParser.parse("2^3^2")).isEqualTo(
                new Binary('^', new Number(2), new Binary('^', new Number(3), new Number(2))));
        assertThat(ExpressionParser.parse("2^-1")).isEqualTo(new Binary('^', new Number(2), new Negation(new Number(1))));
    }

    @Test
    void readsDecimalAndExponentLiteralsAndAConstantQuery() {
        assertThat(ExpressionParser.parse("2")).isEqualTo(new Number(2));
        assertThat(ExpressionParser.parse(" 0.25 ")).isEqualTo(new Number(0.25));
        assertThat(ExpressionParser.parse("1.5e6")).isEqualTo(new Number(1_500_000));
        assertThat(ExpressionParser.parse(".5")).isEqualTo(new Number(0.5));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "e1/(1024*s1         | missing ')' at the end at position 12 of 'e1/(1024*s1'",
        "e1 e2               | unexpected 'e' at position 4 of 'e1 e2'",
        "max([e3,e4])        | function 'max' must be written in upper case (MAX) at position 1",
        "FILL(m1, REPEAT)    | 'REPEAT' is neither a query id",
        "e1 >= 2             | unexpected '>' at position 4 of 'e1 >= 2'",
        "e1 *                | the expression ends where an operand is expected at position 5",
        "[e1, e2             | missing ']' at the end",
    })
    void rejectsMalformedExpressionsNamingThePosition(String expression, String message) {
        assertThatThrownBy(() -> ExpressionParser.parse(expression))
                .isInstanceOf(MetricMathException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsAnEmptyExpression() {
        assertThatThrownBy(() -> ExpressionParser.parse("  ")).hasMessage("the expression is empty");
    }
}
