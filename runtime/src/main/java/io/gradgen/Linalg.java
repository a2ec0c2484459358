package io.gradgen;

import io.gradgen.kernels.FloatBlocks;
import io.gradgen.kernels.Parallel;
import io.gradgen.kernels.Scratch;
import io.gradgen.kernels.VectorMath;
import java.util.Arrays;

/**
 * {@link Tensor#linear}, {@code x · Wᵀ + b} in one fused operation, and its kernels: scalar ones
 * here, Vector API ones ({@link LinearKernels}) loaded when the JVM has the module.
 */
final class Linalg {

    private Linalg() {
    }

    private static final String VECTOR_LINEAR_KERNELS = "io.gradgen.PanamaLinearKernels";

    /**
     * The Vector API kernels of {@link #linear}, or null for the scalar ones below: loaded only when
     * {@link VectorMath} runs its Vector API path (the JVM has {@code jdk.incubator.vector} and
     * {@code -Dgradgen.vectorize=false} is not set).
     */
    static final LinearKernels VECTOR_LINEAR = loadVectorLinear();

    /** Input widths from which {@link #VECTOR_LINEAR} is used (the tutorial's Linear(1, 1) stays scalar). */
    private static final int VECTOR_MIN_IN = VECTOR_LINEAR == null ? Integer.MAX_VALUE : VECTOR_LINEAR.minIn();

    private static LinearKernels loadVectorLinear() {
        if (!VectorMath.isVectorized()) {
            return null;
        }
        try {
            return (LinearKernels) Class.forName(VECTOR_LINEAR_KERNELS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // a JVM whose incubator API differs from the one compiled against: stay correct, stay scalar
            return null;
        }
    }

    // ---------------------------------------------------------------- linear: x · Wᵀ + b, fused

    /**
     * The {@link Scratch} slots of a FLOAT32 linear's widened operands, its double result and its
     * leaves' double gradient sums: clear of
     * the generated loss kernels' slots (0 and 1, the float blocks' from 32, the tables' from 64).
     */
    private static final int INPUT_SLOT = 24;
    private static final int WEIGHT_SLOT = 25;
    private static final int OUTPUT_SLOT = 26;
    private static final int INPUT_GRAD_SLOT = 27;
    private static final int WEIGHT_GRAD_SLOT = 28;
    private static final int BIAS_GRAD_SLOT = 29;

    /**
     * Operands up to this many elements are widened into this thread's scratch arrays, reused from
     * step to step; larger ones into fresh arrays, so a thread does not keep a huge array alive.
     */
    private static final int SCRATCH_LIMIT = 1 << 22;

    /**
     * An operand's elements as doubles after conversion to {@code dtype}, read at once and not kept: a
     * FLOAT32 tensor's floats widened into this thread's scratch array {@code slot} (a training step
     * allocates no widened copy of the batch or the weights), else {@link Tensor#valuesIn}.
     */
    private static double[] operand(Tensor t, DType dtype, int slot) {
        float[] floats = t.storage.f32();
        if (dtype != DType.FLOAT32 || floats == null || floats.length > SCRATCH_LIMIT) {
            return t.valuesIn(dtype);
        }
        double[] widened = Scratch.get(slot, floats.length);
        FloatBlocks.widen(floats, 0, floats.length, widened);
        return widened;
    }

    static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        int[] xs = input.shapeRef();
        int[] ws = weight.shapeRef();
        if (ws.length != 2) {
            throw new IllegalArgumentException("linear: weight must have shape [out, in], but it has shape "
                    + Shapes.format(ws));
        }
        int out = ws[0];
        int in = ws[1];
        if (xs.length == 0 || xs[xs.length - 1] != in) {
            throw new IllegalArgumentException("linear: input has shape " + Shapes.format(xs)
                    + " but its last dimension must be in_features=" + in + " (weight has shape " + Shapes.format(ws)
                    + ")");
        }
        if (bias != null && (bias.shapeRef().length != 1 || bias.shapeRef()[0] != out)) {
            throw new IllegalArgumentException("linear: bias must have shape [" + out + "], but it has shape "
                    + Shapes.format(bias.shapeRef()));
        }
        int n = in == 0 ? Shapes.numel(Arrays.copyOf(xs, xs.length - 1)) : input.numel() / in;
        int[] outShape = xs.clone();
        outShape[outShape.length - 1] = out;
        // FLOAT32 operands are widened and the result rounded once: the double kernels' sums, in float
        // (all operands have dimensions, so promotion is FLOAT64 as soon as one is)
        boolean float32 = input.dtype() == DType.FLOAT32 && weight.dtype() == DType.FLOAT32
                && (bias == null || bias.dtype() == DType.FLOAT32);
        DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
        // a FLOAT32 result is rounded into its own float array: its double sums can live in scratch.
        // FLOAT32 products stay on this thread: their widened operands sit in this thread's cache,
        // and a helper reading them ran the batch-64 step twice as slow (130 against 62 µs)
        double[] y = float32 && n * out <= SCRATCH_LIMIT ? Scratch.get(OUTPUT_SLOT, n * out) : new double[n * out];
        linearForward(operand(input, dtype, INPUT_SLOT), operand(weight, dtype, WEIGHT_SLOT),
                bias == null ? null : bias.valuesIn(dtype), y, n, in, out, !float32);
        Tensor result = float32 ? new Tensor(Storage.narrowed(y, n * out), outShape)
                : Tensor.fromDoubles(y, outShape, dtype);
        boolean recording = bias == null ? Tensor.recording(input, weight)
                : Tensor.recording(input, weight) || Tensor.recording(bias);
        if (recording) {
            result.withGradFn(new LinearBackward(input, weight, bias, n, in, out, dtype));
        }
        return result;
    }

