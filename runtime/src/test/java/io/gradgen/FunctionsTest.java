package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FunctionsTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void sq() {
        assertEquals(9, Functions.sq(-3));
    }

    @Test
    void sigmoidIsStableAtExtremes() {
        assertEquals(1.0, Functions.sigmoid(1000));
        assertEquals(0.0, Functions.sigmoid(-1000));
        assertEquals(0.5, Functions.sigmoid(0));
        assertEquals(1 / (1 + Math.exp(-2)), Functions.sigmoid(2), 1e-16);
        assertEquals(Math.exp(-2) / (1 + Math.exp(-2)), Functions.sigmoid(-2), 1e-16);
        // no catastrophic underflow to zero for moderately negative inputs
        assertEquals(Math.exp(-700), Functions.sigmoid(-700), Math.exp(-700) * 1e-12);
    }

    @Test
    void softplusIsStableAtExtremes() {
        assertEquals(1000.0, Functions.softplus(1000));
        assertEquals(0.0, Functions.softplus(-1000));
        assertFalse(Double.isNaN(Functions.softplus(-1000)));
        assertEquals(Math.log(2), Functions.softplus(0), 1e-16);
        assertEquals(Math.log1p(Math.exp(3)), Functions.softplus(3), 1e-15);
        assertEquals(Math.exp(-40), Functions.softplus(-40), Math.exp(-40) * 1e-12);
        assertEquals(21.0, Functions.softplus(21));
    }

    @Test
    void logSigmoidIsStableAtExtremes() {
        assertEquals(-1000.0, Functions.logSigmoid(-1000));
        assertEquals(0.0, Functions.logSigmoid(1000));
        assertEquals(-Math.log(2), Functions.logSigmoid(0), 1e-16);
        assertEquals(-Functions.softplus(-3), Functions.logSigmoid(3), 1e-15);
        assertEquals(-Functions.softplus(3), Functions.logSigmoid(-3), 1e-15);
    }

    @Test
    void reluPropagatesNaNAndMapsNegativeZeroToZero() {
        assertEquals(2.0, Functions.relu(2));
        assertEquals(0.0, Functions.relu(-2));
        assertTrue(Double.isNaN(Functions.relu(NAN)));
        assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(Functions.relu(-0.0)));
    }

    @Test
    void clampPropagatesNaN() {
        assertEquals(1.0, Functions.clamp(5, -1, 1));
        assertEquals(-1.0, Functions.clamp(-5, -1, 1));
        assertEquals(0.5, Functions.clamp(0.5, -1, 1));
        assertTrue(Double.isNaN(Functions.clamp(NAN, -1, 1)));
        assertEquals(-1.0, Functions.clamp(0, 1, -1), "lo > hi gives hi, as PyTorch");
    }

    @Test
    void rowReductions() {
        double[] row = {3, -1, 4, 1, 5};
        assertEquals(12, Functions.sum(row));
        assertEquals(0, Functions.sum(new double[0]));
        assertEquals(2.4, Functions.mean(row), 1e-15);
        assertEquals(5, Functions.max(row));
        assertEquals(-1, Functions.min(row));
        assertTrue(Double.isNaN(Functions.max(new double[] {1, NAN, 2})));
        assertTrue(Double.isNaN(Functions.min(new double[] {1, NAN, 2})));
    }

    @Test
    void logSumExpIsStable() {
        assertEquals(1000 + Math.log(2), Functions.logSumExp(new double[] {1000, 1000}), 1e-12);
        assertEquals(-1000 + Math.log(2), Functions.logSumExp(new double[] {-1000, -1000}), 1e-12);
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), Functions.logSumExp(new double[] {1, 2, 3}),
                1e-14);
        assertEquals(Double.NEGATIVE_INFINITY, Functions.logSumExp(new double[] {-INF, -INF}));
        assertEquals(INF, Functions.logSumExp(new double[] {1, INF}));
        assertEquals(2.0, Functions.logSumExp(new double[] {-INF, 2}));
        assertTrue(Double.isNaN(Functions.logSumExp(new double[] {1, NAN})));
    }

    @Test
    void dotAndNorm() {
        assertEquals(32, Functions.dot(new double[] {1, 2, 3}, new double[] {4, 5, 6}));
        assertEquals(0, Functions.dot(new double[0], new double[0]));
        assertEquals(5, Functions.norm(new double[] {3, 4}));
        assertEquals(0, Functions.norm(new double[] {0, 0}));
        assertEquals(0, Functions.norm(new double[0]));
        assertEquals(Math.sqrt(2) * 1e200, Functions.norm(new double[] {1e200, 1e200}), 1e186);
        assertEquals(Math.sqrt(2) * 1e-200, Functions.norm(new double[] {1e-200, 1e-200}), 1e-214);
        assertEquals(INF, Functions.norm(new double[] {INF, 1}));
        assertTrue(Double.isNaN(Functions.norm(new double[] {NAN, 1})));
    }

    @Test
    void emptyRowsAreRejected() {
        for (String name : new String[] {"mean", "max", "min", "logSumExp"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                switch (name) {
                    case "mean":
                        Functions.mean(new double[0]);
                        break;
                    case "max":
                        Functions.max(new double[0]);
                        break;
                    case "min":
                        Functions.min(new double[0]);
                        break;
                    default:
                        Functions.logSumExp(new double[0]);
                }
            });
            assertEquals(name + ": the row is empty; it needs at least one element", e.getMessage());
        }
    }

    @Test
    void dotRejectsLengthMismatchNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functions.dot(new double[3], new double[4]));
        assertEquals("dot: the rows have different lengths, 3 and 4", e.getMessage());
    }

    /**
     * Exactly on the scalar path; within 4 ulps when the Vector API kernels are active (their
     * documented accuracy), see {@link io.gradgen.kernels.VectorMath}.
     */
    private static void assertKernelEquals(double expected, double actual) {
        if (io.gradgen.kernels.VectorMath.isVectorized()) {
            assertEquals(expected, actual, 4 * Math.ulp(expected));
        } else {
            assertEquals(expected, actual);
        }
    }

    @Test
    void tensorOpsAgreeWithScalarFunctions() {
        double[] xs = {-800, -30, -20.5, -1, -0.0, 0, 0.3, 19.9, 20, 20.1, 700};
        Tensor x = Tensor.vector(xs);
        for (int i = 0; i < xs.length; i++) {
            assertKernelEquals(Functions.sigmoid(xs[i]), x.sigmoid().get(i));
            assertKernelEquals(Functions.softplus(xs[i]), x.softplus().get(i));
            assertKernelEquals(Functions.logSigmoid(xs[i]), x.logSigmoid().get(i));
            assertEquals(Functions.relu(xs[i]), x.relu().get(i));
            assertEquals(Functions.clamp(xs[i], -1, 1), x.clamp(-1, 1).get(i));
        }
    }
}
