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
        double errorInUlps = Math.abs(actual - expected) / Math.ulp(Math.abs(scale));
        assertTrue(errorInUlps <= ulps, what + ": expected " + expected + ", got " + actual + " (" + errorInUlps + " ulps)");
    }

    /** The largest magnitude among the terms of an identity, and 1: the scale of its rounding. */
    private static double scale(double... terms) {
        double m = 1;
        for (double t : terms) {
            m = Math.max(m, Math.abs(t));
        }
        return m;
    }

    private static void assertNear(double expected, double actual, double ulps, String what) {
        assertNear(expected, actual, ulps, expected, what);
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                what + ": expected " + expected + ", got " + actual);
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
            double logX = Math.log(Math.abs(x));
            assertNear(lg + logX, Functions.lgamma(x + 1), 8, scale(lg, logX), "lgamma(x + 1) = lgamma(x) + log|x| at " + x);
            double psi = Functions.digamma(x);
            assertNear(psi + 1 / x, Functions.digamma(x + 1), 8, scale(psi, 1 / x), "ψ(x + 1) = ψ(x) + 1/x at " + x);
            double tri = Functions.trigamma(x);
            assertNear(tri - 1 / (x * x), Functions.trigamma(x + 1), 8, scale(tri), "ψ₁(x + 1) = ψ₁(x) - 1/x² at " + x);
            double tetra = Functions.tetragamma(x);
            double step = 2 / (x * x * x);
            assertNear(tetra + step, Functions.tetragamma(x + 1), 8, scale(tetra, step), "ψ₂(x + 1) = ψ₂(x) + 2/x³ at " + x);
        }
    }

    @Test
    void reflectionFormulas() {
        for (double x : dyadics(new Random(2), 2000, -20, 20)) {
            double r = x - Math.rint(x);
            double sin = Math.sin(Math.PI * r);
            double piCot = Math.PI * Math.cos(Math.PI * r) / sin;
            double psiReflected = Functions.digamma(1 - x);
            assertNear(piCot, psiReflected - Functions.digamma(x), 16, scale(piCot, psiReflected),
                    "ψ(1 - x) - ψ(x) = π cot(πx) at " + x);
            assertNear(Math.PI * Math.PI / (sin * sin), Functions.trigamma(x) + Functions.trigamma(1 - x), 16,
                    "ψ₁(x) + ψ₁(1 - x) = π²/sin²(πx) at " + x);
            double logPiOverSin = Math.log(Math.PI / Math.abs(sin));
            double lg = Functions.lgamma(x);
            assertNear(logPiOverSin, lg + Functions.lgamma(1 - x), 16, scale(logPiOverSin, lg),
                    "lgamma(x) + lgamma(1 - x) = log(π/|sin πx|) at " + x);
        }
    }

    @Test
    void legendreDuplication() {
        // lgamma(2x) = lgamma(x) + lgamma(x + 1/2) + (2x - 1) log 2 - log(π)/2 (DLMF 5.5.5)
        for (double x : dyadics(new Random(3), 2000, 0, 40)) {
            double a = Functions.lgamma(x);
            double b = Functions.lgamma(x + 0.5);
            double c = (2 * x - 1) * Math.log(2);
            assertNear(a + b + c - 0.5 * Math.log(Math.PI), Functions.lgamma(2 * x), 16, scale(a, b, c), "duplication at " + x);
        }
    }

    /** Five-point central difference, error O(h⁴). */
    private static double derivative(DoubleUnaryOperator f, double x, double h) {
        double outer = f.applyAsDouble(x + 2 * h) - f.applyAsDouble(x - 2 * h);
        double inner = f.applyAsDouble(x + h) - f.applyAsDouble(x - h);
        return (8 * inner - outer) / (12 * h);
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
