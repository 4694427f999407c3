package dev.kinesisautoscaling.simulator.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser for the part of CloudWatch's metric-math language that scaling alarms
 * use: numbers, query ids, {@code + - * / ^}, unary minus, parentheses, array literals
 * {@code [a, b]} and upper-case function calls.
 *
 * <p>Grammar, loosest binding first ({@code ^} is right-associative and binds tighter than unary
 * minus, so {@code -2^2} is {@code -4}):
 * <pre>
 * expression     = additive EOF
 * additive       = multiplicative { ("+" | "-") multiplicative }
 * multiplicative = unary { ("*" | "/") unary }
 * unary          = "-" unary | "+" unary | power
 * power          = primary [ "^" unary ]
 * primary        = number | id | FUNCTION "(" [ additive { "," additive } ] ")"
 *                | "(" additive ")" | "[" additive { "," additive } "]"
 * </pre>
 * Ids start with a lower-case letter and function names are upper case, as CloudWatch requires.
 */
public final class ExpressionParser {

    private final String text;
    private int position;

    private ExpressionParser(String text) {
        this.text = text;
    }

    /**
     * Parses one expression.
     *
     * @param text the expression, as in a {@code MetricDataQuery}'s {@code Expression}
     * @return the tree
     * @throws MetricMathException with the position of the first error
     */
    public static Expression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MetricMathException("the expression is empty");
        }
        ExpressionParser parser = new ExpressionParser(text);
        Expression expression = parser.additive();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.position) + "'");
        }
        return expression;
    }

    private Expression additive() {
        Expression left = multiplicative();
        while (true) {
            char next = peek();
            if (next == '+' || next == '-') {
                position++;
                left = new Expression.Binary(next, left, multiplicative());
            } else {
                return left;
            }
        }
    }

    private Expression multiplicative() {
        Expression left = unary();
        while (true) {
            char next = peek();
            if (next == '*' || next == '/') {
                position++;
                left = new Expression.Binary(next, left, unary());
            } else {
                return left;
            }
        }
    }

    private Expression unary() {
        char next = peek();
        if (next == '-') {
            position++;
            return new Expression.Negation(unary());
        }
        if (next == '+') {
            position++;
            return unary();
        }
        return power();
    }

    private Expression power() {
        Expression base = primary();
        if (peek() == '^') {
            position++;
            return new Expression.Binary('^', base, unary());
        }
        return base;
    }

    private Expression primary() {
        char next = peek();
        if (next == '(') {
            position++;
            Expression inner = additive();
            expect(')');
            return inner;
        }
        if (next == '[') {
            position++;
            List<Expression> elements = new ArrayList<>();
            elements.add(additive());
            while (peek() == ',') {
                position++;
                elements.add(additive());
            }
            expect(']');
            return new Expression.Array(elements);
        }
        if (Character.isDigit(next) || next == '.') {
            return number();
        }
        if (Character.isLetter(next) || next == '_') {
            return identifierOrCall();
        }
        if (next == 0) {
            throw error("the expression ends where an operand is expected");
        }
        throw error("unexpected '" + next + "' where an operand is expected");
    }

    private Expression number() {
        int start = position;
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        if (position < text.length() && text.charAt(position) == '.') {
            position++;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
        }
        if (position < text.length() && (text.charAt(position) == 'e' || text.charAt(position) == 'E')) {
            int exponent = position + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < text.length() && Character.isDigit(text.charAt(exponent))) {
                position = exponent;
                while (position < text.length() && Character.isDigit(text.charAt(position))) {
                    position++;
                }
            }
        }
        String literal = text.substring(start, position);
        try {
            return new Expression.Number(Double.parseDouble(literal));
        } catch (NumberFormatException e) {
            position = start;
            throw error("'" + literal + "' is not a number");
        }
    }

    private Expression identifierOrCall() {
        int start = position;
        while (position < text.length()
                && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
            position++;
        }
        String name = text.substring(start, position);
        boolean call = peek() == '(';
        if (Character.isLowerCase(name.charAt(0))) {
            if (call) {
                position = start;
                throw error("function '" + name + "' must be written in upper case ("
                        + name.toUpperCase(Locale.ROOT) + ")");
            }
            return new Expression.Reference(name);
        }
        if (!call) {
            position = start;
            throw error("'" + name + "' is neither a query id (ids start with a lower-case letter) nor a function call"
                    + " (keywords such as REPEAT and LINEAR are not supported by the simulator)");
        }
        position++;
        List<Expression> arguments = new ArrayList<>();
        if (peek() != ')') {
            arguments.add(additive());
            while (peek() == ',') {
                position++;
                arguments.add(additive());
            }
        }
        expect(')');
        return new Expression.Call(name, arguments);
    }

    private void expect(char wanted) {
        if (peek() != wanted) {
            throw error(peek() == 0 ? "missing '" + wanted + "' at the end"
                    : "expected '" + wanted + "' but found '" + peek() + "'");
        }
        position++;
    }

    /** The next significant character without consuming it, or 0 at the end. */
    private char peek() {
        skipSpaces();
        return position < text.length() ? text.charAt(position) : 0;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private MetricMathException error(String message) {
        return new MetricMathException(message + " at position " + (position + 1) + " of '" + text + "'");
    }
}