    private static final class LinearBackward extends Node {
        private final Tensor input;
        private final Tensor weight;
        private final Tensor bias;
        private final int n;
        private final int in;
        private final int out;
        private final DType dtype;

        LinearBackward(Tensor input, Tensor weight, Tensor bias, int n, int in, int out, DType dtype) {
            super("LinearBackward", bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias});
            this.input = input;
            this.weight = weight;
            this.bias = bias;
            this.n = n;
            this.in = in;
            this.out = out;
            this.dtype = dtype;
            save(input, weight);
        }

        /**
         * The array {@code t}'s gradient is computed into (the kernels add into it): a FLOAT64 leaf's
         * grad() array itself; for a FLOAT32 leaf, this thread's scratch array {@code slot}, zeroed, whose
         * sums {@link #deliver} rounds and adds into the leaf's float gradient; else a fresh array the
         * engine receives (and rounds, for a FLOAT32 tensor). A training step allocates no gradient.
         */
        private static double[] gradientTarget(Tensor t, int slot) {
            if (returnedToEngine(t)) {
                return new double[t.numel()];
            }
            if (t.dtype() == DType.FLOAT64) {
                return t.gradAccumulator();
            }
            double[] sums = Scratch.get(slot, t.numel());
            Arrays.fill(sums, 0, t.numel(), 0.0);
            return sums;
        }

        /** Whether {@code t}'s gradient goes back to the engine in a fresh array, not into its grad(). */
        private static boolean returnedToEngine(Tensor t) {
            return !t.acceptsDirectGrad() || t.dtype() == DType.FLOAT32 && t.numel() > SCRATCH_LIMIT;
        }

