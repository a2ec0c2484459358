package io.gradgen.processor.elementwise;

import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One loss of the element-wise corpus, as the functional tests need to know it: where it is
 * declared, what the processor must call it, how it reduces, and for each parameter either the
 * domain its tensor elements are drawn from or the constant given to the constructor.
 *
 * @param source the corpus class declaring the loss, e.g. {@code RegressionLosses}
 * @param method the {@code @Loss} method
 * @param generatedName the simple name API.md gives the generated class
 * @param reduction the declared reduction
 * @param args the method's parameters, in declaration order
 * @param kinks the arguments at whose zeros the loss (or its gradient) is not smooth; inputs are
 *     redrawn until each is at least {@link #KINK_MARGIN} away from 0
 * @param formula the same loss composed from the runtime's Tensor ops, per element
 */
record LossCase(
        String source,
        String method,
        String generatedName,
        Reduction reduction,
        List<Arg> args,
        Kinks kinks,
        TensorFormula formula) {

    /** How far every kink argument stays from zero. */
    static final double KINK_MARGIN = 1e-3;

    static final String PACKAGE = "corpus.elementwise";

    /** A parameter of the loss method. */
    sealed interface Arg permits Input, Const {
        String name();
    }

    /**
     * A {@code double} tensor input and the domain its elements are drawn from.
     *
     * @param name the parameter name
     * @param domain where the elements come from
     */
    record Input(String name, Domain domain) implements Arg {}

    /**
     * A {@code @Param} constant.
     *
     * @param name the parameter name
     * @param isInt whether it is an {@code int}
     * @param defaultValue its {@code @Param(v)} default, or null when it has none
     * @param testValue the value the tests give the constructor (mostly not the default, so a
     *     constructor that ignores its argument is caught)
     */
    record Const(String name, boolean isInt, Double defaultValue, double testValue) implements Arg {
        Object boxed(double value) {
            return isInt ? (Object) (int) value : (Object) value;
        }
    }

    /** Where one input's elements are drawn from. */
    sealed interface Domain permits Uniform, Signs {
        double draw(Random rng);
    }

    /** U(lo, hi). */
    record Uniform(double lo, double hi) implements Domain {
        @Override
        public double draw(Random rng) {
            return lo + (hi - lo) * rng.nextDouble();
        }

        @Override
        public String toString() {
            return "U(" + lo + ", " + hi + ")";
        }
    }

    /** Labels in {-1, +1}. */
    record Signs() implements Domain {
        @Override
        public double draw(Random rng) {
            return rng.nextBoolean() ? 1.0 : -1.0;
        }

        @Override
        public String toString() {
            return "{-1, +1}";
        }
    }

    /** The kink arguments at one batch position. */
    @FunctionalInterface
    interface Kinks {
        Kinks NONE = (x, c) -> new double[0];

        /**
         * @param x the inputs at one position, in the order of {@link LossCase#inputs()}
         * @param c the constants, in the order of {@link LossCase#consts()}
         * @return values that must stay away from 0
         */
        double[] at(double[] x, double[] c);
    }

    /** The loss per element, written with Tensor ops (dynamic autograd). */
    @FunctionalInterface
    interface TensorFormula {
        /**
         * @param x the input tensors, in the order of {@link LossCase#inputs()}
         * @param c the constants, in the order of {@link LossCase#consts()}
         * @return the unreduced loss, of the inputs' shape
         */
        Tensor apply(Tensor[] x, double[] c);
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

    boolean allConstsHaveDefaults() {
        return consts().stream().allMatch(c -> c.defaultValue() != null);
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

    double[] testConsts() {
        return consts().stream().mapToDouble(Const::testValue).toArray();
    }

    double[] defaultConsts() {
        return consts().stream().mapToDouble(Const::defaultValue).toArray();
    }

    /** Boxed constructor arguments for the given constant values. */
    Object[] constructorArgs(double[] constValues) {
        List<Const> consts = consts();
        Object[] out = new Object[consts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = consts.get(i).boxed(constValues[i]);
        }
        return out;
    }

    /** Boxed arguments of the plain method at one position, in declaration order. */
    Object[] plainArgs(double[] x, double[] c) {
        Object[] out = new Object[args.size()];
        int xi = 0;
        int ci = 0;
        for (int i = 0; i < out.length; i++) {
            Arg arg = args.get(i);
            if (arg instanceof Input) {
                out[i] = x[xi++];
            } else {
                Const constant = (Const) arg;
                out[i] = constant.boxed(c[ci++]);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return source + "." + method + " -> " + generatedName + " (" + reduction + ")";
    }
}
