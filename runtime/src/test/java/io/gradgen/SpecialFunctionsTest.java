package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Special values, pole conventions, identities and derivative consistency of {@link Functions}'
 * lgamma, digamma, trigamma and tetragamma. Accuracy against independent reference values is
 * {@link SpecialFunctionsReferenceTest}'s; the identities here hold for the exact functions, so
 * they catch an error in one region that the reference points might straddle.
 */
class SpecialFunctionsTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double EULER_GAMMA = 0.5772156649015329;
    private static final double ZETA_3 = 1.2020569031595942;

    /** Asserts {@code |actual - expected| <= ulps * ulp(scale)}. */
    private static void assertNear(double expected, double actual, double ulps, double scale, String what) {
        double error = Math.abs(actual - expected);
        assertTrue(error <= ulps * Math.ulp(Math.abs(scale)),
                what + ": expected " + expected + ", got " + actual + " (" + error / Math.ulp(Math.abs(scale)) + " ulps)");
    }

    private static void assertNear(double expected, double actual, double ulps, String what) {
        assertNear(expected, actual, ulps, expected, what);
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void lgammaSpecialValues() {
        assertBits(0.0, Functions.lgamma(1), "lgamma(1) is +0, as C's");
        assertBits(0.0, Functions.lgamma(2), "lgamma(2)");
        assertNear(0.5 * Math.log(Math.PI), Functions.lgamma(0.5), 1, "lgamma(1/2) = log √π");
        assertNear(Math.log(2), Functions.lgamma(3), 1, "lgamma(3) = log 2");
        assertNear(Math.log(3628800), Functions.lgamma(11), 1, "lgamma(11) = log 10!");
        assertNear(Math.log(2 * Math.sqrt(Math.PI)), Functions.lgamma(-0.5), 1, "lgamma(-1/2) = log 2√π");
        // Γ(x) ~ 1/x near 0 from both sides
        assertNear(Math.log(1e300), Functions.lgamma(1e-300), 1, "lgamma(1e-300)");
        assertNear(Math.log(1e300), Functions.lgamma(-1e-300), 1, "lgamma(-1e-300)");
        assertNear(-Math.log(Double.MIN_VALUE), Functions.lgamma(Double.MIN_VALUE), 1, "lgamma(MIN_VALUE)");
    }

    @Test
    void lgammaPolesAndInfinitiesFollowC() {
        for (double pole : new double[] {0.0, -0.0, -1, -2, -3, -170, -1e10, -0x1p52, -Double.MAX_VALUE}) {
            assertBits(INF, Functions.lgamma(pole), "lgamma(" + pole + ")");
        }
        assertBits(INF, Functions.lgamma(INF), "lgamma(+inf)");
        assertBits(INF, Functions.lgamma(Double.NEGATIVE_INFINITY), "lgamma(-inf)");
        assertTrue(Double.isNaN(Functions.lgamma(Double.NaN)));
        assertTrue(Functions.lgamma(2.55e305) < Double.MAX_VALUE, "lgamma(2.55e305) is finite");
        assertBits(INF, Functions.lgamma(2.6e305), "lgamma overflows beyond 2.5563e305");
    }

    @Test
    void digammaSpecialValues() {
        assertNear(-EULER_GAMMA, Functions.digamma(1), 1, "ψ(1) = -γ");
        assertNear(1 - EULER_GAMMA, Functions.digamma(2), 1, "ψ(2) = 1 - γ");
        assertNear(-EULER_GAMMA - 2 * Math.log(2), Functions.digamma(0.5), 1, "ψ(1/2) = -γ - 2 log 2");
        // the positive root: the sign changes between the doubles around x0 = 1.46163214496836234126...
        double root = 1.4616321449683623;
        assertTrue(Math.abs(Functions.digamma(root)) < 1e-16, "ψ(x0) ~ 0: " + Functions.digamma(root));
        assertTrue(Functions.digamma(Math.nextDown(Math.nextDown(root))) < 0);
        assertTrue(Functions.digamma(Math.nextUp(Math.nextUp(root))) > 0);
    }

    @Test
    void digammaPolesFollowScipy() {
        assertBits(Double.NEGATIVE_INFINITY, Functions.digamma(0.0), "ψ(+0)");
        assertBits(INF, Functions.digamma(-0.0), "ψ(-0)");
        for (double pole : new double[] {-1, -2, -100, -0x1p52, -1e300, Double.NEGATIVE_INFINITY}) {
            assertTrue(Double.isNaN(Functions.digamma(pole)), "ψ(" + pole + ") is NaN");
        }
        assertBits(INF, Functions.digamma(INF), "ψ(+inf)");
        assertTrue(Double.isNaN(Functions.digamma(Double.NaN)));
    }

    @Test
    void trigammaAndTetragammaSpecialValues() {
        assertNear(Math.PI * Math.PI / 6, Functions.trigamma(1), 1, "ψ₁(1) = π²/6");
        assertNear(Math.PI * Math.PI / 2, Functions.trigamma(0.5), 1, "ψ₁(1/2) = π²/2");
        assertNear(Math.PI * Math.PI / 6 - 1, Functions.trigamma(2), 2, "ψ₁(2) = π²/6 - 1");
        assertNear(-2 * ZETA_3, Functions.tetragamma(1), 1, "ψ₂(1) = -2ζ(3)");
        assertNear(-14 * ZETA_3, Functions.tetragamma(0.5), 1, "ψ₂(1/2) = -14ζ(3)");
        for (double pole : new double[] {0.0, -0.0, -1, -7, -0x1p52, Double.NEGATIVE_INFINITY}) {
            assertBits(INF, Functions.trigamma(pole), "ψ₁(" + pole + ")");
        }
        assertBits(0.0, Functions.trigamma(INF), "ψ₁(+inf)");
        assertBits(Double.NEGATIVE_INFINITY, Functions.tetragamma(0.0), "ψ₂(+0)");
        assertBits(INF, Functions.tetragamma(-0.0), "ψ₂(-0)");
        for (double pole : new double[] {-1, -7, -0x1p52, Double.NEGATIVE_INFINITY}) {
            assertTrue(Double.isNaN(Functions.tetragamma(pole)), "ψ₂(" + pole + ") is NaN");
        }
        assertBits(-0.0, Functions.tetragamma(INF), "ψ₂(+inf)");
        assertTrue(Double.isNaN(Functions.trigamma(Double.NaN)));
        assertTrue(Double.isNaN(Functions.tetragamma(Double.NaN)));
    }

    /** Dyadic arguments, so that x + 1, 1 - x and 2x are exact and the identities test the functions alone. */
    private static double[] dyadics(Random random, int count, double lo, double hi) {
        double[] xs = new double[count];
        for (int i = 0; i < count; i++) {
            double x;
            do {
                x = Math.scalb(Math.rint(Math.scalb(lo + (hi - lo) * random.nextDouble(), 20)), -20);
            } while (x == Math.rint(x));
            xs[i] = x;
        }
        return xs;
    }

    @Test
    void recurrences() {
        for (double x : dyadics(new Random(1), 2000, -30, 30)) {
            double lg = Functions.lgamma(x);
            double lgNext = Functions.lgamma(x + 1);
            double logX = Math.log(Math.abs(x));
            assertNear(lg + logX, lgNext, 8, Math.max(Math.max(Math.abs(lg), Math.abs(logX)), 1), "lgamma(x + 1) = lgamma(x) + log|x| at " + x);
            double psi = Functions.digamma(x);
            double psiNext = Functions.digamma(x + 1);
            assertNear(psi + 1 / x, psiNext, 8, Math.max(Math.max(Math.abs(psi), Math.abs(1 / x)), 1), "ψ(x + 1) = ψ(x) + 1/x at " + x);
            double tri = Functions.trigamma(x);
            assertNear(tri - 1 / (x * x), Functions.trigamma(x + 1), 8, Math.max(tri, 1), "ψ₁(x + 1) = ψ₁(x) - 1/x² at " + x);
            double tetra = Functions.tetragamma(x);
            double step = 2 / (x * x * x);
            assertNear(tetra + step, Functions.tetragamma(x + 1), 8, Math.max(Math.max(Math.abs(tetra), Math.abs(step)), 1), "ψ₂(x + 1) = ψ₂(x) + 2/x³ at " + x);
        }
    }

    @Test
    void reflectionFormulas() {
        for (double x : dyadics(new Random(2), 2000, -20, 20)) {
            double s = Math.sin(Math.PI * (x - Math.rint(x)));
            double c = Math.cos(Math.PI * (x - Math.rint(x)));
            double piCot = Math.PI * c / s;
            double psiPair = Functions.digamma(1 - x) - Functions.digamma(x);
            assertNear(piCot, psiPair, 16, Math.max(Math.max(Math.abs(piCot), Math.abs(Functions.digamma(1 - x))), 1), "ψ(1 - x) - ψ(x) = π cot(πx) at " + x);
            double cscSquared = Math.PI * Math.PI / (s * s);
            assertNear(cscSquared, Functions.trigamma(x) + Functions.trigamma(1 - x), 16, "ψ₁(x) + ψ₁(1 - x) = π²/sin²(πx) at " + x);
            double logPiOverSin = Math.log(Math.PI / Math.abs(s));
            double lgPair = Functions.lgamma(x) + Functions.lgamma(1 - x);
            assertNear(logPiOverSin, lgPair, 16, Math.max(Math.max(Math.abs(logPiOverSin), Math.abs(Functions.lgamma(x))), 1), "lgamma(x) + lgamma(1 - x) = log(π/|sin πx|) at " + x);
        }
    }

    @Test
    void legendreDuplication() {
        // lgamma(2x) = lgamma(x) + lgamma(x + 1/2) + (2x - 1) log 2 - log(π)/2 (DLMF 5.5.5)
        for (double x : dyadics(new Random(3), 2000, 0, 40)) {
            double right = Functions.lgamma(x) + Functions.lgamma(x + 0.5) + (2 * x - 1) * Math.log(2) - 0.5 * Math.log(Math.PI);
            double scale = Math.max(Math.max(Math.abs(Functions.lgamma(x)), Math.abs(Functions.lgamma(x + 0.5))), Math.abs((2 * x - 1) * Math.log(2)));
            assertNear(right, Functions.lgamma(2 * x), 16, Math.max(scale, 1), "duplication at " + x);
        }
    }

    /** Five-point central difference, error O(h⁴). */
    private static double derivative(DoubleUnaryOperator f, double x, double h) {
        return (f.applyAsDouble(x - 2 * h) - 8 * f.applyAsDouble(x - h) + 8 * f.applyAsDouble(x + h) - f.applyAsDouble(x + 2 * h)) / (12 * h);
    }

    @Test
    void eachIsTheDerivativeOfThePrevious() {
        Random random = new Random(4);
        for (int i = 0; i < 3000; i++) {
            double x = i % 3 == 0 ? -12 + 12 * random.nextDouble() : Math.exp(-4 + 12 * random.nextDouble());
            double distanceToPole = x < 0 ? Math.abs(x - Math.rint(x)) : x;
            if (distanceToPole < 0.05) {
                continue;
            }
            double h = 1e-3 * Math.min(distanceToPole, 1) * Math.max(1, Math.abs(x) / 8);
            check(Functions::lgamma, Functions::digamma, x, h, "lgamma' = digamma");
            check(Functions::digamma, Functions::trigamma, x, h, "digamma' = trigamma");
            check(Functions::trigamma, Functions::tetragamma, x, h, "trigamma' = tetragamma");
        }
    }

    private static void check(DoubleUnaryOperator f, DoubleUnaryOperator fPrime, double x, double h, String what) {
        double numeric = derivative(f, x, h);
        double exact = fPrime.applyAsDouble(x);
        // f's own error (a few ulps of the larger reflection term for x < 0), magnified by 1.5/h,
        // plus the O(h⁴) truncation
        double scale = Math.max(Math.abs(f.applyAsDouble(x)), 1);
        if (x < 0) {
            scale = Math.max(scale, Math.abs(f.applyAsDouble(1 - x)));
        }
        double tolerance = 4e-15 * scale / h + 1e-7 * Math.max(Math.abs(exact), 1);
        assertEquals(exact, numeric, tolerance, what + " at " + x);
    }

    @Test
    void largeArgumentsFollowTheirAsymptotes() {
        for (double x : new double[] {1e20, 1e100, 1e300}) {
            assertNear(x * (Math.log(x) - 1), Functions.lgamma(x), 2, "lgamma(" + x + ") ~ x (log x - 1)");
            assertNear(Math.log(x), Functions.digamma(x), 1, "ψ(" + x + ") ~ log x");
            assertNear(1 / x, Functions.trigamma(x), 1, "ψ₁(" + x + ") ~ 1/x");
        }
        assertNear(-1e-40, Functions.tetragamma(1e20), 2, "ψ₂(1e20) ~ -1/x²");
    }
}
