package io.gradgen.processor.rows;

import io.gradgen.annotations.Reduction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One loss of the row corpus ({@code src/test/resources/corpus/rows}), as the tests need to know
 * it: where it is declared, what the processor must call it, how it reduces, and for each
 * parameter what it receives: a {@link Row} of a fixed length, a {@link Label}, an {@link Element}
 * or a {@link Const} given to the generated constructor.
 *
 * <p>The reference is the annotated method itself, called reflectively once per batch position.
 *
 * @param source the corpus class declaring the loss, e.g. {@code ClassificationRows}
 * @param method the {@code @Loss} method
 * @param generatedName the simple name API.md gives the generated class
 * @param reduction the declared reduction
 * @param args the method's parameters, in declaration order
 * @param kinks values, computed from the plain arguments at one position, at whose zeros the loss
 *     or its gradient is not smooth (hinges, ties of a max/min); positions are redrawn until each
 *     is at least {@link #KINK_MARGIN} away from 0
 */
record RowLossCase(
        String source,
        String method,
        String generatedName,
        Reduction reduction,
        List<Arg> args,
        Kinks kinks) {

    /** How far every kink argument stays from zero. */
    static final double KINK_MARGIN = 1e-3;

    static final String PACKAGE = "corpus.rows";

    /** A parameter of the loss method. */
    sealed interface Arg permits Input, Const {
        String name();
    }

    /** A parameter that receives a tensor: one per non-{@code @Param} parameter, in order. */
    sealed interface Input extends Arg permits Row, Label, Element {
        /** The tensor's last dimension for a row, 1 (no extra dimension) otherwise. */
        int width();

        /** Whether the tensor gets a gradient. */
        boolean differentiable();

        /** The tensor's shape for a batch shape. */
        default int[] tensorShape(int[] batch) {
            return batch;
        }
    }

    /**
     * A {@code double[]} parameter: one row of {@code length} per batch position.
     *
     * @param name the parameter name
     * @param length the row length (the tensor's last dimension)
     * @param domain where a row comes from
     */
    record Row(String name, int length, RowDomain domain) implements Input {
        @Override
        public int width() {
            return length;
        }

        @Override
        public boolean differentiable() {
            return true;
        }

        @Override
        public int[] tensorShape(int[] batch) {
            int[] shape = Arrays.copyOf(batch, batch.length + 1);
            shape[batch.length] = length;
            return shape;
        }

        @Override
        public String toString() {
            return "ROW " + name + "[" + length + "] " + domain;
        }
    }

    /**
     * An {@code int} parameter: one integral value per batch position.
     *
     * @param name the parameter name
     * @param domain where a label comes from
     */
    record Label(String name, LabelDomain domain) implements Input {
        @Override
        public int width() {
            return 1;
        }

        @Override
        public boolean differentiable() {
            return false;
        }

        @Override
        public String toString() {
            return "LABEL " + name + " " + domain;
        }
    }

    /**
     * A {@code double} parameter: one element per batch position.
     *
     * @param name the parameter name
     * @param domain where an element comes from
     */
    record Element(String name, Uniform domain) implements Input {
        @Override
        public int width() {
            return 1;
        }

        @Override
        public boolean differentiable() {
            return true;
        }

        @Override
        public String toString() {
            return "ELEMENT " + name + " " + domain;
        }
    }

    /** The Java type of a {@code @Param} constant. */
    enum ConstKind {
        DOUBLE,
        INT,
        ROW
    }

    /**
     * A {@code @Param} constant.
     *
     * @param name the parameter name
     * @param kind {@code double}, {@code int} or {@code double[]}
     * @param defaultValue its {@code @Param(v)} default, or null when it has none (always null for a row)
     * @param testValue what the tests give the constructor: a {@code Double}, an {@code Integer} or a
     *     {@code double[]}, mostly not the default, so a constructor that ignores it is caught
     */
    record Const(String name, ConstKind kind, Object defaultValue, Object testValue) implements Arg {}

    /** Where a row comes from. */
    interface RowDomain {
        double[] draw(Random rng, int length);
    }

    /** Where a label comes from. */
    interface LabelDomain {
        int draw(Random rng);

        /** An integral value that is out of range, for the error tests; null if every int is valid. */
        Integer outOfRange();
    }

    /** U(lo, hi), element by element. */
    record Uniform(double lo, double hi) implements RowDomain {
        double draw(Random rng) {
            return lo + (hi - lo) * rng.nextDouble();
        }

        @Override
        public double[] draw(Random rng, int length) {
            double[] row = new double[length];
            for (int i = 0; i < length; i++) {
                row[i] = draw(rng);
            }
            return row;
        }

        @Override
        public String toString() {
            return "U(" + lo + ", " + hi + ")";
        }
    }

    /** A probability row: positive entries, each at least a fifth of the largest, summing to 1. */
    record Simplex() implements RowDomain {
        @Override
        public double[] draw(Random rng, int length) {
            double[] row = new double[length];
            double total = 0;
            for (int i = 0; i < length; i++) {
                row[i] = 0.2 + 0.8 * rng.nextDouble();
                total += row[i];
            }
            for (int i = 0; i < length; i++) {
                row[i] /= total;
            }
            return row;
        }

        @Override
        public String toString() {
            return "simplex";
        }
    }

    /** The log of a {@link Simplex} row: log-probabilities, as a log-softmax produces. */
    record LogSimplex() implements RowDomain {
        @Override
        public double[] draw(Random rng, int length) {
            double[] row = new Simplex().draw(rng, length);
            for (int i = 0; i < length; i++) {
                row[i] = Math.log(row[i]);
            }
            return row;
        }

        @Override
        public String toString() {
            return "log simplex";
        }
    }

    /** A row of ±1. */
    record SignRow() implements RowDomain {
        @Override
        public double[] draw(Random rng, int length) {
            double[] row = new double[length];
            for (int i = 0; i < length; i++) {
                row[i] = rng.nextBoolean() ? 1.0 : -1.0;
            }
            return row;
        }

        @Override
        public String toString() {
            return "{-1, +1}^n";
        }
    }

    /** A class index in [0, classes). */
    record ClassIndex(int classes) implements LabelDomain {
        @Override
        public int draw(Random rng) {
            return rng.nextInt(classes);
        }

        @Override
        public Integer outOfRange() {
            return classes;
        }

        @Override
        public String toString() {
            return "[0, " + classes + ")";
        }
    }

    /** A label in {-1, +1}. */
    record Signs() implements LabelDomain {
        @Override
        public int draw(Random rng) {
            return rng.nextBoolean() ? 1 : -1;
        }

        @Override
        public Integer outOfRange() {
            return null;
        }

        @Override
        public String toString() {
            return "{-1, +1}";
        }
    }

    /** The kink arguments at one batch position. */
    @FunctionalInterface
    interface Kinks {
        Kinks NONE = a -> new double[0];

        /**
         * @param plainArgs the arguments of the plain method at one position, in declaration order
         *     ({@code double[]}, {@code Integer}, {@code Double}, and the constants)
         * @return values that must stay away from 0
         */
        double[] at(Object[] plainArgs);
    }

    List<Input> inputs() {
        List<Input> inputs = new ArrayList<>();
        for (Arg arg : args) {
            if (arg instanceof Input input) {
                inputs.add(input);
            }
        }
        return inputs;
    }

    List<Const> consts() {
        List<Const> consts = new ArrayList<>();
        for (Arg arg : args) {
            if (arg instanceof Const c) {
                consts.add(c);
            }
        }
        return consts;
    }

    /** The inputs that are rows or elements, the ones that get gradients. */
    List<Integer> differentiableInputs() {
        List<Integer> out = new ArrayList<>();
        List<Input> inputs = inputs();
        for (int j = 0; j < inputs.size(); j++) {
            if (inputs.get(j).differentiable()) {
                out.add(j);
            }
        }
        return out;
    }

    boolean allConstsHaveDefaults() {
        return consts().stream().allMatch(c -> c.defaultValue() != null);
    }

    boolean hasLabel() {
        return inputs().stream().anyMatch(i -> i instanceof Label);
    }

    String lossClassName() {
        return PACKAGE + "." + generatedName;
    }

    String backwardClassName() {
        return PACKAGE + "." + generatedName + "Backward";
    }

    String sourceClassName() {
        return PACKAGE + "." + source;
    }

    /** Constructor arguments with the test values (arrays copied, so a loss that keeps one cannot change the table). */
    Object[] testConstructorArgs() {
        return consts().stream()
                .map(c -> c.testValue() instanceof double[] row ? (Object) row.clone() : c.testValue())
                .toArray();
    }

    /** Constructor arguments with the defaults. */
    Object[] defaultConstructorArgs() {
        return consts().stream().map(Const::defaultValue).toArray();
    }

    /** The same loss declared with another reduction (a test compiles it from rewritten source). */
    RowLossCase withReduction(Reduction other) {
        return new RowLossCase(source, method, generatedName, other, args, kinks);
    }

    @Override
    public String toString() {
        return source + "." + method + " -> " + generatedName + " (" + reduction + ")";
    }
}
