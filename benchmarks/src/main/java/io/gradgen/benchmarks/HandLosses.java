package io.gradgen.benchmarks;

import io.gradgen.kernels.Branchless;
import io.gradgen.kernels.Parallel;
import io.gradgen.kernels.VectorMath;

/**
 * Hand-written fused forward+backward loops: one pass over the inputs that returns the loss and
 * writes the gradient of {@code pred} (mean reduction) into a caller-owned, reused buffer. The
 * practical limit a generated loss is measured against.
 *
 * <p>{@code *Serial} methods are plain single-threaded loops; {@code *Parallel} ones use
 * {@link Parallel#sumChunks} (fixed chunks, so the sum is the same for any thread count), and the
 * transcendental ones stage {@code exp}/{@code log1p} through {@link VectorMath} in small blocks.
 * Choices between two values are branch-free ({@code Math.min}, {@link Branchless#select}): the
 * inputs' signs are random, and a mispredicted jump per element would make these loops a weak
 * baseline.
 * This is the shape the generated code is meant to take.
 */
final class HandLosses {
    private HandLosses() {
    }

    /** Elements per VectorMath block: three scratch rows of this size stay in L1. */
    static final int BLOCK = 1024;

    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][BLOCK]);

    static double mseSerial(double[] p, double[] t, double[] g) {
        return mseChunk(p, t, g, 2.0 / p.length, 0, p.length) / p.length;
    }

    static double mseParallel(double[] p, double[] t, double[] g) {
        double scale = 2.0 / p.length;
        return Parallel.sumChunks(p.length, Parallel.DEFAULT_CHUNK, (c, from, to) -> mseChunk(p, t, g, scale, from, to))
                / p.length;
    }

    private static double mseChunk(double[] p, double[] t, double[] g, double scale, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            double d = p[i] - t[i];
            s += d * d;
            g[i] = scale * d;
        }
        return s;
    }

    static double huberSerial(double[] p, double[] t, double[] g, double delta) {
        return huberChunk(p, t, g, delta, 1.0 / p.length, 0, p.length) / p.length;
    }

    static double huberParallel(double[] p, double[] t, double[] g, double delta) {
        double scale = 1.0 / p.length;
        return Parallel.sumChunks(p.length, Parallel.DEFAULT_CHUNK,
                (c, from, to) -> huberChunk(p, t, g, delta, scale, from, to)) / p.length;
    }

    /**
     * Branch-free: with {@code m = min(|d|, delta)} the loss is {@code m·(|d| − m/2)} on both sides of
     * the kink and the gradient {@code clamp(d, −delta, delta)}, so random signs cost no mispredicted
     * jumps (a {@code quadratic ? … : …} form runs about 3× slower on this data) and C2 vectorises the
     * loop: {@code Math.copySign(m, d)} for the gradient, which goes through the bits in integer
     * registers, keeps it scalar and runs about 1.8× slower.
     */
    private static double huberChunk(double[] p, double[] t, double[] g, double delta, double scale, int from,
            int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            double d = p[i] - t[i];
            double a = Math.abs(d);
            double m = Math.min(a, delta);
            s += m * (a - 0.5 * m);
            g[i] = scale * Math.max(-delta, Math.min(d, delta));
        }
        return s;
    }

    static double bceSerial(double[] x, double[] y, double[] g) {
        double scale = 1.0 / x.length;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double e = Math.exp(-Math.abs(xi));
            s += Math.max(xi, 0) - xi * y[i] + Math.log1p(e);
            double sigmoid = Branchless.select(xi >= 0, 1, e) / (1 + e);
            g[i] = scale * (sigmoid - y[i]);
        }
        return s / x.length;
    }

    static double bceParallel(double[] x, double[] y, double[] g) {
        double scale = 1.0 / x.length;
        return Parallel.sumChunks(x.length, Parallel.DEFAULT_CHUNK, (c, from, to) -> bceChunk(x, y, g, scale, from, to))
                / x.length;
    }

    /** One chunk, in L1-sized blocks: e = exp(-|x|) and log1p(e) through VectorMath, then the formula. */
    private static double bceChunk(double[] x, double[] y, double[] g, double scale, int from, int to) {
        double[][] scratch = SCRATCH.get();
        double[] e = scratch[0];
        double[] l = scratch[1];
        double s = 0;
        for (int b = from; b < to; b += BLOCK) {
            int len = Math.min(BLOCK, to - b);
            for (int j = 0; j < len; j++) {
                e[j] = -Math.abs(x[b + j]);
            }
            VectorMath.exp(e, 0, e, 0, len);
            VectorMath.log1p(e, 0, l, 0, len);
            for (int j = 0; j < len; j++) {
                double xi = x[b + j];
                double ej = e[j];
                s += Math.max(xi, 0) - xi * y[b + j] + l[j];
                double sigmoid = Branchless.select(xi >= 0, 1, ej) / (1 + ej);
                g[b + j] = scale * (sigmoid - y[b + j]);
            }
        }
        return s;
    }

    /**
     * Cross-entropy over rows of {@code logits [rows, classes]}, mean over rows, gradient
     * {@code (softmax - onehot) / rows} into {@code g}. Serial: Math.exp per element.
     */
    static double crossEntropySerial(double[] logits, int[] target, double[] g, int rows, int classes) {
        double scale = 1.0 / rows;
        double s = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * classes;
            double m = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                m = Math.max(m, logits[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double e = Math.exp(logits[o + c] - m);
                g[o + c] = e;
                sum += e;
            }
            double lse = m + Math.log(sum);
            s += lse - logits[o + target[r]];
            double k = scale / sum;
            for (int c = 0; c < classes; c++) {
                g[o + c] *= k;
            }
            g[o + target[r]] -= scale;
        }
        return s / rows;
    }

    /** As {@link #crossEntropySerial}, rows in parallel chunks and exp through VectorMath. */
    static double crossEntropyParallel(double[] logits, int[] target, double[] g, int rows, int classes) {
        double scale = 1.0 / rows;
        // chunked by elements of work, not rows, so that 4096 rows of 1000 run on both cores
        return Parallel.sumRows(rows, classes, (ch, from, to) -> {
            double s = 0;
            for (int r = from; r < to; r++) {
                int o = r * classes;
                double m = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    m = Math.max(m, logits[o + c]);
                }
                for (int c = 0; c < classes; c++) {
                    g[o + c] = logits[o + c] - m;
                }
                VectorMath.exp(g, o, g, o, classes);
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += g[o + c];
                }
                s += m + Math.log(sum) - logits[o + target[r]];
                double k = scale / sum;
                for (int c = 0; c < classes; c++) {
                    g[o + c] *= k;
                }
                g[o + target[r]] -= scale;
            }
            return s;
        }) / rows;
    }
}
