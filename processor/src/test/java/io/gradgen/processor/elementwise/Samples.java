package io.gradgen.processor.elementwise;

import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.elementwise.LossCase.Input;
import io.gradgen.processor.testing.Losses;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import io.gradgen.processor.testing.Reductions;
import java.util.Random;

/**
 * Seeded inputs for one corpus loss and the plain-Java reference computations on them: the loss
 * per element, its reduction, and central differences of the plain method.
 */
final class Samples {

    /** Central-difference step relative to max(1, |x|). */
    static final double STEP = 1e-6;

    private static final int MAX_DRAWS = 100_000;

    private Samples() {}

    /** A batch shape, printed as in the runtime's messages. */
    record Shape(int... dims) {
        int numel() {
            int n = 1;
            for (int d : dims) {
                n *= d;
            }
            return n;
        }

        @Override
        public String toString() {
            return Arrays.toString(dims);
        }
    }

    /**
     * Inputs of one loss at every batch position.
     *
     * @param lossCase the loss
     * @param shape the batch shape
     * @param x {@code x[j][i]}: input j at flat position i
     * @param c the constants the loss is built with
     */
    record Batch(LossCase lossCase, Shape shape, double[][] x, double[] c) {

        int numel() {
            return shape.numel();
        }

        /** The inputs at position i, in the order of {@link LossCase#inputs()}. */
        double[] at(int i) {
            double[] out = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                out[j] = x[j][i];
            }
            return out;
        }

        /** Fresh leaf tensors of the inputs; those whose index is in {@code requiringGrad} require grad. */
        Tensor[] tensors(boolean... requiringGrad) {
            Tensor[] out = new Tensor[x.length];
            for (int j = 0; j < x.length; j++) {
                out[j] = Tensor.of(x[j], shape.dims());
                if (requiringGrad.length > j && requiringGrad[j]) {
                    out[j].requiresGrad(true);
                }
            }
            return out;
        }

        Tensor[] tensorsAllRequiringGrad() {
            boolean[] all = new boolean[x.length];
            Arrays.fill(all, true);
            return tensors(all);
        }

        /** This batch with input j's values replaced. */
        Batch with(int j, double[] values) {
            double[][] copy = x.clone();
            copy[j] = values.clone();
            return new Batch(lossCase, shape, copy, c);
        }

        /** Describes position i, for failure messages. */
        String describe(int i) {
            StringBuilder out = new StringBuilder("at flat index " + i + " (");
            List<Input> inputs = lossCase.inputs();
            for (int j = 0; j < inputs.size(); j++) {
                out.append(inputs.get(j).name()).append('=').append(x[j][i]).append(", ");
            }
            List<LossCase.Const> consts = lossCase.consts();
            for (int k = 0; k < consts.size(); k++) {
                out.append(consts.get(k).name()).append('=').append(c[k]).append(", ");
            }
            out.setLength(out.length() - 2);
            return out.append(')').toString();
        }
    }

    /** A seed that depends only on the loss and the shape. */
    static long seed(LossCase lossCase, Shape shape, String purpose) {
        return 31L * (lossCase.method() + shape + purpose).hashCode() + 17;
    }

    /**
     * Draws every position from the inputs' domains, redrawing a position while any of its kink
     * arguments is closer than {@link LossCase#KINK_MARGIN} to 0.
     */
    static Batch draw(LossCase lossCase, Shape shape, double[] c, long seed) {
        Random rng = new Random(seed);
        List<Input> inputs = lossCase.inputs();
        int n = shape.numel();
        double[][] x = new double[inputs.size()][n];
        double[] at = new double[inputs.size()];
        for (int i = 0; i < n; i++) {
            int draws = 0;
            do {
                if (++draws > MAX_DRAWS) {
                    throw new IllegalStateException(lossCase + ": cannot draw a point away from its kinks");
                }
                for (int j = 0; j < at.length; j++) {
                    at[j] = inputs.get(j).domain().draw(rng);
                }
            } while (nearKink(lossCase, at, c));
            for (int j = 0; j < at.length; j++) {
                x[j][i] = at[j];
            }
        }
        return new Batch(lossCase, shape, x, c);
    }

    static Batch draw(LossCase lossCase, Shape shape) {
        return draw(lossCase, shape, lossCase.testConsts(), seed(lossCase, shape, "inputs"));
    }

    private static boolean nearKink(LossCase lossCase, double[] at, double[] c) {
        for (double k : lossCase.kinks().at(at, c)) {
            if (!(Math.abs(k) >= LossCase.KINK_MARGIN)) {
                return true;
            }
        }
        return false;
    }

    /** A seeded upstream gradient for {@link Reduction#NONE}, bounded away from 0, of either sign. */
    static double[] upstream(LossCase lossCase, Shape shape) {
        return Reductions.upstream(new Random(seed(lossCase, shape, "upstream")), shape.numel());
    }

    /** The plain method at one position. */
    static double plain(Method method, LossCase lossCase, double[] x, double[] c) {
        return Losses.callPlain(method, lossCase.plainArgs(x, c));
    }

    /** The plain method at every position. */
    static double[] plainValues(Method method, Batch batch) {
        double[] out = new double[batch.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = plain(method, batch.lossCase(), batch.at(i), batch.c());
        }
        return out;
    }

    /** d loss / d input j at one position, by central differences of the plain method. */
    static double centralDifference(Method method, LossCase lossCase, double[] x, double[] c, int j) {
        double h = STEP * Math.max(1, Math.abs(x[j]));
        double[] plus = x.clone();
        double[] minus = x.clone();
        plus[j] = x[j] + h;
        minus[j] = x[j] - h;
        return (plain(method, lossCase, plus, c) - plain(method, lossCase, minus, c)) / (plus[j] - minus[j]);
    }

    /** Reduces a per-position loss tensor as the loss declares and runs backward on it. */
    static Tensor reduceTensor(Reduction reduction, Tensor perPosition) {
        switch (reduction) {
            case MEAN:
                return perPosition.mean();
            case SUM:
                return perPosition.sum();
            case NONE:
                return perPosition;
            default:
                throw new AssertionError(reduction);
        }
    }

    /** {@code loss.backward()}, or {@code backward(upstream)} for an unreduced loss. */
    static void backward(Reduction reduction, Tensor result, Shape shape, double[] upstream) {
        if (reduction == Reduction.NONE) {
            result.backward(Tensor.of(upstream, shape.dims()));
        } else {
            result.backward();
        }
    }

    /** |actual - expected| <= tolerance * max(1, |expected|). */
    static boolean close(double actual, double expected, double tolerance) {
        return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
    }
}
