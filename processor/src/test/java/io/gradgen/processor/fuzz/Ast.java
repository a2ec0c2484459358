package io.gradgen.processor.fuzz;

import io.gradgen.annotations.Reduction;
import java.util.List;

/**
 * The fuzzer's own model of a loss method: a small, immutable tree of the supported language that
 * the generator builds, the renderer prints as Java, the interpreter evaluates (recording the path
 * it takes) and the shrinker cuts down. It is deliberately independent of the processor's IR, so a
 * bug in the processor cannot hide behind a shared data structure.
 *
 * <p>Rows ({@code double[]} parameters, {@code x[i]}, {@code for} loops) are added here as new
 * records: a {@code Param.Kind.ROW}, an {@code Index} expression and a {@code For} statement; see
 * {@link ProgramGenerator} for the rest of the extension point.
 */
final class Ast {
    private Ast() {}

    /** A numeric expression. */
    sealed interface E permits Num, Ref, Named, Neg, Bin, Call, Cond, Inject, Index, Length, Row, Elem, RowLength {}

    /**
     * A literal.
     *
     * @param value its value
     * @param isInt printed as an int literal ({@code 2}) rather than a double one ({@code 2.0})
     */
    record Num(double value, boolean isInt) implements E {}

    /** A parameter or a local. */
    record Ref(String name) implements E {}

    /**
     * A named constant: {@code Math.PI}, {@code Math.E} or a {@code static final} field of the class.
     *
     * @param java how it is written
     * @param value its value
     * @param isInt whether it is an int constant
     */
    record Named(String java, double value, boolean isInt) implements E {}

    record Neg(E operand) implements E {}

    /**
     * {@code left op right} for one of {@code + - * /}.
     *
     * @param op the operator character
     */
    record Bin(char op, E left, E right) implements E {}

    /**
     * A call of a known function ({@code Math.exp}, {@code Functions.sq}) or of a helper of the program.
     *
     * @param function as written in Java, e.g. {@code Math.atan2}, {@code Functions.clamp}, {@code p3h0}
     */
    record Call(String function, List<E> args) implements E {}

    record Cond(B condition, E then, E otherwise) implements E {}

    /**
     * A near miss: {@code template} with {@code %s} replaced by the rendering of {@code inner}; the
     * construct gradgen must reject.
     */
    record Inject(String template, E inner) implements E {}

    /**
     * {@code array[index]}: an element of a row parameter ({@code double[]} or {@code @Param double[]})
     * at an int expression (a loop variable, a label, an int literal).
     */
    record Index(String array, E index) implements E {}

    /** {@code array.length} of a row parameter, or the row count of a {@code double[][]} one: an int. */
    record Length(String array) implements E {}

    /**
     * {@code matrix[index]}: row {@code index} of a batch loss's {@code double[][]} parameter, a
     * {@code double[]} that appears only as an argument of a row function ({@code dot(x[a], y[b])}).
     */
    record Row(String matrix, E index) implements E {}

    /** {@code matrix[row][col]}: an element of a {@code double[][]} parameter, at two int expressions. */
    record Elem(String matrix, E row, E col) implements E {}

    /** {@code matrix[row].length}: the row length of a {@code double[][]} parameter, an int. */
    record RowLength(String matrix, E row) implements E {}

    /** A condition. */
    sealed interface B permits Cmp, And, Or, Not, Flag {}

    /** @param op one of {@code < <= > >= == !=} */
    record Cmp(String op, E left, E right) implements B {}

    record And(B left, B right) implements B {}

    record Or(B left, B right) implements B {}

    record Not(B operand) implements B {}

    /** A {@code boolean} local, declared by {@link BoolDecl}. */
    record Flag(String name) implements B {}

    /** A statement. Each is rendered with its head on one line of its own. */
    sealed interface S permits Decl, Assign, Compound, If, Return, Raw, For, IntDecl, BoolDecl, NewArray, Store {}

    /** {@code double name = init;} */
    record Decl(String name, E init) implements S {}

    /** {@code name = value;} */
    record Assign(String name, E value) implements S {}

    /** {@code name op= value;} for one of {@code + - * /}. */
    record Compound(String name, char op, E value) implements S {}

    record If(B condition, List<S> then, List<S> otherwise) implements S {}

    record Return(E value) implements S {}

    /**
     * {@code for (int var = from; var < to; var++) { body }}, by default over the whole of
     * {@code array} ({@code from} null is 0, {@code to} null is {@code array.length}); {@code array}
     * also names the rows the loop's variable indexes. {@code from} and {@code to} are int
     * expressions ({@code 1}, {@code x.length - 1}, an outer loop's variable, an int local).
     * {@code bound}, when not null, is a near miss: the loop's condition written as it is
     * (e.g. {@code i <= x.length}).
     */
    record For(String var, String array, String bound, List<S> body, E from, E to) implements S {
        For(String var, String array, String bound, List<S> body) {
            this(var, array, bound, body, null, null);
        }

        For withBody(List<S> newBody) {
            return new For(var, array, bound, newBody, from, to);
        }

        For withBound(String newBound) {
            return new For(var, array, newBound, body, from, to);
        }

        /** Whether it runs over the whole of its row: from 0 to {@code array.length}. */
        boolean wholeRow() {
            return from == null && to == null;
        }
    }

    /** {@code int name = value;}: an int local of lengths, int parameters and literals. */
    record IntDecl(String name, E value) implements S {}

    /** {@code boolean name = value;} */
    record BoolDecl(String name, B value) implements S {}

