package io.gradgen;

import static io.gradgen.SpecialFunctionCoefficients.LGAMMA_R1;
import static io.gradgen.SpecialFunctionCoefficients.LGAMMA_R1_LOW;
import static io.gradgen.SpecialFunctionCoefficients.LGAMMA_R2_NEG;
import static io.gradgen.SpecialFunctionCoefficients.LGAMMA_R2_NEG_LOW;
import static io.gradgen.SpecialFunctionCoefficients.LGAMMA_R2_POS;
import static io.gradgen.SpecialFunctionCoefficients.LGAMMA_R2_POS_LOW;
import static io.gradgen.SpecialMath.polynomial;

/**
 * {@code log|Γ(x)|} for every double, behind {@link Functions#lgamma(double)}.
 *
 * <p>On [1/2, 10) the function is reduced to two smooth fitted functions that the roots of
 * {@code lgamma} at 1 and 2 factor out of, {@code lgamma(1 + u) = u (u - 1) R1(u)} for
 * {@code u} in [0, 1/2] and {@code lgamma(2 + v) = v R2(v)} for {@code v} in [-1/2, 1/2]
 * (the approach of Boost's {@code lgamma_small_imp}, with our own Chebyshev fits; see
 * {@link SpecialFunctionCoefficients}), so the result keeps its relative accuracy as it goes to
 * zero. Arguments in [2.5, 10) come down to [1.5, 2.5) by the recurrence
 * {@code lgamma(x + 1) = lgamma(x) + log x} (DLMF 5.5.1), with the shifts {@code x - k} exact.
 * From 10 on it is Stirling's series (DLMF 5.11.1) to {@code B16}. Below 1/2 it is
 * {@code lgamma(1 + x) - log|x|}, and below -1 the reflection formula
 * {@code Γ(x) Γ(1 - x) = π / sin(πx)} (DLMF 5.5.3), with {@code sin(πx)} from
 * {@link SpecialMath}.
 */
final class Gamma {

    /** log(2π)/2 - 1/2, the constant of Stirling's series written around (x - 1/2)(log x - 1). */
    private static final double STIRLING_CONSTANT = 0.41893853320467274;

    /** Where Stirling's series takes over: its terms after B16/(16·15 x^15) are below 2^-60 relative. */
    private static final double STIRLING_FROM = 10;

    private Gamma() {
    }

    static double lgamma(double x) {
        if (x >= 0.5) {
            return lgammaFromHalf(x);
        }
        if (x > 0) {
            // lgamma(x) = lgamma(1 + x) - log x, with lgamma(1 + x) = x (x - 1) R1(x)
            return x * (x - 1) * r1(x) - Math.log(x);
        }
        if (x != x) {
            return x;
        }
        if (x == Math.rint(x)) {
            // the poles at 0 and the negative integers; also -inf, beyond which every double is one
            return Double.POSITIVE_INFINITY;
        }
        if (x > -0.5) {
            // lgamma(x) = lgamma(2 + x) - log(1 + x) - log(-x), with lgamma(2 + x) = x R2(x)
            return x * r2(x) - Math.log1p(x) - Math.log(-x);
        }
        if (x > -1) {
            // lgamma(x) = lgamma(u) - log(-x) with u = x + 1 in (0, 1/2], exact
            double u = x + 1;
            return u * (u - 1) * r1(u) - Math.log(u * -x);
        }
        // reflection: lgamma(x) = log(π / |sin(πx)|) - lgamma(1 - x), with 1 - x >= 2
        return SpecialMath.logPiOverAbsSinPi(x) - lgammaFromHalf(1 - x);
    }

    /** lgamma for x >= 1/2, or NaN/+inf as given. */
    private static double lgammaFromHalf(double x) {
        if (x < 1) {
            // lgamma(x) = lgamma(x + 1) - log x, with lgamma(x + 1) = (x - 1) R2(x - 1), x - 1 exact
            double v = x - 1;
            return v * r2(v) - Math.log(x);
        }
        if (x < 1.5) {
            // u = x - 1 and u - 1 = x - 2 are exact, so the roots at 1 and 2 cost no accuracy;
            // adding +0.0 makes lgamma(1) +0.0, as C's, not the product's -0.0
            double u = x - 1;
            return u * (u - 1) * r1(u) + 0.0;
        }
        if (x < 2.5) {
            double v = x - 2;
            return v * r2(v);
        }
        if (x < STIRLING_FROM) {
            // lgamma(x) = lgamma(y) + log((x - 1)(x - 2)...(x - n)) with y = x - n in [1.5, 2.5);
            // every x - k is exact, since x < 16 has an ulp of at most 2^-49
            int n = (int) (x - 1.5);
            double y = x - n;
            double product = 1;
            for (int k = 1; k <= n; k++) {
                product *= x - k;
            }
            return (y - 2) * r2(y - 2) + Math.log(product);
        }
        return stirling(x);
    }

    /**
     * lgamma(x) = (x - 1/2)(log x - 1) + log(2π)/2 - 1/2 + Σ B2k / (2k (2k - 1) x^(2k-1)) for x >= 10
     * (DLMF 5.11.1), which overflows to +inf only where lgamma itself does (x beyond 2.55e305).
     */
    private static double stirling(double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        double z = 1 / x;
        double z2 = z * z;
        double series = z * (1.0 / 12 + z2 * (-1.0 / 360 + z2 * (1.0 / 1260 + z2 * (-1.0 / 1680
                + z2 * (1.0 / 1188 + z2 * (-691.0 / 360360 + z2 * (1.0 / 156 + z2 * (-3617.0 / 122400))))))));
        return (x - 0.5) * (Math.log(x) - 1) + (STIRLING_CONSTANT + series);
    }

    /** R1(u) = lgamma(1 + u) / (u (u - 1)) for u in (0, 1/2]. */
    private static double r1(double u) {
        return polynomial(LGAMMA_R1, LGAMMA_R1_LOW, u - 0.25);
    }

    /** R2(v) = lgamma(2 + v) / v for v in [-1/2, 1/2]. */
    private static double r2(double v) {
        return v < 0
                ? polynomial(LGAMMA_R2_NEG, LGAMMA_R2_NEG_LOW, v + 0.25)
                : polynomial(LGAMMA_R2_POS, LGAMMA_R2_POS_LOW, v - 0.25);
    }
}
