package io.gradgen.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gradgen.Functions;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The kernels against {@link Math}/{@link Functions} (within a few ulps, special values exact) and
 * the active implementation against its scalar twin. Surefire runs this class twice: without
 * flags (scalar path) and with {@code --add-modules jdk.incubator.vector} (Vector API path), where
 * {@code gradgen.expectVector} makes sure the vector path really is the one under test.
 */
class VectorMathTest {

    private interface Kernel {
        void apply(double[] src, int srcOffset, double[] dst, int dstOffset, int length);
    }

    private static final double[] SPECIALS = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 0x1p-1022,
        0x1p-1023, 0x1.fffffffffffffp-1023, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, 1.0, -1.0, 0.5, 2.0, Math.E, 1e-300, 1e-17, -1e-17, 1e-9, -1e-9,
        700, -700, 709.78, 709.79, 710, -745.13, -745.14, -746, -708.5, -720, 20, 20.000001, 19.99999, -20,
        -37, 37, -0.9999999, -1.0000001, 1e300, 0.693147180559945, -0.34657359, 0.34657359};

    /** Samples from every scale: uniform in ranges, log-uniform magnitudes, the special values. */
    private static double[] samples(double lo, double hi) {
        Random rng = new Random(7);
        double[] xs = new double[20_000 + SPECIALS.length];
        int i = 0;
        for (; i < 10_000; i++) {
            xs[i] = lo + (hi - lo) * rng.nextDouble();
        }
        for (; i < 20_000; i++) {
            double magnitude = Math.pow(10, -320 + 628 * rng.nextDouble());
            xs[i] = rng.nextBoolean() ? magnitude : -magnitude;
        }
        System.arraycopy(SPECIALS, 0, xs, i, SPECIALS.length);
        return xs;
    }

    private static long ulps(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        if (a == b) {
            return 0; // also +0 == -0 and equal infinities
        }
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return Long.MAX_VALUE;
        }
        long la = Double.doubleToRawLongBits(a);
        long lb = Double.doubleToRawLongBits(b);
        la = la < 0 ? Long.MIN_VALUE - la : la;
        lb = lb < 0 ? Long.MIN_VALUE - lb : lb;
        return Math.abs(la - lb);
    }

    private static void checkUlps(String name, DoubleUnaryOperator poly, DoubleUnaryOperator reference, double lo,
            double hi, long maxUlps) {
        for (double x : samples(lo, hi)) {
            double expected = reference.applyAsDouble(x);
            double actual = poly.applyAsDouble(x);
            long u = ulps(actual, expected);
            // results that underflow into subnormals lose relative precision by nature: compare absolutely there
            boolean tinyOk = Math.abs(expected) < 0x1p-1020 && Math.abs(actual - expected) <= 0x1p-1074 * 2;
            if (u > maxUlps && !tinyOk) {
                fail(name + "(" + x + ") = " + actual + " but Math gives " + expected + " (" + u + " ulps)");
            }
        }
    }

    @Test
    void polynomialExpIsWithinOneUlpOfMath() {
        checkUlps("exp", PolyMath::exp, Math::exp, -750, 750, 1);
    }

    @Test
    void polynomialLogIsWithinOneUlpOfMath() {
        checkUlps("log", PolyMath::log, Math::log, -1, 1e6, 1);
    }

    @Test
    void polynomialLog1pIsWithinTwoUlpsOfMath() {
        checkUlps("log1p", PolyMath::log1p, Math::log1p, -1.5, 50, 2);
    }

    @Test
    void polynomialCompositionsAreWithinAFewUlpsOfFunctions() {
        checkUlps("softplus", PolyMath::softplus, Functions::softplus, -60, 60, 4);
        checkUlps("sigmoid", PolyMath::sigmoid, Functions::sigmoid, -60, 60, 4);
        checkUlps("logSigmoid", PolyMath::logSigmoid, Functions::logSigmoid, -60, 60, 4);
    }

    @Test
    void signOfZeroAndSpecialValuesMatchMath() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(PolyMath.log1p(-0.0)));
        assertEquals(Double.NEGATIVE_INFINITY, PolyMath.log(-0.0));
        assertEquals(Double.NEGATIVE_INFINITY, PolyMath.log1p(-1.0));
        assertTrue(Double.isNaN(PolyMath.log(-1e-300)));
        assertTrue(Double.isNaN(PolyMath.exp(Double.NaN)));
        assertEquals(0.0, PolyMath.exp(Double.NEGATIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, PolyMath.exp(Double.POSITIVE_INFINITY));
        assertEquals(Double.MIN_VALUE, PolyMath.exp(-745.1));
        assertEquals(1000.0, PolyMath.softplus(1000));
        assertEquals(-1000.0, PolyMath.logSigmoid(-1000));
        assertEquals(1.0, PolyMath.sigmoid(1000));
        assertEquals(0.0, PolyMath.sigmoid(-1000));
    }

    @Test
    void theActivePathIsTheOneThisRunExpects() {
        boolean expectVector = Boolean.getBoolean("gradgen.expectVector");
        assertEquals(expectVector, VectorMath.isVectorized(), VectorMath.implementation());
    }

    /**
     * The active implementation against its reference, element by element, at every offset and
     * for lengths around the vector width: the vector path must equal its scalar twin bit for bit,
     * the scalar path must equal Math/Functions bit for bit.
     */
    private static void checkActive(String name, Kernel kernel, DoubleUnaryOperator twin, DoubleUnaryOperator scalar) {
        DoubleUnaryOperator reference = VectorMath.isVectorized() ? twin : scalar;
        double[] xs = samples(-800, 800);
        double[] out = new double[xs.length + 3];
        kernel.apply(xs, 0, out, 3, xs.length);
        for (int i = 0; i < xs.length; i++) {
            assertBits(name, xs[i], reference.applyAsDouble(xs[i]), out[i + 3]);
        }
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; length < 40; length++) {
                double[] dst = new double[length + 1];
                kernel.apply(xs, offset + 19_990, dst, 1, length);
                for (int i = 0; i < length; i++) {
                    double x = xs[offset + 19_990 + i];
                    assertBits(name, x, reference.applyAsDouble(x), dst[i + 1]);
                }
            }
        }
        double[] inPlace = xs.clone();
        kernel.apply(inPlace, 0, inPlace, 0, inPlace.length);
        for (int i = 0; i < xs.length; i++) {
            assertBits(name + " in place", xs[i], reference.applyAsDouble(xs[i]), inPlace[i]);
        }
    }

    private static void assertBits(String name, double x, double expected, double actual) {
        if (Double.isNaN(expected) && Double.isNaN(actual)) {
            return;
        }
        if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
            fail(name + "(" + x + "): " + VectorMath.implementation() + " gives " + actual + ", expected " + expected);
        }
    }

    @Test
    void activeExpMatchesItsReference() {
        checkActive("exp", VectorMath::exp, PolyMath::exp, Math::exp);
    }

    @Test
    void activeLogMatchesItsReference() {
        checkActive("log", VectorMath::log, PolyMath::log, Math::log);
    }

    @Test
    void activeLog1pMatchesItsReference() {
        checkActive("log1p", VectorMath::log1p, PolyMath::log1p, Math::log1p);
    }

    @Test
    void activeSoftplusSigmoidLogSigmoidMatchTheirReferences() {
        checkActive("softplus", VectorMath::softplus, PolyMath::softplus, Functions::softplus);
        checkActive("sigmoid", VectorMath::sigmoid, PolyMath::sigmoid, Functions::sigmoid);
        checkActive("logSigmoid", VectorMath::logSigmoid, PolyMath::logSigmoid, Functions::logSigmoid);
    }

    @Test
    void rangesAreChecked() {
        double[] a = new double[4];
        assertThrows(IndexOutOfBoundsException.class, () -> VectorMath.exp(a, 1, a, 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> VectorMath.log(a, 0, a, -1, 2));
        assertThrows(NullPointerException.class, () -> VectorMath.sigmoid(null, 0, a, 0, 0));
    }
}
