package io.gradgen;

import java.util.Arrays;

/**
 * Reductions over all elements or along one dimension, and the softmax family. A dimension
 * reduction views the input as {@code [outer, size, inner]}, where {@code size} is the reduced
 * dimension, so every kernel is three plain loops.
 */
final class Reductions {

    private Reductions() {
    }

    /** The {@code [outer, size, inner]} view of a tensor around one dimension. */
    private static final class Axis {
        final int outer;
        final int size;
        final int inner;
        final int[] reducedShape;

        Axis(String op, Tensor t, int dim, boolean keepDim) {
            int[] shape = t.shapeRef();
            int d = Shapes.wrapDim(op, dim, shape);
            int o = 1;
            for (int i = 0; i < d; i++) {
                o *= shape[i];
            }
            int in = 1;
            for (int i = d + 1; i < shape.length; i++) {
                in *= shape[i];
            }
            outer = o;
            size = shape[d];
            inner = in;
            if (keepDim) {
                reducedShape = shape.clone();
                reducedShape[d] = 1;
            } else {
                reducedShape = new int[shape.length - 1];
                System.arraycopy(shape, 0, reducedShape, 0, d);
                System.arraycopy(shape, d + 1, reducedShape, d, shape.length - d - 1);
            }
        }
    }

    static Tensor sumAll(Tensor a, boolean mean) {
        double s = 0;
        if (a.data != null) {
            for (double v : a.data) {
                s += v;
            }
        } else {
            for (float v : a.storage.f32()) {
                s += v;
            }
        }
        if (mean) {
            s /= a.numel();
        }
        Tensor result = Tensor.fromDoubles(new double[] {s}, Shapes.SCALAR, a.dtype());
        if (Tensor.recording(a)) {
            result.withGradFn(new SumAllBackward(a, mean));
        }
        return result;
    }

    private static final class SumAllBackward extends Node {
        private final Tensor input;
        private final boolean mean;

        SumAllBackward(Tensor input, boolean mean) {
            super(mean ? "MeanBackward" : "SumBackward", input);
            this.input = input;
            this.mean = mean;
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            double g = gradOutput.item();
            double[] gi = new double[input.numel()];
            Arrays.fill(gi, mean ? g / gi.length : g);
            return new Tensor[] {new Tensor(gi, input.shapeRef())};
        }
    }

