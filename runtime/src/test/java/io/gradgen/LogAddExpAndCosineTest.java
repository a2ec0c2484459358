package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Functions#logAddExp} and {@link Functions#cosine}; logAddExp's accuracy against mpmath is
 * checked in {@link SpecialFunctionsReferenceTest}.
 */
class LogAddExpAndCosineTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void logAddExpIsStableAtTheExtremes() {
        assertEquals(1000 + Math.log(2), Functions.logAddExp(1000, 1000));
        assertEquals(-1000 + Math.log(2), Functions.logAddExp(-1000, -1000));
        assertEquals(1000.0, Functions.logAddExp(1000, -1000));
        assertEquals(1000.0, Functions.logAddExp(-1000, 1000));
        assertEquals(1000 + Math.log1p(Math.exp(-1)), Functions.logAddExp(999, 1000));
        assertEquals(Double.MAX_VALUE, Functions.logAddExp(Double.MAX_VALUE, 0));
    }

    @Test
    void logAddExpFollowsNumpyAtInfinitiesAndNaN() {
        assertEquals(Double.NEGATIVE_INFINITY, Functions.logAddExp(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertEquals(INF, Functions.logAddExp(INF, INF));
        assertEquals(INF, Functions.logAddExp(INF, Double.NEGATIVE_INFINITY));
        assertEquals(INF, Functions.logAddExp(Double.NEGATIVE_INFINITY, INF));
        assertEquals(INF, Functions.logAddExp(INF, 3));
        assertTrue(Double.isNaN(Functions.logAddExp(Double.NaN, 1)));
        assertTrue(Double.isNaN(Functions.logAddExp(1, Double.NaN)));
        assertTrue(Double.isNaN(Functions.logAddExp(INF, Double.NaN)));
        assertTrue(Double.isNaN(Functions.logAddExp(Double.NaN, Double.NEGATIVE_INFINITY)));
    }

    @Test
    void logAddExpStartsARunningLogSumExpFromMinusInfinity() {
        Random random = new Random(5);
        double[] row = new double[50];
        double running = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < row.length; i++) {
            row[i] = 40 * random.nextDouble() - 20;
            if (i == 0) {
                assertEquals(row[0], Functions.logAddExp(running, row[0]), "logAddExp(-inf, v) is v exactly");
            }
            running = Functions.logAddExp(running, row[i]);
        }
        assertEquals(Functions.logSumExp(row), running, 1e-14);
    }

    @Test
    void logAddExpIsSymmetric() {
        Random random = new Random(6);
        for (int i = 0; i < 10_000; i++) {
            double a = 200 * random.nextDouble() - 100;
            double b = i % 2 == 0 ? 200 * random.nextDouble() - 100 : a + 1e-3 * random.nextGaussian();
            assertEquals(Functions.logAddExp(a, b), Functions.logAddExp(b, a), "at " + a + ", " + b);
        }
    }

    /** cosine(a, b) in 60-digit decimal arithmetic, clamping each norm to 1e-8 as PyTorch. */
    private static double directCosine(double[] a, double[] b) {
        MathContext mc = new MathContext(60);
        BigDecimal ab = BigDecimal.ZERO;
        BigDecimal aa = BigDecimal.ZERO;
        BigDecimal bb = BigDecimal.ZERO;
        for (int i = 0; i < a.length; i++) {
            BigDecimal x = new BigDecimal(a[i]);
            BigDecimal y = new BigDecimal(b[i]);
            ab = ab.add(x.multiply(y));
            aa = aa.add(x.multiply(x));
            bb = bb.add(y.multiply(y));
        }
        BigDecimal eps = new BigDecimal(Functions.COSINE_EPS);
        BigDecimal na = aa.sqrt(mc).max(eps);
        BigDecimal nb = bb.sqrt(mc).max(eps);
        return ab.divide(na.multiply(nb), mc).doubleValue();
    }

    /** Σ|a b| / (‖a‖ ‖b‖) clamped as cosine, the conditioning of the dot product it divides. */
    private static double absoluteCosine(double[] a, double[] b) {
        double[] absA = new double[a.length];
        double[] absB = new double[b.length];
        for (int i = 0; i < a.length; i++) {
            absA[i] = Math.abs(a[i]);
            absB[i] = Math.abs(b[i]);
        }
        return directCosine(absA, absB);
    }

    private static void assertCosine(double[] a, double[] b) {
        double expected = directCosine(a, b);
        double actual = Functions.cosine(a, b);
        // the dot product's rounding, (n + 2) units of 2^-53 of Σ|ab| / (‖a‖ ‖b‖), plus the final ulps
        double tolerance = (a.length + 2) * 0x1p-53 * absoluteCosine(a, b) + 2 * Math.ulp(expected);
        assertEquals(expected, actual, tolerance, "length " + a.length);
    }

    @Test
    void cosineMatchesADirectHighPrecisionComputation() {
        Random random = new Random(7);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(64);
            double scale = Math.pow(10, -12 + 24 * random.nextDouble());
            double[] a = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = scale * random.nextGaussian();
                b[i] = (trial % 2 == 0 ? scale : 1) * random.nextGaussian();
            }
            assertCosine(a, b);
        }
    }

    @Test
    void cosineOfParallelOrthogonalAndOppositeRows() {
        double[] a = {1, 2, 3};
        assertEquals(1.0, Functions.cosine(a, a));
        assertEquals(1.0, Functions.cosine(new double[] {1, 1, 1}, new double[] {1, 1, 1}));
        assertEquals(-1.0, Functions.cosine(a, new double[] {-2, -4, -6}));
        assertEquals(0.0, Functions.cosine(new double[] {1, 0}, new double[] {0, 5}));
        assertEquals(0.0, Functions.cosine(new double[0], new double[0]), "empty rows");
    }

    @Test
    void cosineClampsEachNormToEps() {
        // a zero row gives 0, not NaN
        assertEquals(0.0, Functions.cosine(new double[] {0, 0}, new double[] {1, 2}));
        // ‖a‖ = 5e-9 < eps: Σab / (eps ‖b‖) = 4e-9 / (1e-8 · 1) = 0.4, not 0.8
        assertEquals(0.4, Functions.cosine(new double[] {3e-9, 4e-9}, new double[] {0, 1}), 1e-15);
        // both below eps: Σab / eps² (the product of norms 2.5e-17 clamped to eps would give 1)
        assertEquals(0.25, Functions.cosine(new double[] {5e-9, 0}, new double[] {5e-9, 0}), 1e-15);
        assertCosine(new double[] {3e-300, 4e-300}, new double[] {1e-10, 2e-10});
        assertCosine(new double[] {3e-170, -4e-170, 1e-171}, new double[] {1e-160, 2e-170, 7e-165});
    }

    @Test
    void cosineNeitherOverflowsNorUnderflows() {
        double[] huge = {1e200, 1e200};
        assertEquals(Math.sqrt(0.5), Functions.cosine(huge, new double[] {1e200, 0}), 2 * Math.ulp(0.7));
        // normalised first, as PyTorch: each element divided by a rounded norm, so a few ulps off 1
        double[] nearMax = {1e300, 1e300};
        assertEquals(1.0, Functions.cosine(nearMax, nearMax), 4 * Math.ulp(0.9));
        assertCosine(new double[] {1e-160, 3e-160}, new double[] {2e-160, 1e-160});
        assertCosine(new double[] {1e160, 3e160, -2e159}, new double[] {2e-100, 1e-100, 5e-101});
    }

    @Test
    void cosinePropagatesNaN() {
        assertTrue(Double.isNaN(Functions.cosine(new double[] {1, Double.NaN}, new double[] {1, 2})));
        assertTrue(Double.isNaN(Functions.cosine(new double[] {1, 2}, new double[] {Double.NaN, 2})));
    }

    @Test
    void cosineRejectsLengthMismatchNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functions.cosine(new double[3], new double[4]));
        assertEquals("cosine: the rows have different lengths, 3 and 4; cosine similarity needs rows of one length",
                e.getMessage());
        assertThrows(NullPointerException.class, () -> Functions.cosine(null, new double[1]));
    }
}
