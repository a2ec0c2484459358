package io.gradgen.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath#dot} and {@link VectorMath#axpy}, which batch losses' similarities and gradient
 * rows are made of, against exact arithmetic; run on both paths like {@link VectorMathTest}.
 */
class InnerProductKernelsTest {

    private static double[] gaussian(Random rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(7) - 3);
        }
        return x;
    }

    @Test
    void dotIsWithinTheSummationBoundOfTheExactInnerProduct() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 400; trial++) {
            int length = rng.nextInt(300);
            int aOffset = rng.nextInt(9);
            int bOffset = rng.nextInt(9);
            double[] a = gaussian(rng, aOffset + length + rng.nextInt(5));
            double[] b = gaussian(rng, bOffset + length + rng.nextInt(5));
            BigDecimal exact = BigDecimal.ZERO;
            double magnitude = 0;
            for (int i = 0; i < length; i++) {
                exact = exact.add(new BigDecimal(a[aOffset + i]).multiply(new BigDecimal(b[bOffset + i])));
                magnitude += Math.abs(a[aOffset + i] * b[bOffset + i]);
            }
            double got = VectorMath.dot(a, aOffset, b, bOffset, length);
            // any order of n additions errs by at most (n + 1)·u·Σ|a·b| (Higham, Theorem 3.1)
            double bound = (length + 1) * 0x1p-53 * magnitude + Double.MIN_VALUE;
            double error = Math.abs(exact.subtract(new BigDecimal(got), MathContext.DECIMAL128).doubleValue());
            assertTrue(error <= bound, () -> "length " + length + ": error " + error + " > " + bound);
            assertEquals(Double.doubleToRawLongBits(got),
                    Double.doubleToRawLongBits(VectorMath.dot(a, aOffset, b, bOffset, length)), "same call, same bits");
        }
    }

    @Test
    void theScalarPathIsPlainJava() {
        Random rng = new Random(12);
        double[] a = gaussian(rng, 257);
        double[] b = gaussian(rng, 257);
        double sequential = 0;
        for (int i = 0; i < a.length; i++) {
            sequential += a[i] * b[i];
        }
        double got = VectorMath.dot(a, 0, b, 0, a.length);
        if (!VectorMath.isVectorized()) {
            assertEquals(Double.doubleToRawLongBits(sequential), Double.doubleToRawLongBits(got));
        }
        assertEquals(0.0, VectorMath.dot(a, 3, b, 3, 0));
    }

    @Test
    void axpyUpdatesEachElementOnItsOwn() {
        Random rng = new Random(13);
        for (int trial = 0; trial < 100; trial++) {
            int length = rng.nextInt(100);
            int xOffset = rng.nextInt(7);
            int yOffset = rng.nextInt(7);
            double alpha = rng.nextGaussian();
            double[] x = gaussian(rng, xOffset + length);
            double[] y = gaussian(rng, yOffset + length + 3);
            double[] before = y.clone();
            VectorMath.axpy(alpha, x, xOffset, y, yOffset, length);
            for (int i = 0; i < y.length; i++) {
                int k = i - yOffset;
                double expected = k < 0 || k >= length ? before[i]
                        : VectorMath.isVectorized() ? Math.fma(x[xOffset + k], alpha, before[i])
                        : before[i] + alpha * x[xOffset + k];
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(y[i]),
                        "element " + i + " of length " + length);
            }
        }
    }

    @Test
    void rangesAreChecked() {
        double[] a = new double[4];
        assertThrows(IndexOutOfBoundsException.class, () -> VectorMath.dot(a, 1, a, 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> VectorMath.axpy(1.0, a, 0, a, -1, 2));
        assertThrows(NullPointerException.class, () -> VectorMath.dot(null, 0, a, 0, 0));
    }
}