    static Tensor sumDim(Tensor a, int dim, boolean keepDim, boolean mean) {
        Axis axis = new Axis(mean ? "mean" : "sum", a, dim, keepDim);
        double[] x = a.doubles();
        double[] out = new double[axis.outer * axis.inner];
        int size = axis.size;
        int inner = axis.inner;
        for (int o = 0; o < axis.outer; o++) {
            int base = o * size * inner;
            int outBase = o * inner;
            for (int j = 0; j < size; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    out[outBase + i] += x[row + i];
                }
            }
        }
        if (mean) {
            for (int i = 0; i < out.length; i++) {
                out[i] /= size;
            }
        }
        Tensor result = Tensor.fromDoubles(out, axis.reducedShape, a.dtype());
        if (Tensor.recording(a)) {
            result.withGradFn(new SumDimBackward(a, axis, mean));
        }
        return result;
    }

    private static final class SumDimBackward extends Node {
        private final Tensor input;
        private final Axis axis;
        private final boolean mean;

        SumDimBackward(Tensor input, Axis axis, boolean mean) {
            super(mean ? "MeanBackward" : "SumBackward", input);
            this.input = input;
            this.axis = axis;
            this.mean = mean;
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            double[] g = gradOutput.doubles();
            double[] gi = new double[input.numel()];
            int size = axis.size;
            int inner = axis.inner;
            double scale = mean ? 1.0 / size : 1.0;
            for (int o = 0; o < axis.outer; o++) {
                for (int j = 0; j < size; j++) {
                    int row = (o * size + j) * inner;
                    for (int i = 0; i < inner; i++) {
                        gi[row + i] = g[o * inner + i] * scale;
                    }
                }
            }
            return new Tensor[] {new Tensor(gi, input.shapeRef())};
        }
    }

    /**
     * {@code log(sum(exp(x)))} per slice with the maximum subtracted first. An infinite maximum is
     * replaced by 0 before subtracting (PyTorch does the same), so all {@code -inf} gives
     * {@code log(0) = -inf} and any {@code +inf} gives {@code +inf}, not NaN.
     */
    private static double[] logSumExpKernel(double[] x, Axis axis) {
        int size = axis.size;
        int inner = axis.inner;
        double[] out = new double[axis.outer * inner];
        for (int o = 0; o < axis.outer; o++) {
            int base = o * size * inner;
            for (int i = 0; i < inner; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < size; j++) {
                    max = Math.max(max, x[base + j * inner + i]);
                }
                if (Double.isInfinite(max)) {
                    max = 0;
                }
                double s = 0;
                for (int j = 0; j < size; j++) {
                    s += Math.exp(x[base + j * inner + i] - max);
                }
                out[o * inner + i] = Math.log(s) + max;
            }
        }
        return out;
    }

    static Tensor logSumExp(Tensor a, int dim, boolean keepDim) {
        Axis axis = new Axis("logSumExp", a, dim, keepDim);
        Tensor result = Tensor.fromDoubles(logSumExpKernel(a.doubles(), axis), axis.reducedShape, a.dtype());
        if (Tensor.recording(a)) {
            result.withGradFn(new LogSumExpBackward(a, result, axis));
        }
        return result;
    }

    private static final class LogSumExpBackward extends Node {
        private final Tensor input;
        private final Tensor result;
        private final Axis axis;

        LogSumExpBackward(Tensor input, Tensor result, Axis axis) {
            super("LogSumExpBackward", input);
            this.input = input;
            this.result = result;
            this.axis = axis;
            save(input, result);
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            double[] g = gradOutput.doubles();
            double[] x = input.doubles();
            double[] lse = result.doubles();
            double[] gi = new double[x.length];
            int size = axis.size;
            int inner = axis.inner;
            for (int o = 0; o < axis.outer; o++) {
                for (int j = 0; j < size; j++) {
                    int row = (o * size + j) * inner;
                    for (int i = 0; i < inner; i++) {
                        int k = o * inner + i;
                        gi[row + i] = g[k] * Math.exp(x[row + i] - lse[k]);
                    }
                }
            }
            return new Tensor[] {new Tensor(gi, input.shapeRef())};
        }
    }

    static Tensor softmax(Tensor a, int dim, boolean log) {
        Axis axis = new Axis(log ? "logSoftmax" : "softmax", a, dim, true);
        double[] x = a.doubles();
        double[] lse = logSumExpKernel(x, axis);
        double[] out = new double[x.length];
        int size = axis.size;
        int inner = axis.inner;
        for (int o = 0; o < axis.outer; o++) {
            for (int j = 0; j < size; j++) {
                int row = (o * size + j) * inner;
                for (int i = 0; i < inner; i++) {
                    double shifted = x[row + i] - lse[o * inner + i];
                    out[row + i] = log ? shifted : Math.exp(shifted);
                }
            }
        }
        Tensor result = Tensor.fromDoubles(out, a.shapeRef(), a.dtype());
        if (Tensor.recording(a)) {
            result.withGradFn(new SoftmaxBackward(a, result, axis, log));
        }
        return result;
    }

    /**
     * Softmax: {@code gx = y * (g - sum(g * y))}; log-softmax: {@code gx = g - exp(y) * sum(g)},
     * both sums along the softmax dimension.
     */
    private static final class SoftmaxBackward extends Node {
        private final Tensor input;
        private final Tensor result;
        private final Axis axis;
        private final boolean log;

        SoftmaxBackward(Tensor input, Tensor result, Axis axis, boolean log) {
            super(log ? "LogSoftmaxBackward" : "SoftmaxBackward", input);
            this.input = input;
            this.result = result;
            this.axis = axis;
            this.log = log;
            save(result);
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            double[] g = gradOutput.doubles();
            double[] y = result.doubles();
            double[] gi = new double[y.length];
            int size = axis.size;
            int inner = axis.inner;
            for (int o = 0; o < axis.outer; o++) {
                int base = o * size * inner;
                for (int i = 0; i < inner; i++) {
                    double s = 0;
                    for (int j = 0; j < size; j++) {
                        int k = base + j * inner + i;
                        s += log ? g[k] : g[k] * y[k];
                    }
                    for (int j = 0; j < size; j++) {
                        int k = base + j * inner + i;
                        gi[k] = log ? g[k] - Math.exp(y[k]) * s : y[k] * (g[k] - s);
                    }
                }
            }
            return new Tensor[] {new Tensor(gi, input.shapeRef())};
        }
    }
}
