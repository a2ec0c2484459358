package io.gradgen;

import static io.gradgen.SpecialFunctionCoefficients.DIGAMMA_D_1;
import static io.gradgen.SpecialFunctionCoefficients.DIGAMMA_D_1_LOW;
import static io.gradgen.SpecialFunctionCoefficients.DIGAMMA_D_2;
import static io.gradgen.SpecialFunctionCoefficients.DIGAMMA_D_2_LOW;
import static io.gradgen.SpecialFunctionCoefficients.DIGAMMA_D_3;
import static io.gradgen.SpecialFunctionCoefficients.DIGAMMA_D_3_LOW;
import static io.gradgen.SpecialFunctionCoefficients.DIGAMMA_D_4;
import static io.gradgen.SpecialFunctionCoefficients.DIGAMMA_D_4_LOW;
import static io.gradgen.SpecialFunctionCoefficients.DIGAMMA_ROOT_HI;
import static io.gradgen.SpecialFunctionCoefficients.DIGAMMA_ROOT_LO;
import static io.gradgen.SpecialMath.polynomial;

/**
 * The digamma function ψ and its first two derivatives ψ₁ (trigamma) and ψ₂ (tetragamma),
 * behind {@link Functions#digamma}, {@link Functions#trigamma} and {@link Functions#tetragamma}.
 *
 * <p>ψ on [1, 3) is {@code (y - x0) D(y)} with x0 its positive root carried to twice double
 * precision and D fitted in four pieces (see {@link SpecialFunctionCoefficients}), so ψ keeps its
 * relative accuracy at the root (the approach of Boost's {@code digamma_imp_1_2}). On [3, 10) the
 * recurrence {@code ψ(x + 1) = ψ(x) + 1/x} (DLMF 5.5.2) brings it down to [2, 3), adding only
 * positive terms; from 10 on it is the asymptotic series (DLMF 5.11.2); on (0, 1) it is
 * {@code ψ(1 + x) - 1/x}, with {@code ψ(1 + x)} evaluated from {@code x} itself so that the rounding
 * of {@code 1 + x} costs nothing. Negative arguments use the reflection formula
 * {@code ψ(1 - x) - ψ(x) = π cot(πx)} (DLMF 5.5.4).
 *
 * <p>ψ₁ and ψ₂ for {@code x > 0} are the recurrences
 * {@code ψₙ(x) = ψₙ(x + 1) + (-1)^(n+1) n! / x^(n+1)} (DLMF 5.15.5), which add terms of one sign,
 * up to 10, then the asymptotic series (DLMF 5.15.8). For {@code x < 0} they are the derivatives
 * of the reflection formula, {@code ψ₁(x) + ψ₁(1 - x) = π² / sin²(πx)} (DLMF 5.15.6) and
 * {@code ψ₂(x) - ψ₂(1 - x) = -2π³ cot(πx) / sin²(πx)}.
 */
final class Polygamma {

    /** Where the asymptotic series take over from the recurrences. */
    private static final double ASYMPTOTIC_FROM = 10;

    /** x0 - 1 for the positive root x0 of ψ; exact, as DIGAMMA_ROOT_HI is in [1, 2). */
    private static final double ROOT_MINUS_ONE_HI = DIGAMMA_ROOT_HI - 1;

    private Polygamma() {
    }

    static double digamma(double x) {
        if (x >= 1) {
            return digammaFromOne(x);
        }
        if (x > 0) {
            return digammaOnePlus(x) - 1 / x;
        }
        if (x != x || x == Math.rint(x)) {
            return atOddPole(x);
        }
        // ψ(x) = ψ(1 - x) - π cot(πx); for x in (-1, 0), ψ(1 - x) is ψ(1 + (-x)) without rounding 1 - x
        double reflected = x > -1 ? digammaOnePlus(-x) : digammaFromOne(1 - x);
        return reflected - SpecialMath.piCotPi(x);
    }

    /**
     * ψ and ψ₂ at NaN, ±0, the negative integers and -inf (every double below -2^52 is an integer),
     * where their one-sided limits have opposite signs: NaN as given; -inf at +0 and +inf at -0
     * (ψ ~ -1/x, ψ₂ ~ -2/x³), as scipy.special.digamma; NaN at the negative integers and -inf.
     */
    private static double atOddPole(double x) {
        if (x == 0) {
            return Math.copySign(Double.POSITIVE_INFINITY, -x);
        }
        return x != x ? x : Double.NaN;
    }

