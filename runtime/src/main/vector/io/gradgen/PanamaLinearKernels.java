package io.gradgen;

import io.gradgen.kernels.Scratch;
import io.gradgen.kernels.VectorShapes;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API path of {@link Tensor#linear}'s kernels (see {@link LinearKernels}). Loaded
 * reflectively by {@link Linalg}, and only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <p>The vector loops sit directly in the kernel methods, with no helper taking or returning a
 * {@link DoubleVector}: C2 inlines hot methods only up to 325 bytes of bytecode, and a Vector API
 * helper that is not inlined boxes its vectors and runs slower than scalar code. Register blocks
 * (4 rows by 2 outputs, 4 rows by 2 vectors) give eight independent accumulators, enough to hide
 * the FMA latency, and let each loaded vector feed several of them.
 *
 * <p>Every output element is computed by the same sequence of operations wherever it falls in the
 * blocking: in {@link #forward}, {@code fma} along its row into one accumulator whose lanes are
 * then added in lane order, then the scalar tail with {@link Math#fma}; in the gradients, {@code fma} over the
 * summed index in order, starting from the value already there. So results are deterministic for a
 * given vector width, in the interpreter and in compiled code alike.
 */
final class PanamaLinearKernels implements LinearKernels {

    private static final VectorSpecies<Double> SPECIES = VectorShapes.doubles();
    private static final int LANES = SPECIES.length();

    /** The {@link Scratch} slot of {@link #forward}'s stored lanes (next to {@link Linalg}'s slots 24–29). */
    private static final int LANES_SLOT = 30;

    PanamaLinearKernels() {
        VectorShapes.probe(SPECIES);
    }

    @Override
    public int minIn() {
        return LANES;
    }

    @Override
    public void forward(double[] x, double[] w, double[] b, double[] y, int rowFrom, int rowTo, int in, int out) {
        // y[i, o] = (lane sum of one fma accumulator along the whole row) + the scalar tail + the
        // bias: the same sequence for every element. The rows are not cut into column blocks: a
        // block's lane sums cost more than the L1 reuse saved (Linear(784, 10) at batch 64 ran 20
        // instead of 16.5 GMAC/s unblocked, Linear(1024, 256) 23 instead of 5.3).
        int bound = SPECIES.loopBound(in);
        // the accumulators' lanes, stored and then added by a scalar loop: cheaper than LANES calls
        // of lane(l), and no vector crosses a method boundary (see the class comment)
        double[] lanes = Scratch.get(LANES_SLOT, 8 * LANES);
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
                DoubleVector s00 = DoubleVector.zero(SPECIES);
                DoubleVector s01 = s00;
                DoubleVector s10 = s00;
                DoubleVector s11 = s00;
                DoubleVector s20 = s00;
                DoubleVector s21 = s00;
                DoubleVector s30 = s00;
                DoubleVector s31 = s00;
                for (int p = 0; p < bound; p += LANES) {
                    DoubleVector b0 = DoubleVector.fromArray(SPECIES, w, w0 + p);
                    DoubleVector b1 = DoubleVector.fromArray(SPECIES, w, w1 + p);
                    DoubleVector a0 = DoubleVector.fromArray(SPECIES, x, x0 + p);
                    DoubleVector a1 = DoubleVector.fromArray(SPECIES, x, x1 + p);
                    DoubleVector a2 = DoubleVector.fromArray(SPECIES, x, x2 + p);
                    DoubleVector a3 = DoubleVector.fromArray(SPECIES, x, x3 + p);
                    s00 = a0.fma(b0, s00);
                    s01 = a0.fma(b1, s01);
                    s10 = a1.fma(b0, s10);
                    s11 = a1.fma(b1, s11);
                    s20 = a2.fma(b0, s20);
                    s21 = a2.fma(b1, s21);
                    s30 = a3.fma(b0, s30);
                    s31 = a3.fma(b1, s31);
                }
                s00.intoArray(lanes, 0);
                s01.intoArray(lanes, LANES);
                s10.intoArray(lanes, 2 * LANES);
                s11.intoArray(lanes, 3 * LANES);
                s20.intoArray(lanes, 4 * LANES);
                s21.intoArray(lanes, 5 * LANES);
                s30.intoArray(lanes, 6 * LANES);
                s31.intoArray(lanes, 7 * LANES);
                int y0 = i * out + o;
                y[y0] = laneSum(lanes, 0);
                y[y0 + 1] = laneSum(lanes, LANES);
                y0 += out;
                y[y0] = laneSum(lanes, 2 * LANES);
                y[y0 + 1] = laneSum(lanes, 3 * LANES);
                y0 += out;
                y[y0] = laneSum(lanes, 4 * LANES);
                y[y0 + 1] = laneSum(lanes, 5 * LANES);
                y0 += out;
                y[y0] = laneSum(lanes, 6 * LANES);
                y[y0 + 1] = laneSum(lanes, 7 * LANES);
            }
            for (; o < out; o++) {
                int w0 = o * in;
                DoubleVector s0 = DoubleVector.zero(SPECIES);
                DoubleVector s1 = s0;
                DoubleVector s2 = s0;
                DoubleVector s3 = s0;
                for (int p = 0; p < bound; p += LANES) {
                    DoubleVector b0 = DoubleVector.fromArray(SPECIES, w, w0 + p);
                    s0 = DoubleVector.fromArray(SPECIES, x, x0 + p).fma(b0, s0);
                    s1 = DoubleVector.fromArray(SPECIES, x, x1 + p).fma(b0, s1);
                    s2 = DoubleVector.fromArray(SPECIES, x, x2 + p).fma(b0, s2);
                    s3 = DoubleVector.fromArray(SPECIES, x, x3 + p).fma(b0, s3);
                }
                s0.intoArray(lanes, 0);
                s1.intoArray(lanes, LANES);
                s2.intoArray(lanes, 2 * LANES);
                s3.intoArray(lanes, 3 * LANES);
                int y0 = i * out + o;
                y[y0] = laneSum(lanes, 0);
                y[y0 + out] = laneSum(lanes, LANES);
                y[y0 + 2 * out] = laneSum(lanes, 2 * LANES);
                y[y0 + 3 * out] = laneSum(lanes, 3 * LANES);
            }
        }
        for (; i < rowTo; i++) {
            int x0 = i * in;
            for (int o = 0; o < out; o++) {
                int w0 = o * in;
                DoubleVector s = DoubleVector.zero(SPECIES);
                for (int p = 0; p < bound; p += LANES) {
                    s = DoubleVector.fromArray(SPECIES, x, x0 + p).fma(DoubleVector.fromArray(SPECIES, w, w0 + p), s);
                }
                s.intoArray(lanes, 0);
                y[i * out + o] = laneSum(lanes, 0);
            }
        }
        for (i = rowFrom; i < rowTo; i++) {
            for (int o = 0; o < out; o++) {
                double c = b == null ? 0.0 : b[o];
                y[i * out + o] = dotTail(y[i * out + o], x, i * in, w, o * in, bound, in) + c;
            }
        }
    }

    /** {@code s} plus the scalar tail {@code from <= p < in} of a row dot product, in order. */
    private static double dotTail(double s, double[] x, int xRow, double[] w, int wRow, int from, int in) {
        for (int p = from; p < in; p++) {
            s = Math.fma(x[xRow + p], w[wRow + p], s);
        }
        return s;
    }

    @Override
    public void weightGrad(double[] g, double[] x, double[] dw, int n, int in, int out, int colFrom, int colTo) {
        // dw[o, p] += Σ_i g[i, o]·x[i, p]: rows o of dw, summed over i, g read with stride out
        accumulate(g, 1, out, x, dw, 0, out, n, in, colFrom, colTo);
    }

    @Override
    public void inputGrad(double[] g, double[] w, double[] dx, int rowFrom, int rowTo, int in, int out) {
        // dx[i, p] += Σ_o g[i, o]·w[o, p]: rows i of dx, summed over o, g read along its rows
        accumulate(g, out, 1, w, dx, rowFrom, rowTo, out, in, 0, in);
    }

    /**
     * {@code c[r, p] += Σ_k a[r·aRow + k·aK]·b[k, p]} for {@code rowFrom <= r < rowTo},
     * {@code k < kCount}, {@code colFrom <= p < colTo}, with {@code b} and {@code c} row-major with
     * {@code cols} columns. Outer loop over column strips, so a strip of {@code b} stays in L1 while
     * every row block of {@code c} is accumulated in registers over all of {@code k}. Each element
     * is the same chain of fused multiply-adds over {@code k} whichever strip or range it falls in
     * (a vector lane's {@code fma} and {@link Math#fma} round alike).
     */
    private static void accumulate(double[] a, int aRow, int aK, double[] b, double[] c, int rowFrom, int rowTo,
            int kCount, int cols, int colFrom, int colTo) {
        int p = colFrom;
        for (; p + 2 * LANES <= colTo; p += 2 * LANES) {
            int r = rowFrom;
            for (; r + 4 <= rowTo; r += 4) {
                int c0 = r * cols + p;
                int c1 = c0 + cols;
                int c2 = c1 + cols;
                int c3 = c2 + cols;
                DoubleVector s00 = DoubleVector.fromArray(SPECIES, c, c0);
                DoubleVector s01 = DoubleVector.fromArray(SPECIES, c, c0 + LANES);
                DoubleVector s10 = DoubleVector.fromArray(SPECIES, c, c1);
                DoubleVector s11 = DoubleVector.fromArray(SPECIES, c, c1 + LANES);
                DoubleVector s20 = DoubleVector.fromArray(SPECIES, c, c2);
                DoubleVector s21 = DoubleVector.fromArray(SPECIES, c, c2 + LANES);
                DoubleVector s30 = DoubleVector.fromArray(SPECIES, c, c3);
                DoubleVector s31 = DoubleVector.fromArray(SPECIES, c, c3 + LANES);
                int a0 = r * aRow;
                int a1 = a0 + aRow;
                int a2 = a1 + aRow;
                int a3 = a2 + aRow;
                for (int k = 0; k < kCount; k++) {
                    int bk = k * cols + p;
                    DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bk);
                    DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bk + LANES);
                    int ak = k * aK;
                    DoubleVector g0 = DoubleVector.broadcast(SPECIES, a[a0 + ak]);
                    DoubleVector g1 = DoubleVector.broadcast(SPECIES, a[a1 + ak]);
                    DoubleVector g2 = DoubleVector.broadcast(SPECIES, a[a2 + ak]);
                    DoubleVector g3 = DoubleVector.broadcast(SPECIES, a[a3 + ak]);
                    s00 = g0.fma(b0, s00);
                    s01 = g0.fma(b1, s01);
                    s10 = g1.fma(b0, s10);
                    s11 = g1.fma(b1, s11);
                    s20 = g2.fma(b0, s20);
                    s21 = g2.fma(b1, s21);
                    s30 = g3.fma(b0, s30);
                    s31 = g3.fma(b1, s31);
                }
                s00.intoArray(c, c0);
                s01.intoArray(c, c0 + LANES);
                s10.intoArray(c, c1);
                s11.intoArray(c, c1 + LANES);
                s20.intoArray(c, c2);
                s21.intoArray(c, c2 + LANES);
                s30.intoArray(c, c3);
                s31.intoArray(c, c3 + LANES);
            }
            for (; r < rowTo; r++) {
                int c0 = r * cols + p;
                DoubleVector s0 = DoubleVector.fromArray(SPECIES, c, c0);
                DoubleVector s1 = DoubleVector.fromArray(SPECIES, c, c0 + LANES);
                int a0 = r * aRow;
                for (int k = 0; k < kCount; k++) {
                    int bk = k * cols + p;
                    DoubleVector g0 = DoubleVector.broadcast(SPECIES, a[a0 + k * aK]);
                    s0 = g0.fma(DoubleVector.fromArray(SPECIES, b, bk), s0);
                    s1 = g0.fma(DoubleVector.fromArray(SPECIES, b, bk + LANES), s1);
                }
                s0.intoArray(c, c0);
                s1.intoArray(c, c0 + LANES);
            }
        }
        for (; p + LANES <= colTo; p += LANES) {
            for (int r = rowFrom; r < rowTo; r++) {
                int c0 = r * cols + p;
                DoubleVector s = DoubleVector.fromArray(SPECIES, c, c0);
                int a0 = r * aRow;
                for (int k = 0; k < kCount; k++) {
                    s = DoubleVector.broadcast(SPECIES, a[a0 + k * aK]).fma(DoubleVector.fromArray(SPECIES, b, k * cols + p),
                            s);
                }
                s.intoArray(c, c0);
            }
        }
        for (; p < colTo; p++) {
            for (int r = rowFrom; r < rowTo; r++) {
                int a0 = r * aRow;
                double s = c[r * cols + p];
                for (int k = 0; k < kCount; k++) {
                    s = Math.fma(a[a0 + k * aK], b[k * cols + p], s);
                }
                c[r * cols + p] = s;
            }
        }
    }

    /**
     * The {@code LANES} values stored from one accumulator at {@code from}, added in lane order.
     * {@code reduceLanes(ADD)} leaves the order of a floating-point sum unspecified, and it did
     * differ between the interpreter and C2 on JDK 25, so the same inputs gave results one ulp
     * apart from one call to the next.
     */
    private static double laneSum(double[] lanes, int from) {
        double s = 0.0;
        for (int l = from; l < from + LANES; l++) {
            s += lanes[l];
        }
        return s;
    }
}
