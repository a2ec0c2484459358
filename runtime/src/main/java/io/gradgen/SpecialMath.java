package io.gradgen;

import static io.gradgen.SpecialFunctionCoefficients.COT_PI;
import static io.gradgen.SpecialFunctionCoefficients.COT_PI_LOW;
import static io.gradgen.SpecialFunctionCoefficients.CSC2_PI;
import static io.gradgen.SpecialFunctionCoefficients.CSC2_PI_LOW;
import static io.gradgen.SpecialFunctionCoefficients.SEC2_PI;
import static io.gradgen.SpecialFunctionCoefficients.SEC2_PI_LOW;
import static io.gradgen.SpecialFunctionCoefficients.SIN_PI;
import static io.gradgen.SpecialFunctionCoefficients.SIN_PI_LOW;
import static io.gradgen.SpecialFunctionCoefficients.TAN_PI;
import static io.gradgen.SpecialFunctionCoefficients.TAN_PI_LOW;

/**
 * The pieces {@link Gamma} and {@link Polygamma} share: polynomial evaluation and the functions of
 * {@code sin(πx)} and {@code cos(πx)} their reflection formulas need.
 *
 * <p>Those are computed from {@code r = x - rint(x)}, the exact signed distance from {@code x} to
 * its nearest integer, so they keep every bit of {@code x} near the poles at the integers and for
 * large {@code |x|} (where {@code Math.sin(Math.PI * x)} returns noise). For {@code |r| <= 1/4}
 * each is a fitted even function of {@code r} (see {@link SpecialFunctionCoefficients}) times a
 * power of {@code r}, so that {@code π r} is never rounded and no rounded multiple of π enters;
 * beyond 1/4 the sine becomes the cosine of {@code z = 1/2 - |r|}, which is exact.
 */
final class SpecialMath {

    private SpecialMath() {
    }

    /**
     * {@code (c[0] + c0Low) + c[1] t + c[2] t² + ...} by Horner's rule, adding the constant term's
     * low part before its high part so that the sum keeps it.
     */
    static double polynomial(double[] c, double c0Low, double t) {
        double s = c[c.length - 1];
        for (int k = c.length - 2; k >= 1; k--) {
            s = s * t + c[k];
        }
        return c[0] + (s * t + c0Low);
    }

    /** {@code log(π / |sin(πx)|)} for finite, non-integer {@code x}. */
    static double logPiOverAbsSinPi(double x) {
        double a = Math.abs(x - Math.rint(x));
        if (a <= 0.25) {
            return -Math.log(a * polynomial(SIN_PI, SIN_PI_LOW, a * a));      // sin(πa) / π
        }
        double z = 0.5 - a;
        return 0.5 * Math.log(polynomial(SEC2_PI, SEC2_PI_LOW, z * z));      // π² / cos²(πz)
    }

    /** {@code π² / sin²(πx)} for finite, non-integer {@code x}; {@code +inf} where it overflows. */
    static double piSquaredOverSinPiSquared(double x) {
        double a = Math.abs(x - Math.rint(x));
        if (a <= 0.25) {
            return polynomial(CSC2_PI, CSC2_PI_LOW, a * a) / (a * a);         // (πa)² / sin²(πa) / a²
        }
        double z = 0.5 - a;
        return polynomial(SEC2_PI, SEC2_PI_LOW, z * z);                       // π² / cos²(πz)
    }

    /**
     * {@code π cot(πx)} for finite, non-integer {@code x}. Near ±1/2, where it crosses zero, it is
     * {@code ±π tan(πz)} with {@code z = 1/2 - |r|} exact, so the zero keeps its relative accuracy.
     */
    static double piCotPi(double x) {
        double r = x - Math.rint(x);
        double a = Math.abs(r);
        if (a <= 0.25) {
            return polynomial(COT_PI, COT_PI_LOW, r * r) / r;                 // πr cot(πr) / r
        }
        double z = 0.5 - a;
        return Math.copySign(z * polynomial(TAN_PI, TAN_PI_LOW, z * z), r);   // z · π tan(πz) / z
    }
}