    /** ψ(x) for x >= 1, or NaN/+inf as given. */
    private static double digammaFromOne(double x) {
        if (x < 3) {
            return (x - DIGAMMA_ROOT_HI - DIGAMMA_ROOT_LO) * d(x - 1);
        }
        if (x < ASYMPTOTIC_FROM) {
            // ψ(x) = ψ(y) + 1/y + 1/(y + 1) + ... + 1/(x - 1) with y = x - n in [2, 3); every
            // y + k = x - (n - k) is exact; the sum runs from the smallest term up
            int n = (int) x - 2;
            double sum = 0;
            for (int k = 1; k <= n; k++) {
                sum += 1 / (x - k);
            }
            double y = x - n;
            return (y - DIGAMMA_ROOT_HI - DIGAMMA_ROOT_LO) * d(y - 1) + sum;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        // ψ(x) = log x - 1/(2x) - Σ B2k / (2k x^2k), to B16 (DLMF 5.11.2)
        double z = 1 / x;
        double z2 = z * z;
        double series = z2 * (1.0 / 12 + z2 * (-1.0 / 120 + z2 * (1.0 / 252 + z2 * (-1.0 / 240
                + z2 * (1.0 / 132 + z2 * (-691.0 / 32760 + z2 * (1.0 / 12 + z2 * (-3617.0 / 8160))))))));
        return Math.log(x) - (0.5 * z + series);
    }

    /** ψ(1 + u) for u in (0, 1), from u itself: 1 + u would round away u's low bits. */
    private static double digammaOnePlus(double u) {
        return (u - ROOT_MINUS_ONE_HI - DIGAMMA_ROOT_LO) * d(u);
    }

    /** D(1 + w) = ψ(1 + w) / (1 + w - x0) for w in [0, 2). */
    private static double d(double w) {
        if (w < 0.5) {
            return polynomial(DIGAMMA_D_1, DIGAMMA_D_1_LOW, w - 0.25);
        }
        if (w < 1) {
            return polynomial(DIGAMMA_D_2, DIGAMMA_D_2_LOW, w - 0.75);
        }
        if (w < 1.5) {
            return polynomial(DIGAMMA_D_3, DIGAMMA_D_3_LOW, w - 1.25);
        }
        return polynomial(DIGAMMA_D_4, DIGAMMA_D_4_LOW, w - 1.75);
    }

    static double trigamma(double x) {
        if (x > 0) {
            return trigammaPositive(x);
        }
        if (x != x) {
            return x;
        }
        if (x == Math.rint(x)) {
            // 0, -0, the negative integers and -inf: both one-sided limits are +inf
            return Double.POSITIVE_INFINITY;
        }
        // ψ₁(x) = π² / sin²(πx) - ψ₁(1 - x); no cancellation, as π²/sin² >= π² and ψ₁(1 - x) < 1.65
        return SpecialMath.piSquaredOverSinPiSquared(x) - trigammaPositive(1 - x);
    }

    /** ψ₁(x) for x > 0, or NaN/+inf as given. */
    private static double trigammaPositive(double x) {
        if (x >= ASYMPTOTIC_FROM) {
            return trigammaAsymptotic(x);
        }
        // ψ₁(x) = ψ₁(x + n) + Σ 1/(x + k)², k < n, with x + n in [10, 11); smallest terms first
        int n = 10 - (int) x;
        double sum = trigammaAsymptotic(x + n);
        for (int k = n - 1; k >= 0; k--) {
            double y = x + k;
            sum += 1 / (y * y);
        }
        return sum;
    }

    /** ψ₁(x) = 1/x + 1/(2x²) + Σ B2k / x^(2k+1), to B20 (DLMF 5.15.8), for x >= 10. */
    private static double trigammaAsymptotic(double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double z = 1 / x;
        double z2 = z * z;
        double series = 1.0 / 6 + z2 * (-1.0 / 30 + z2 * (1.0 / 42 + z2 * (-1.0 / 30 + z2 * (5.0 / 66
                + z2 * (-691.0 / 2730 + z2 * (7.0 / 6 + z2 * (-3617.0 / 510 + z2 * (43867.0 / 798
                + z2 * (-174611.0 / 330)))))))));
        return z * (1 + z * (0.5 + z * series));
    }

    static double tetragamma(double x) {
        if (x > 0) {
            return tetragammaPositive(x);
        }
        if (x != x || x == Math.rint(x)) {
            return atOddPole(x);
        }
        // ψ₂(x) = ψ₂(1 - x) - 2π³ cot(πx) / sin²(πx), the derivative of the reflection formula
        return tetragammaPositive(1 - x) - 2 * SpecialMath.piCotPi(x) * SpecialMath.piSquaredOverSinPiSquared(x);
    }

    /** ψ₂(x) for x > 0, or NaN/+inf as given. */
    private static double tetragammaPositive(double x) {
        if (x >= ASYMPTOTIC_FROM) {
            return tetragammaAsymptotic(x);
        }
        // ψ₂(x) = ψ₂(x + n) - 2 Σ 1/(x + k)³, k < n, with x + n in [10, 11); smallest terms first
        int n = 10 - (int) x;
        double sum = 0;
        for (int k = n - 1; k >= 0; k--) {
            double y = x + k;
            sum += 1 / (y * y * y);
        }
        return tetragammaAsymptotic(x + n) - 2 * sum;
    }

    /** ψ₂(x) = -(1/x² + 1/x³ + Σ (2k + 1) B2k / x^(2k+2)), to B24 (DLMF 5.15.8), for x >= 10. */
    private static double tetragammaAsymptotic(double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return -0.0;
        }
        double z = 1 / x;
        double z2 = z * z;
        double series = 1.0 / 2 + z2 * (-1.0 / 6 + z2 * (1.0 / 6 + z2 * (-3.0 / 10 + z2 * (5.0 / 6
                + z2 * (-691.0 / 210 + z2 * (35.0 / 2 + z2 * (-3617.0 / 30 + z2 * (43867.0 / 42
                + z2 * (-1222277.0 / 110 + z2 * (854513.0 / 6 + z2 * (-1181820455.0 / 546)))))))))));
        return -(z2 * (1 + z * (1 + z * series)));
    }
}
