package io.gradgen.processor.rows;

import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.rows.RowLossCase.Const;
import io.gradgen.processor.rows.RowLossCase.Element;
import io.gradgen.processor.rows.RowLossCase.Input;
import io.gradgen.processor.rows.RowLossCase.Label;
import io.gradgen.processor.rows.RowLossCase.Row;
import io.gradgen.processor.testing.Losses;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import io.gradgen.processor.testing.Reductions;
import java.util.Random;

/**
 * Seeded inputs for one row loss and the plain-Java reference computations on them: the loss per
 * batch position (the annotated method called with that position's rows, labels and elements),
 * its reduction, and central differences of the plain method.
 */
final class RowSamples {

    /** Central-difference step relative to max(1, |x|). */
    static final double STEP = 1e-6;

    private static final int MAX_DRAWS = 100_000;

    private RowSamples() {}

    /** A batch shape: the tensors' shape without a row's last dimension. */
    record Shape(int... dims) {
        int numel() {
            int n = 1;
            for (int d : dims) {
                n *= d;
            }
            return n;
        }

        /** The multi-index of flat position i, row-major. */
        int[] index(int flat) {
            int[] index = new int[dims.length];
            for (int d = dims.length - 1; d >= 0; d--) {
                index[d] = flat % dims[d];
                flat /= dims[d];
            }
            return index;
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
     * @param data {@code data[j]}: input j's tensor data, row-major (position i's row of input j is
     *     {@code data[j][i * width, (i + 1) * width)})
     * @param consts the constructor arguments the loss is built with, in the order of
     *     {@link RowLossCase#consts()}
     */
    record Batch(RowLossCase lossCase, Shape shape, double[][] data, Object[] consts) {

        int numel() {
            return shape.numel();
        }

        /** The plain method's arguments at position i, in declaration order. */
        Object[] plainArgs(int i) {
            return plainArgs(i, -1, -1, 0);
        }

        /** The plain method's arguments at position i with input j's component c moved by delta. */
        Object[] plainArgs(int i, int j, int c, double delta) {
            Object[] out = new Object[lossCase.args().size()];
            int input = 0;
            int constant = 0;
            for (int a = 0; a < out.length; a++) {
                RowLossCase.Arg arg = lossCase.args().get(a);
                if (arg instanceof Row row) {
                    double[] values = Arrays.copyOfRange(data[input], i * row.length(), (i + 1) * row.length());
                    if (input == j) {
                        values[c] += delta;
                    }
                    out[a] = values;
                    input++;
                } else if (arg instanceof Label) {
                    out[a] = (int) data[input][i];
                    input++;
                } else if (arg instanceof Element) {
                    out[a] = data[input][i] + (input == j ? delta : 0);
                    input++;
                } else {
                    Object value = consts[constant++];
                    out[a] = value instanceof double[] row ? row.clone() : value;
                }
            }
            return out;
        }

        /** Fresh leaf tensors of the inputs; differentiable ones require grad where {@code requiring[j]}. */
        Tensor[] tensors(boolean... requiring) {
            List<Input> inputs = lossCase.inputs();
            Tensor[] out = new Tensor[inputs.size()];
            for (int j = 0; j < out.length; j++) {
                out[j] = Tensor.of(data[j], inputs.get(j).tensorShape(shape.dims()));
                if (requiring.length > j && requiring[j]) {
                    out[j].requiresGrad(true);
                }
            }
            return out;
        }

        /** Leaf tensors of which every row and element input requires grad (labels never do). */
        Tensor[] tensorsRequiringGrad() {
            List<Input> inputs = lossCase.inputs();
            boolean[] requiring = new boolean[inputs.size()];
            for (int j = 0; j < requiring.length; j++) {
                requiring[j] = inputs.get(j).differentiable();
            }
            return tensors(requiring);
        }

        /** This batch with input j's data replaced. */
        Batch with(int j, double[] values) {
            double[][] copy = data.clone();
            copy[j] = values.clone();
            return new Batch(lossCase, shape, copy, consts);
        }

        /** Describes position i, for failure messages. */
        String describe(int i) {
            StringBuilder out = new StringBuilder("at batch index " + Arrays.toString(shape.index(i)) + " (");
            Object[] args = plainArgs(i);
            for (int a = 0; a < args.length; a++) {
                Object v = args[a];
                out.append(lossCase.args().get(a).name()).append('=')
                        .append(v instanceof double[] row ? Arrays.toString(row) : String.valueOf(v)).append(", ");
            }
            out.setLength(out.length() - 2);
            return out.append(')').toString();
        }
    }

    /** A seed that depends only on the loss, the shape and the purpose. */
    static long seed(RowLossCase lossCase, Shape shape, String purpose) {
        return 31L * (lossCase.method() + shape + purpose).hashCode() + 17;
    }

    static Batch draw(RowLossCase lossCase, Shape shape) {
        return draw(lossCase, shape, lossCase.testConstructorArgs(), seed(lossCase, shape, "inputs"));
    }

    /**
     * Draws every position from the inputs' domains, redrawing a position while any of its kink
     * arguments is closer than {@link RowLossCase#KINK_MARGIN} to 0.
     */
    static Batch draw(RowLossCase lossCase, Shape shape, Object[] consts, long seed) {
        Random rng = new Random(seed);
        List<Input> inputs = lossCase.inputs();
        int n = shape.numel();
        double[][] data = new double[inputs.size()][];
        for (int j = 0; j < data.length; j++) {
            data[j] = new double[n * inputs.get(j).width()];
        }
        Batch batch = new Batch(lossCase, shape, data, consts);
        for (int i = 0; i < n; i++) {
            int draws = 0;
            do {
                if (++draws > MAX_DRAWS) {
                    throw new IllegalStateException(lossCase + ": cannot draw a point away from its kinks");
                }
                for (int j = 0; j < data.length; j++) {
                    Input input = inputs.get(j);
                    if (input instanceof Row row) {
                        System.arraycopy(row.domain().draw(rng, row.length()), 0, data[j], i * row.length(),
                                row.length());
                    } else if (input instanceof Label label) {
                        data[j][i] = label.domain().draw(rng);
                    } else {
                        data[j][i] = ((Element) input).domain().draw(rng);
                    }
                }
            } while (nearKink(lossCase, batch.plainArgs(i)));
        }
        return batch;
    }

    private static boolean nearKink(RowLossCase lossCase, Object[] plainArgs) {
        for (double k : lossCase.kinks().at(plainArgs)) {
            if (!(Math.abs(k) >= RowLossCase.KINK_MARGIN)) {
                return true;
            }
        }
        return false;
    }

    /** A seeded upstream gradient for {@link Reduction#NONE}, bounded away from 0, of either sign. */
    static double[] upstream(RowLossCase lossCase, Shape shape) {
        return Reductions.upstream(new Random(seed(lossCase, shape, "upstream")), shape.numel());
    }

    /** The plain method at every position. */
    static double[] plainValues(Method method, Batch batch) {
        double[] out = new double[batch.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Losses.callPlain(method, batch.plainArgs(i));
        }
        return out;
    }

    /** d loss(position i) / d (input j, component c), by central differences of the plain method. */
    static double centralDifference(Method method, Batch batch, int i, int j, int c) {
        int width = batch.lossCase().inputs().get(j).width();
        double x = batch.data()[j][i * width + c];
        double h = STEP * Math.max(1, Math.abs(x));
        double plus = Losses.callPlain(method, batch.plainArgs(i, j, c, h));
        double minus = Losses.callPlain(method, batch.plainArgs(i, j, c, -h));
        return (plus - minus) / ((x + h) - (x - h));
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

    /** The constant's test value, for messages. */
    static String describe(Const c) {
        return c.name() + "=" + (c.testValue() instanceof double[] row ? Arrays.toString(row) : c.testValue());
    }
}
