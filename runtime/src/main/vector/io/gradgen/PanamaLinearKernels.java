package io.gradgen;

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
 * blocking: in {@link #forward}, per column block (sized from {@code out} only) {@code fma} along
 * its row into one accumulator whose lanes are then added in lane order, the blocks' sums added
 * in order, then the scalar tail with {@link Math#fma}; in the gradients, {@code fma} over the
 * summed index in order, starting from the value already there. So results are deterministic for a
 * given vector width, in the interpreter and in compiled code alike.
 */
final class PanamaLinearKernels implements LinearKernels {

    private static final VectorSpecies<Double> SPECIES = VectorShapes.doubles();
    private static final int LANES = SPECIES.length();

    PanamaLinearKernels() {
        VectorShapes.probe(SPECIES);
    }

    @Override
    public int minIn() {
        return LANES;
    }

    /** Bytes of weight rows per column block of {@link #forward}: they stay in L1 while x streams past. */
    private static final int FORWARD_BLOCK_BYTES = 24 * 1024;

    /**
     * Columns per block of {@link #forward} for {@code out} weight rows: a multiple of the vector
     * length that depends only on {@code out}, so the blocking never depends on the batch.
     */
    static int forwardBlock(int out) {
        int columns = FORWARD_BLOCK_BYTES / Double.BYTES / Math.max(1, out);
        return Math.max(4 * LANES, columns / LANES * LANES);
    }

    @Override
    public void forward(double[] x, double[] w, double[] b, double[] y, int n, int in, int out) {
        // Column blocks outermost: a block of every weight row stays in L1 while each 4-row block of
        // x is dotted with all of them. y[i, o] = (((0 + r_1) + r_2) + ...) over the blocks' lane
        // sums r_j, then the scalar tail, then the bias: the same sequence for every element.
        int bound = SPECIES.loopBound(in);
        // one store of a vector's lanes and a scalar loop: cheaper than LANES calls of lane(l)
        double[] lanes = new double[LANES];
        java.util.Arrays.fill(y, 0, n * out, 0.0);
        int block = forwardBlock(out);
        for (int from = 0; from < bound; from += block) {
            int to = Math.min(bound, from + block);
            int i = 0;
            for (; i + 4 <= n; i += 4) {
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
                    for (int p = from; p < to; p += LANES) {
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
                    int y0 = i * out + o;
                    y[y0] += laneSum(s00, lanes);
                    y[y0 + 1] += laneSum(s01, lanes);
                    y0 += out;
                    y[y0] += laneSum(s10, lanes);
                    y[y0 + 1] += laneSum(s11, lanes);
                    y0 += out;
                    y[y0] += laneSum(s20, lanes);
                    y[y0 + 1] += laneSum(s21, lanes);
                    y0 += out;
                    y[y0] += laneSum(s30, lanes);
                    y[y0 + 1] += laneSum(s31, lanes);
                }
                for (; o < out; o++) {
                    int w0 = o * in;
                    DoubleVector s0 = DoubleVector.zero(SPECIES);
                    DoubleVector s1 = s0;
                    DoubleVector s2 = s0;
                    DoubleVector s3 = s0;
                    for (int p = from; p < to; p += LANES) {
                        DoubleVector b0 = DoubleVector.fromArray(SPECIES, w, w0 + p);
                        s0 = DoubleVector.fromArray(SPECIES, x, x0 + p).fma(b0, s0);
                        s1 = DoubleVector.fromArray(SPECIES, x, x1 + p).fma(b0, s1);
                        s2 = DoubleVector.fromArray(SPECIES, x, x2 + p).fma(b0, s2);
                        s3 = DoubleVector.fromArray(SPECIES, x, x3 + p).fma(b0, s3);
                    }
                    int y0 = i * out + o;
                    y[y0] += laneSum(s0, lanes);
                    y[y0 + out] += laneSum(s1, lanes);
                    y[y0 + 2 * out] += laneSum(s2, lanes);
                    y[y0 + 3 * out] += laneSum(s3, lanes);
                }
            }
            for (; i < n; i++) {
                int x0 = i * in;
                for (int o = 0; o < out; o++) {
                    int w0 = o * in;
                    DoubleVector s = DoubleVector.zero(SPECIES);
                    for (int p = from; p < to; p += LANES) {
                        s = DoubleVector.fromArray(SPECIES, x, x0 + p).fma(DoubleVector.fromArray(SPECIES, w, w0 + p), s);
                    }
                    y[i * out + o] += laneSum(s, lanes);
                }
            }
        }
        for (int i = 0; i < n; i++) {
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
    public void weightGrad(double[] g, double[] x, double[] dw, int n, int in, int out) {
        // dw[o, p] += Σ_i g[i, o]·x[i, p]: rows o of dw, summed over i, g read with stride out
        accumulate(g, 1, out, x, dw, out, n, in);
    }

    @Override
    public void inputGrad(double[] g, double[] w, double[] dx, int n, int in, int out) {
        // dx[i, p] += Σ_o g[i, o]·w[o, p]: rows i of dx, summed over o, g read along its rows
        accumulate(g, out, 1, w, dx, n, out, in);
    }

    /**
     * {@code c[r, p] += Σ_k a[r·aRow + k·aK]·b[k, p]} for {@code r < rows}, {@code k < kCount},
     * {@code p < cols}, with {@code b} and {@code c} row-major with {@code cols} columns. Outer
     * loop over column strips, so a strip of {@code b} stays in L1 while every row block of
     * {@code c} is accumulated in registers over all of {@code k}.
     */
    private static void accumulate(double[] a, int aRow, int aK, double[] b, double[] c, int rows, int kCount,
            int cols) {
        int bound = SPECIES.loopBound(cols);
        int p = 0;
        for (; p + 2 * LANES <= bound; p += 2 * LANES) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
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
            for (; r < rows; r++) {
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
        for (; p < bound; p += LANES) {
            for (int r = 0; r < rows; r++) {
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
        for (; p < cols; p++) {
            for (int r = 0; r < rows; r++) {
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
     * The lanes' sum, added in lane order. {@code reduceLanes(ADD)} leaves the order of a
     * floating-point sum unspecified, and it did differ between the interpreter and C2 on JDK 25, so
     * the same inputs gave results one ulp apart from one call to the next.
     */
    private static double laneSum(DoubleVector v, double[] lanes) {
        v.intoArray(lanes, 0);
        double s = 0.0;
        for (int l = 0; l < LANES; l++) {
            s += lanes[l];
        }
        return s;
    }
}
