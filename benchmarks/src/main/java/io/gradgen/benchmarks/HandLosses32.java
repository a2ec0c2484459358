package io.gradgen.benchmarks;

import io.gradgen.kernels.Parallel;
import io.gradgen.kernels.VectorMath;

/**
 * The float32 twins of {@link HandLosses}: one fused pass that reads {@code float[]} inputs, writes a
 * {@code float[]} gradient (mean reduction) and returns the loss, summed in double as PyTorch sums a
 * float tensor. The baseline a FLOAT32 catalogue loss is measured against; same formulas, same
 * branch-free choices, same fixed chunks as the double versions.
 */
final class HandLosses32 {
    private HandLosses32() {
    }

    private static final ThreadLocal<double[][]> SCRATCH =
            ThreadLocal.withInitial(() -> new double[2][HandLosses.BLOCK]);

    static double mseSerial(float[] p, float[] t, float[] g) {
        return mseChunk(p, t, g, 2.0f / p.length, 0, p.length) / p.length;
    }

    static double mseParallel(float[] p, float[] t, float[] g) {
        float scale = 2.0f / p.length;
        return Parallel.sumChunks(p.length, Parallel.DEFAULT_CHUNK, (c, from, to) -> mseChunk(p, t, g, scale, from, to))
                / p.length;
    }

    private static double mseChunk(float[] p, float[] t, float[] g, float scale, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            float d = p[i] - t[i];
            s += d * d;
            g[i] = scale * d;
        }
        return s;
    }

    static double huberSerial(float[] p, float[] t, float[] g, float delta) {
        return huberChunk(p, t, g, delta, 1.0f / p.length, 0, p.length) / p.length;
    }

    static double huberParallel(float[] p, float[] t, float[] g, float delta) {
        float scale = 1.0f / p.length;
        return Parallel.sumChunks(p.length, Parallel.DEFAULT_CHUNK,
                (c, from, to) -> huberChunk(p, t, g, delta, scale, from, to)) / p.length;
    }

    /**
     * Branch-free and vectorisable, as {@link HandLosses}: {@code m = min(|d|, delta)}, loss
     * {@code m·(|d| − m/2)}, gradient {@code clamp(d, −delta, delta)}.
     */
    private static double huberChunk(float[] p, float[] t, float[] g, float delta, float scale, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            float d = p[i] - t[i];
            float a = Math.abs(d);
            float m = Math.min(a, delta);
            s += m * (a - 0.5f * m);
            g[i] = scale * Math.max(-delta, Math.min(d, delta));
        }
        return s;
    }

    static double bceSerial(float[] x, float[] y, float[] g) {
        float scale = 1.0f / x.length;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            float xi = x[i];
            float e = (float) Math.exp(-Math.abs(xi));
            s += Math.max(xi, 0) - xi * y[i] + (float) Math.log1p(e);
            float sigmoid = Math.min(1, e + Math.max(Math.signum(xi), 0)) / (1 + e);
            g[i] = scale * (sigmoid - y[i]);
        }
        return s / x.length;
    }

    static double bceParallel(float[] x, float[] y, float[] g) {
        float scale = 1.0f / x.length;
        return Parallel.sumChunks(x.length, Parallel.DEFAULT_CHUNK, (c, from, to) -> bceChunk(x, y, g, scale, from, to))
                / x.length;
    }

    /** exp and log1p through VectorMath's double kernels in L1-sized blocks, the formula in float. */
    private static double bceChunk(float[] x, float[] y, float[] g, float scale, int from, int to) {
        double[][] scratch = SCRATCH.get();
        double[] e = scratch[0];
        double[] l = scratch[1];
        double s = 0;
        for (int b = from; b < to; b += HandLosses.BLOCK) {
            int len = Math.min(HandLosses.BLOCK, to - b);
            for (int j = 0; j < len; j++) {
                e[j] = -Math.abs(x[b + j]);
            }
            VectorMath.exp(e, 0, e, 0, len);
            VectorMath.log1p(e, 0, l, 0, len);
            for (int j = 0; j < len; j++) {
                float xi = x[b + j];
                float ej = (float) e[j];
                s += Math.max(xi, 0) - xi * y[b + j] + (float) l[j];
                // σ(x) = (x ≥ 0 ? 1 : e) / (1 + e) without a float conditional (C2 makes it a jump)
                float sigmoid = Math.min(1, ej + Math.max(Math.signum(xi), 0)) / (1 + ej);
                g[b + j] = scale * (sigmoid - y[b + j]);
            }
        }
        return s;
    }

    /**
     * Cross-entropy over rows of float logits {@code [rows, classes]}, mean over rows, float gradient
     * {@code (softmax − onehot) / rows}: each row widened into a per-thread double row, its
     * exponentials through {@code VectorMath}, the loss summed in double; rows in
     * {@code Parallel}'s chunks, as {@link HandLosses#crossEntropyParallel}.
     */
    static double crossEntropyParallel(float[] logits, int[] target, float[] g, int rows, int classes) {
        double scale = 1.0 / rows;
        return Parallel.sumRows(rows, classes, (ch, from, to) -> {
            double[] e = ROW.get();
            if (e.length < classes) {
                e = new double[classes];
                ROW.set(e);
            }
            double s = 0;
            for (int r = from; r < to; r++) {
                int o = r * classes;
                double m = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    m = Math.max(m, logits[o + c]);
                }
                for (int c = 0; c < classes; c++) {
                    e[c] = logits[o + c] - m;
                }
                VectorMath.exp(e, 0, e, 0, classes);
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += e[c];
                }
                int y = target[r];
                s += m + Math.log(sum) - logits[o + y];
                double k = scale / sum;
                for (int c = 0; c < classes; c++) {
                    g[o + c] = (float) (e[c] * k);
                }
                g[o + y] = (float) (e[y] * k - scale);
            }
            return s;
        }) / rows;
    }

    private static final ThreadLocal<double[]> ROW = ThreadLocal.withInitial(() -> new double[0]);
}