    /** {@code double[] name = new double[lengthOf.length];}: a temporary row as long as row {@code lengthOf}. */
    record NewArray(String name, String lengthOf) implements S {}

    /** {@code array[index] = value;}: fills a temporary row (in the loop over its index). */
    record Store(String array, E index, E value) implements S {}

    /** A near miss statement, written as it is, on one line. */
    record Raw(String java) implements S {}

    /**
     * A parameter of a loss.
     *
     * @param rows the row count of a {@code double[][]} parameter, the entry count of an {@code int[]}
     *     one; 1 for the others
     */
    record Param(String name, Kind kind, Double defaultValue, double testValue, double scale, int length,
            List<Double> values, int rows) {

        Param(String name, Kind kind, Double defaultValue, double testValue, double scale) {
            this(name, kind, defaultValue, testValue, scale, 1, null, 1);
        }

        /** A {@code double[]} input of {@code length} elements, each drawn from U(-scale, scale). */
        static Param row(String name, int length, double scale) {
            return new Param(name, Kind.ROW, null, 0, scale, length, null, 1);
        }

        /** A {@code @Param double[]} constant with the values the oracle constructs the loss with. */
        static Param constRow(String name, List<Double> values) {
            return new Param(name, Kind.CONST_ROW, null, 0, 1, values.size(), List.copyOf(values), 1);
        }

        /** A batch loss's {@code double[][]} input: {@code rows} rows of {@code length}, each element from U(-scale, scale). */
        static Param matrix(String name, int rows, int length, double scale) {
            return new Param(name, Kind.MATRIX, null, 0, scale, length, null, rows);
        }

        /** A batch loss's {@code int[]} labels: {@code rows} of them, each drawn from {0, ..., classes - 1}. */
        static Param labels(String name, int rows, int classes) {
            return new Param(name, Kind.LABELS, null, 0, classes, 1, null, rows);
        }

        enum Kind {
            /** {@code double}: a differentiable tensor input, drawn from U(-scale, scale). */
            INPUT,
            /** {@code int}: a label tensor input, drawn from {0, ..., scale - 1}. */
            LABEL,
            /** {@code @Param double}. */
            CONST_DOUBLE,
            /** {@code @Param int}. */
            CONST_INT,
            /** {@code double[]}: a differentiable row input, a tensor of shape {@code [batch..., length]}. */
            ROW,
            /** {@code @Param double[]}: a constant row of {@code values}. */
            CONST_ROW,
            /** {@code double[][]}: a batch loss's rows, a differentiable tensor of shape {@code [rows, length]}. */
            MATRIX,
            /** {@code int[]}: a batch loss's labels, a tensor of shape {@code [rows]} drawn from {0, ..., scale - 1}. */
            LABELS
        }

        boolean isTensor() {
            return kind == Kind.INPUT || kind == Kind.LABEL || kind == Kind.ROW || isBatch();
        }

        /** Whether it receives a whole batch: a {@code double[][]} or {@code int[]}, which make a batch loss. */
        boolean isBatch() {
            return kind == Kind.MATRIX || kind == Kind.LABELS;
        }

        /** A value of one slot of a sample point: a label in range, or an element from U(-scale, scale). */
        double draw(java.util.Random rng) {
            return kind == Kind.LABEL || kind == Kind.LABELS ? rng.nextInt((int) scale) : scale * (2 * rng.nextDouble() - 1);
        }

        boolean isRow() {
            return kind == Kind.ROW || kind == Kind.CONST_ROW;
        }

        /** Whether its gradient is checked: a {@code double}, {@code double[]} or {@code double[][]} input. */
        boolean isDifferentiable() {
            return kind == Kind.INPUT || kind == Kind.ROW || kind == Kind.MATRIX;
        }

        /**
         * How many numbers of one sample point it takes: its length for a row input, all its elements
         * for a {@code double[][]}, its entries for an {@code int[]}, else 1.
         */
        int width() {
            return switch (kind) {
                case ROW -> length;
                case MATRIX -> rows * length;
                case LABELS -> rows;
                default -> 1;
            };
        }

        /** Whether its values are ints: an {@code int}, {@code @Param int} or {@code int[]}. */
        boolean isInt() {
            return kind == Kind.LABEL || kind == Kind.CONST_INT || kind == Kind.LABELS;
        }
    }

    /** A {@code @Differentiable static double name(double... params)} helper of one program. */
    record Helper(String name, List<String> params, List<S> body) {}

    /**
     * One {@code @Loss} method with the helpers it calls.
     *
     * @param seed seeds the sample points the oracle draws for it, so a replay sees the same points
     */
    record Program(String name, Reduction reduction, List<Param> params, List<Helper> helpers, List<S> body,
            long seed) {

        Program withName(String newName) {
            return new Program(newName, reduction, params, helpers, body, seed);
        }

        Program withBody(List<S> newBody) {
            return new Program(name, reduction, params, helpers, newBody, seed);
        }

        /** The generated loss class's simple name, as API.md derives it from the method name. */
        String lossClassName() {
            String upper = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            return upper.endsWith("Loss") ? upper : upper + "Loss";
        }

        List<Param> tensorParams() {
            return params.stream().filter(Param::isTensor).toList();
        }

        List<Param> constParams() {
            return params.stream().filter(p -> !p.isTensor()).toList();
        }

        /** Whether a batch loss: a parameter receives the whole batch. */
        boolean isBatch() {
            return params.stream().anyMatch(Param::isBatch);
        }

        boolean isNearMiss() {
            return Nodes.containsInjection(this);
        }
    }
}