        /**
         * The gradient {@link #gradientTarget} held, delivered: null once it is in the leaf's grad()
         * (a FLOAT32 leaf's as {@code grad[k] += (float) sums[k]}, what the engine's rounding and float
         * accumulation give), else the tensor to return to the engine.
         */
        private static Tensor deliver(Tensor t, double[] sums) {
            if (returnedToEngine(t)) {
                return new Tensor(sums, t.shapeRef());
            }
            if (t.dtype() == DType.FLOAT32) {
                float[] grad = t.floatGradAccumulator();
                for (int k = 0; k < grad.length; k++) {
                    grad[k] += (float) sums[k];
                }
            }
            return null;
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            double[] g = gradOutput.doubles();
            boolean shared = dtype != DType.FLOAT32;
            Tensor gx = null;
            Tensor gw = null;
            Tensor gb = null;
            if (input.requiresGrad()) {
                double[] dx = gradientTarget(input, INPUT_GRAD_SLOT);
                linearInputGrad(g, operand(weight, dtype, WEIGHT_SLOT), dx, n, in, out, shared);
                gx = deliver(input, dx);
            }
            if (weight.requiresGrad()) {
                double[] dw = gradientTarget(weight, WEIGHT_GRAD_SLOT);
                linearWeightGrad(g, operand(input, dtype, INPUT_SLOT), dw, n, in, out, shared);
                gw = deliver(weight, dw);
            }
            if (bias != null && bias.requiresGrad()) {
                double[] db = gradientTarget(bias, BIAS_GRAD_SLOT);
                biasGrad(g, db, n, out);
                gb = deliver(bias, db);
            }
            return bias == null ? new Tensor[] {gx, gw} : new Tensor[] {gx, gw, gb};
        }
    }

    /**
     * {@code db[o] += Σ_i g[i, o]}. Few outputs are summed over the batch in registers
     * ({@link #stridedDot}, four partial sums: one sum through {@code db[o]} in memory, or one
     * chain of additions, waits on each row in turn, and that was a quarter of the tutorial's step
     * time); many are added row by row along {@code g}, which C2 vectorises.
     */
    static void biasGrad(double[] g, double[] db, int n, int out) {
        if (out < 8) {
            for (int o = 0; o < out; o++) {
                db[o] += stridedDot(g, o, out, null, 0, 0, n);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int row = i * out;
            for (int o = 0; o < out; o++) {
                db[o] += g[row + o];
            }
        }
    }

    /**
     * {@code Σ_i a[aFrom + i·aStride]·b[bFrom + i·bStride]} for {@code i < count} ({@code b} null:
     * the sum of the {@code a} terms), in four partial sums over {@code i mod 4} added as
     * {@code (s0 + s1) + (s2 + s3)}, then the remaining terms in order: four independent chains of
     * additions instead of one. The order depends only on {@code count}.
     */
    static double stridedDot(double[] a, int aFrom, int aStride, double[] b, int bFrom, int bStride, int count) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 4 <= count; i += 4) {
            int ai = aFrom + i * aStride;
            int bi = bFrom + i * bStride;
            s0 += b == null ? a[ai] : a[ai] * b[bi];
            s1 += b == null ? a[ai + aStride] : a[ai + aStride] * b[bi + bStride];
            s2 += b == null ? a[ai + 2 * aStride] : a[ai + 2 * aStride] * b[bi + 2 * bStride];
            s3 += b == null ? a[ai + 3 * aStride] : a[ai + 3 * aStride] * b[bi + 3 * bStride];
        }
        double s = (s0 + s1) + (s2 + s3);
        for (; i < count; i++) {
            s += b == null ? a[aFrom + i * aStride] : a[aFrom + i * aStride] * b[bFrom + i * bStride];
        }
        return s;
    }

    /**
     * {@code y[i, o] = Σ_p x[i, p]·w[o, p] + b[o]}, as dot products of rows (no transposed copy of
     * {@code w}), four rows of {@code x} by two of {@code w} at a time so each loaded value feeds
     * several independent sums. Every sum still runs over {@code p} in order, so the scalar
     * path's result is the same as the naive loop's, bit for bit. With the Vector API kernels
     * ({@link #VECTOR_LINEAR}, for {@code in} of at least one vector) the result can differ in the
     * last bits (summation order, fused multiply-add) but is deterministic. With {@code shared}
     * (see {@link #sharedWork}), large products are cut into row ranges run on the helper threads
     * too; every element is computed the same way in any range.
     */
    static void linearForward(double[] x, double[] w, double[] b, double[] y, int n, int in, int out, boolean shared) {
        long work = sharedWork(n, in, out, shared);
        if (work < Parallel.PARALLEL_WORK) {
            // on this thread, without the capturing lambda (an allocation a step)
            forwardRows(x, w, b, y, 0, n, in, out);
            return;
        }
        Parallel.forParts(n, Parallel.grain(n, ROW_BLOCK), work, (part, from, to) -> forwardRows(x, w, b, y, from, to, in,
                out));
    }

    static void forwardRows(double[] x, double[] w, double[] b, double[] y, int from, int to, int in, int out) {
        if (in >= VECTOR_MIN_IN) {
            VECTOR_LINEAR.forward(x, w, b, y, from, to, in, out);
        } else {
            linearForwardScalar(x, w, b, y, from, to, in, out);
        }
    }

    /**
     * Batch rows per thread below which a product stays on the calling thread: a training step's
     * optimizer rewrites the weights on the caller, so a helper reads them, and the caller its part
     * of their gradient, from the other core's cache every step. Linear(784, 10) + cross-entropy +
     * SGD ran 65 µs a step on two threads at batch 64 against 50 on one, and 85 against 106 at
     * batch 96 (FLOAT64, 2-core machine, the same batch every step).
     */
    private static final int MIN_ROWS_PER_THREAD = 48;

    /**
     * The work {@link Parallel#forParts} weighs for a product of {@code n} rows: its multiply-adds,
     * or 0 (one thread) when the caller does not share it or each thread would get fewer than
     * {@link #MIN_ROWS_PER_THREAD} rows.
     */
    private static long sharedWork(int n, int in, int out, boolean shared) {
        return shared && n >= MIN_ROWS_PER_THREAD * Parallel.threads() ? (long) n * in * out : 0L;
    }

    /** Rows per register block of the forward kernels: parts of the batch are multiples of it. */
    private static final int ROW_BLOCK = 4;

    /**
     * Columns per part of a parallel weight gradient: a multiple of the vector kernels' column
     * strip (two vectors of up to eight doubles).
     */
    private static final int COLUMN_BLOCK = 16;

    /** The scalar path of {@link #linearForward}, for the rows {@code rowFrom <= i < rowTo}. */
    static void linearForwardScalar(double[] x, double[] w, double[] b, double[] y, int rowFrom, int rowTo, int in,
            int out) {
        if (in == 1) {
            // the tutorial's Linear(1, 1): the register blocks below would run a one-step loop per
            // block; one loop over the rows per output computes the same 0 + x·w + b
            for (int o = 0; o < out; o++) {
                double wo = w[o];
                double c = b == null ? 0.0 : b[o];
                for (int r = rowFrom; r < rowTo; r++) {
                    y[r * out + o] = (0.0 + x[r] * wo) + c;
                }
            }
            return;
        }
        int i = rowFrom;
        for (; i + 4 <= rowTo; i += 4) {
            int x0 = i * in;
            int x1 = x0 + in;
            int x2 = x1 + in;
            int x3 = x2 + in;
            int o = 0;
            for (; o + 2 <= out; o += 2) {
                int w0 = o * in;
                int w1 = w0 + in;
                double s00 = 0;
                double s01 = 0;
                double s10 = 0;
                double s11 = 0;
                double s20 = 0;
                double s21 = 0;
                double s30 = 0;
                double s31 = 0;
                for (int p = 0; p < in; p++) {
                    double b0 = w[w0 + p];
                    double b1 = w[w1 + p];
                    double a0 = x[x0 + p];
                    double a1 = x[x1 + p];
                    double a2 = x[x2 + p];
                    double a3 = x[x3 + p];
                    s00 += a0 * b0;
                    s01 += a0 * b1;
                    s10 += a1 * b0;
                    s11 += a1 * b1;
                    s20 += a2 * b0;
                    s21 += a2 * b1;
                    s30 += a3 * b0;
                    s31 += a3 * b1;
                }
                double c0 = b == null ? 0.0 : b[o];
                double c1 = b == null ? 0.0 : b[o + 1];
                int y0 = i * out + o;
                y[y0] = s00 + c0;
                y[y0 + 1] = s01 + c1;
                y[y0 + out] = s10 + c0;
                y[y0 + out + 1] = s11 + c1;
                y[y0 + 2 * out] = s20 + c0;
                y[y0 + 2 * out + 1] = s21 + c1;
                y[y0 + 3 * out] = s30 + c0;
                y[y0 + 3 * out + 1] = s31 + c1;
            }
            for (; o < out; o++) {
                int w0 = o * in;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < in; p++) {
                    double b0 = w[w0 + p];
                    s0 += x[x0 + p] * b0;
                    s1 += x[x1 + p] * b0;
                    s2 += x[x2 + p] * b0;
                    s3 += x[x3 + p] * b0;
                }
                double c = b == null ? 0.0 : b[o];
                int y0 = i * out + o;
                y[y0] = s0 + c;
                y[y0 + out] = s1 + c;
                y[y0 + 2 * out] = s2 + c;
                y[y0 + 3 * out] = s3 + c;
            }
        }
        for (; i < rowTo; i++) {
            int x0 = i * in;
            for (int o = 0; o < out; o++) {
                int w0 = o * in;
                double s = 0;
                for (int p = 0; p < in; p++) {
                    s += x[x0 + p] * w[w0 + p];
                }
                y[i * out + o] = s + (b == null ? 0.0 : b[o]);
            }
        }
    }

    /** Columns of {@code x} per block of the weight gradient: 10 rows of 256 doubles stay in L1. */
    private static final int LINEAR_BLOCK = 256;

    /**
     * {@code dw[o, p] += Σ_i g[i, o]·x[i, p]}, added into {@code dw}. Blocked over {@code p} so a
     * block of {@code dw} stays in L1 while the rows of {@code x} stream past once; the inner loop
     * runs along contiguous rows, which C2 vectorises. Large products are cut into column ranges
     * shared with the helper threads; every element is the same sum over {@code i} in any range.
     */
    static void linearWeightGrad(double[] g, double[] x, double[] dw, int n, int in, int out, boolean shared) {
        long work = sharedWork(n, in, out, shared);
        if (work < Parallel.PARALLEL_WORK) {
            weightGradColumns(g, x, dw, n, in, out, 0, in);
            return;
        }
        Parallel.forParts(in, Parallel.grain(in, COLUMN_BLOCK), work, (part, from, to) -> weightGradColumns(g, x, dw, n,
                in, out, from, to));
    }

    static void weightGradColumns(double[] g, double[] x, double[] dw, int n, int in, int out, int from, int to) {
        if (in >= VECTOR_MIN_IN) {
            VECTOR_LINEAR.weightGrad(g, x, dw, n, in, out, from, to);
        } else {
            linearWeightGradScalar(g, x, dw, n, in, out, from, to);
        }
    }

    /** The scalar path of {@link #linearWeightGrad}, for the columns {@code colFrom <= p < colTo}. */
    static void linearWeightGradScalar(double[] g, double[] x, double[] dw, int n, int in, int out, int colFrom,
            int colTo) {
        if (in < 8) {
            // narrow inputs (the tutorial's Linear(1, 1)): rows are too short for a vector loop, so
            // sum each entry over the batch in registers and add it once
            for (int o = 0; o < out; o++) {
                for (int p = colFrom; p < colTo; p++) {
                    dw[o * in + p] += stridedDot(g, o, out, x, p, in, n);
                }
            }
            return;
        }
        for (int from = colFrom; from < colTo; from += LINEAR_BLOCK) {
            int to = Math.min(colTo, from + LINEAR_BLOCK);
            for (int i = 0; i < n; i++) {
                int xRow = i * in;
                int gRow = i * out;
                for (int o = 0; o < out; o++) {
                    double a = g[gRow + o];
                    int wRow = o * in;
                    for (int p = from; p < to; p++) {
                        dw[wRow + p] += a * x[xRow + p];
                    }
                }
            }
        }
    }

    /**
     * {@code dx[i, p] += Σ_o g[i, o]·w[o, p]}, added into {@code dx}, along contiguous rows; in
     * parallel over row ranges as {@link #linearForward}.
     */
    static void linearInputGrad(double[] g, double[] w, double[] dx, int n, int in, int out, boolean shared) {
        long work = sharedWork(n, in, out, shared);
        if (work < Parallel.PARALLEL_WORK) {
            inputGradRows(g, w, dx, 0, n, in, out);
            return;
        }
        Parallel.forParts(n, Parallel.grain(n, ROW_BLOCK), work, (part, from, to) -> inputGradRows(g, w, dx, from, to, in,
                out));
    }

    static void inputGradRows(double[] g, double[] w, double[] dx, int from, int to, int in, int out) {
        if (in >= VECTOR_MIN_IN) {
            VECTOR_LINEAR.inputGrad(g, w, dx, from, to, in, out);
        } else {
            linearInputGradScalar(g, w, dx, from, to, in, out);
        }
    }

    /** The scalar path of {@link #linearInputGrad}, for the rows {@code rowFrom <= i < rowTo}. */
    static void linearInputGradScalar(double[] g, double[] w, double[] dx, int rowFrom, int rowTo, int in, int out) {
        for (int i = rowFrom; i < rowTo; i++) {
            int xRow = i * in;
            int gRow = i * out;
            for (int o = 0; o < out; o++) {
                double a = g[gRow + o];
                int wRow = o * in;
                for (int p = 0; p < in; p++) {
                    dx[xRow + p] += a * w[wRow + p];
                }
            }
        }
    }
}
