package dev.kinesisautoscaling.simulator.math;

import java.util.List;

/**
 * A parsed CloudWatch metric-math expression.
 *
 * <p>The tree is what {@link ExpressionParser} builds and {@link MetricMathEvaluator} evaluates.
 * It keeps only what the evaluator needs; the source text is kept by the caller for messages.
 */
public sealed interface Expression {

    /**
     * A numeric literal such as {@code 1024} or {@code 0.25}.
     *
     * @param value the number
     */
    record Number(double value) implements Expression {
    }

    /**
     * A reference to the result of another query of the same alarm, such as {@code m1} or {@code e3}.
     *
     * @param id the query id
     */
    record Reference(String id) implements Expression {
    }

    /**
     * A binary arithmetic operation.
     *
     * @param operator one of {@code + - * / ^}
     * @param left the left operand
     * @param right the right operand
     */
    record Binary(char operator, Expression left, Expression right) implements Expression {
    }

    /**
     * Unary minus.
     *
     * @param operand the negated expression
     */
    record Negation(Expression operand) implements Expression {
    }

    /**
     * A function call such as {@code FILL(m1, 0)} or {@code MAX([e3, e4])}.
     *
     * @param function the function name, upper case
     * @param arguments the arguments in order
     */
    record Call(String function, List<Expression> arguments) implements Expression {
        /**
         * Keeps an unmodifiable copy of the arguments.
         *
         * @param function the function name
         * @param arguments the arguments
         */
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * An array literal such as {@code [e3, e4, e5]}: an array of time series in CloudWatch's terms.
     *
     * @param elements the elements in order
     */
    record Array(List<Expression> elements) implements Expression {
        /**
         * Keeps an unmodifiable copy of the elements.
         *
         * @param elements the elements
         */
        public Array {
            elements = List.copyOf(elements);
        }
    }
}
