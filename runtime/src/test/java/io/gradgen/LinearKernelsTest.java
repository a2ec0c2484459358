package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Tensor#linear}'s Vector API kernels against the scalar ones, on shapes that exercise every
 * block and tail. Runs in both surefire executions; the comparisons need the vector path, and
 * {@code gradgen.expectVector} makes sure it is active in the execution that has the module.
 */
class LinearKernelsTest {

    /** {@code {n, in, out}}: the MNIST step, and odd sizes for every row, output and column tail. */
    private static final int[][] SHAPES = {
        {64, 784, 10}, {1, 8, 1}, {4, 16, 2}, {5, 17, 3}, {7, 37, 5}, {3, 100, 7}, {9, 9, 9}, {2, 64, 1},
        {13, 250, 4}, {6, 33, 11},
    };

    /** Differences allowed, relative to the sum of the terms' magnitudes (summation order and FMA). */
    private static final double TOLERANCE = 1e-14;

    private static double[] random(Random rng, int length) {
        double[] a = new double[length];
        for (int i = 0; i < length; i++) {
            a[i] = rng.nextGaussian();
        }
        return a;
    }

    /** Random operands of a product of shape {@code {n, in, out}}: x, w, b and an upstream gradient g. */
    private static final class Operands {
        final int n;
        final int in;
        final int out;
        final String where;
        final double[] x;
        final double[] w;
        final double[] b;
        final double[] g;

        Operands(Random rng, int[] shape) {
            n = shape[0];
            in = shape[1];
            out = shape[2];
            where = Arrays.toString(shape);
            x = random(rng, n * in);
            w = random(rng, out * in);
            b = random(rng, out);
            g = random(rng, n * out);
        }
    }

    private static double[] abs(double[] a) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.abs(r[i]);
        }
        return r;
    }

    private static void assertClose(double[] expected, double[] actual, double[] scale, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double allowed = TOLERANCE * scale[i] + Double.MIN_NORMAL;
            assertTrue(Math.abs(expected[i] - actual[i]) <= allowed,
                    what + " at " + i + ": scalar " + expected[i] + ", vector " + actual[i] + ", allowed " + allowed);
        }
    }

    @Test
    void vectorPathIsActiveExactlyWhenExpected() {
        boolean expectVector = Boolean.getBoolean("gradgen.expectVector");
        assertEquals(expectVector, Linalg.VECTOR_LINEAR != null);
    }

    @Test
    void vectorKernelsMatchScalarKernels() {
        LinearKernels vector = Linalg.VECTOR_LINEAR;
        assumeTrue(vector != null, "needs --add-modules jdk.incubator.vector");
        Random rng = new Random(11);
        for (int[] shape : SHAPES) {
            Operands c = new Operands(rng, shape);
            int n = c.n;
            int in = c.in;
            int out = c.out;
            String where = c.where;
            double[] x = c.x;
            double[] w = c.w;
            double[] b = c.b;
            double[] g = c.g;

            double[] yScalar = new double[n * out];
            double[] yVector = new double[n * out];
            double[] yScale = new double[n * out];
            Linalg.linearForwardScalar(x, w, b, yScalar, 0, n, in, out);
            vector.forward(x, w, b, yVector, 0, n, in, out);
            Linalg.linearForwardScalar(abs(x), abs(w), abs(b), yScale, 0, n, in, out);
            assertClose(yScalar, yVector, yScale, "forward " + where);

            double[] yNoBias = new double[n * out];
            double[] yNoBiasScalar = new double[n * out];
            vector.forward(x, w, null, yNoBias, 0, n, in, out);
            Linalg.linearForwardScalar(x, w, null, yNoBiasScalar, 0, n, in, out);
            assertClose(yNoBiasScalar, yNoBias, yScale, "forward without bias " + where);

            double[] dw0 = random(rng, out * in);
            double[] dwScalar = dw0.clone();
            double[] dwVector = dw0.clone();
            double[] dwScale = abs(dw0);
            Linalg.linearWeightGradScalar(g, x, dwScalar, n, in, out, 0, in);
            vector.weightGrad(g, x, dwVector, n, in, out, 0, in);
            Linalg.linearWeightGradScalar(abs(g), abs(x), dwScale, n, in, out, 0, in);
            assertClose(dwScalar, dwVector, dwScale, "weight gradient " + where);

            double[] dx0 = random(rng, n * in);
            double[] dxScalar = dx0.clone();
            double[] dxVector = dx0.clone();
            double[] dxScale = abs(dx0);
            Linalg.linearInputGradScalar(g, w, dxScalar, 0, n, in, out);
            vector.inputGrad(g, w, dxVector, 0, n, in, out);
            Linalg.linearInputGradScalar(abs(g), abs(w), dxScale, 0, n, in, out);
            assertClose(dxScalar, dxVector, dxScale, "input gradient " + where);
        }
    }

    @Test
    void vectorKernelsAreDeterministicAndIndependentOfBatchPosition() {
        LinearKernels vector = Linalg.VECTOR_LINEAR;
        assumeTrue(vector != null, "needs --add-modules jdk.incubator.vector");
        Random rng = new Random(12);
        int n = 11;
        int in = 83;
        int out = 5;
        double[] x = random(rng, n * in);
        double[] w = random(rng, out * in);
        double[] b = random(rng, out);
        double[] g = random(rng, n * out);
        double[] y = new double[n * out];
        vector.forward(x, w, b, y, 0, n, in, out);
        double[] dw = new double[out * in];
        vector.weightGrad(g, x, dw, n, in, out, 0, in);
        double[] dx = new double[n * in];
        vector.inputGrad(g, w, dx, 0, n, in, out);
        // many repetitions, so the later ones run C2-compiled code
        for (int rep = 0; rep < 2000; rep++) {
            double[] y2 = new double[n * out];
            vector.forward(x, w, b, y2, 0, n, in, out);
            assertArrayEquals(y, y2);
            double[] dw2 = new double[out * in];
            vector.weightGrad(g, x, dw2, n, in, out, 0, in);
            assertArrayEquals(dw, dw2);
            double[] dx2 = new double[n * in];
            vector.inputGrad(g, w, dx2, 0, n, in, out);
            assertArrayEquals(dx, dx2);
        }
        // a row computed alone (the single-row tail) gives the same bits as inside a 4-row block
        for (int i = 0; i < n; i++) {
            double[] row = Arrays.copyOfRange(x, i * in, (i + 1) * in);
            double[] yRow = new double[out];
            vector.forward(row, w, b, yRow, 0, 1, in, out);
            assertArrayEquals(Arrays.copyOfRange(y, i * out, (i + 1) * out), yRow, "row " + i);
            double[] dxRow = new double[in];
            vector.inputGrad(Arrays.copyOfRange(g, i * out, (i + 1) * out), w, dxRow, 0, 1, in, out);
            assertArrayEquals(Arrays.copyOfRange(dx, i * in, (i + 1) * in), dxRow, "row " + i);
        }
    }

    /**
     * On whichever path is active: the kernels called on ranges (as the helper threads get them,
     * cut anywhere, also inside a vector strip) give the bits of one call over everything, and
     * {@link Linalg}'s entry points, which share large products out, give them too.
     */
    @Test
    void rangesAndThreadsGiveTheBitsOfOneCall() {
        Random rng = new Random(14);
        for (int[] shape : new int[][] {{64, 784, 10}, {301, 97, 13}, {9, 40, 3}}) {
            Operands c = new Operands(rng, shape);
            int n = c.n;
            int in = c.in;
            double[] dw0 = random(rng, c.out * in);
            double[] dx0 = random(rng, n * in);

            double[] y = new double[n * c.out];
            Linalg.forwardRows(c.x, c.w, c.b, y, 0, n, in, c.out);
            double[] dw = dw0.clone();
            Linalg.weightGradColumns(c.g, c.x, dw, n, in, c.out, 0, in);
            double[] dx = dx0.clone();
            Linalg.inputGradRows(c.g, c.w, dx, 0, n, in, c.out);

            double[] yParts = new double[n * c.out];
            double[] dwParts = dw0.clone();
            double[] dxParts = dx0.clone();
            for (int from = 0; from < n; from += 3) {
                Linalg.forwardRows(c.x, c.w, c.b, yParts, from, Math.min(n, from + 3), in, c.out);
                Linalg.inputGradRows(c.g, c.w, dxParts, from, Math.min(n, from + 3), in, c.out);
            }
            for (int from = 0; from < in; from += 13) {
                Linalg.weightGradColumns(c.g, c.x, dwParts, n, in, c.out, from, Math.min(in, from + 13));
            }
            assertArrayEquals(y, yParts, "forward " + c.where);
            assertArrayEquals(dw, dwParts, "weight gradient " + c.where);
            assertArrayEquals(dx, dxParts, "input gradient " + c.where);

            double[] yShared = new double[n * c.out];
            Linalg.linearForward(c.x, c.w, c.b, yShared, n, in, c.out, true);
            double[] dwShared = dw0.clone();
            Linalg.linearWeightGrad(c.g, c.x, dwShared, n, in, c.out, true);
            double[] dxShared = dx0.clone();
            Linalg.linearInputGrad(c.g, c.w, dxShared, n, in, c.out, true);
            assertArrayEquals(y, yShared, "shared forward " + c.where);
            assertArrayEquals(dw, dwShared, "shared weight gradient " + c.where);
            assertArrayEquals(dx, dxShared, "shared input gradient " + c.where);
        }
    }

    /** On whichever path is active: linear's gradients equal the composed matmul's, for a wide input. */
    @Test
    void wideLinearMatchesComposedMatmul() {
        Random rng = new Random(13);
        for (int[] shape : SHAPES) {
            int n = shape[0];
            int in = shape[1];
            int out = shape[2];
            Tensor x = Tensor.randn(rng, n, in).requiresGrad(true);
            Tensor w = Tensor.randn(rng, out, in).requiresGrad(true);
            Tensor b = Tensor.randn(rng, out).requiresGrad(true);
            Tensor upstream = Tensor.randn(rng, n, out);
            x.linear(w, b).mul(upstream).sum().backward();
            double[] gx = x.grad().toArray();
            double[] gw = w.grad().toArray();
            double[] gb = b.grad().toArray();
            double[] y = x.linear(w, b).toArray();

            Tensor x2 = Tensor.of(x.toArray(), n, in).requiresGrad(true);
            Tensor w2 = Tensor.of(w.toArray(), out, in).requiresGrad(true);
            Tensor b2 = Tensor.of(b.toArray(), out).requiresGrad(true);
            Tensor y2 = x2.matmul(w2.t()).add(b2);
            y2.mul(upstream).sum().backward();
            String where = Arrays.toString(shape);
            assertArrayEquals(y2.toArray(), y, 1e-12 * in, "forward " + where);
            assertArrayEquals(x2.grad().toArray(), gx, 1e-12 * out, "input gradient " + where);
            assertArrayEquals(w2.grad().toArray(), gw, 1e-12 * n, "weight gradient " + where);
            assertArrayEquals(b2.grad().toArray(), gb, 1e-12 * n, "bias gradient " + where);
        }
    }
}
