package io.gradgen.kernels;

/**
 * Scalar twins of the Vector API kernels: the same polynomial algorithms, operation for operation
 * (IEEE {@code + - * /} and {@link Math#fma}, all exactly rounded), so a lane of the vector path
 * and this code give the same bits. The vector path uses them for the tail of a range that does
 * not fill a whole vector, which makes its results independent of offsets and lengths.
 *
 * <p>Accuracy against {@link Math}: {@link #exp} within 1 ulp, {@link #log} within 1 ulp (the
 * fdlibm kernel), {@link #log1p} within 2 ulps, and the compositions within a few ulps; special
 * values (±0, ±∞, NaN, subnormals, overflow and underflow) as {@link Math}.
 */
final class PolyMath {

    static final double LOG2E = 1.4426950408889634;
    /** 1.5·2⁵²: adding it rounds to an integer, which then sits in the low mantissa bits. */
    static final double SHIFTER = 0x1.8p52;
    static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    /** ln 2 split so that {@code n * LN2_HI} is exact for every exponent (fdlibm). */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** exp overflows above ~709.78 and underflows to 0 below ~-745.13; clamping keeps 2ⁿ in range. */
    static final double EXP_HI = 710.0;
    static final double EXP_LO = -746.0;
    /** Taylor coefficients 1/k!, k = 2..13: the remainder is below 0.02 ulp for |r| ≤ ln2/2. */
    static final double C2 = 1.0 / 2;
    static final double C3 = 1.0 / 6;
    static final double C4 = 1.0 / 24;
    static final double C5 = 1.0 / 120;
    static final double C6 = 1.0 / 720;
    static final double C7 = 1.0 / 5040;
    static final double C8 = 1.0 / 40320;
    static final double C9 = 1.0 / 362880;
    static final double C10 = 1.0 / 3628800;
    static final double C11 = 1.0 / 39916800;
    static final double C12 = 1.0 / 479001600;
    static final double C13 = 1.0 / 6227020800.0;

    /** log: mantissas are reduced into [√2/2, √2); subtracting this from the bits finds the exponent. */
    static final long LOG_OFF = 0x3fe6a09e667f3bcdL;
    static final double MIN_NORMAL = 0x1p-1022;
    static final double TWO54 = 0x1p54;
    /** fdlibm's e_log.c minimax coefficients. */
    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;

    static final double SOFTPLUS_THRESHOLD = 20.0;

    private PolyMath() {
    }

    static double exp(double x) {
        double xc = Math.min(Math.max(x, EXP_LO), EXP_HI);
        double t = Math.fma(xc, LOG2E, SHIFTER);
        double nd = t - SHIFTER;
        long n = Double.doubleToRawLongBits(t) - SHIFTER_BITS;
        double r = Math.fma(-nd, LN2_HI, xc);
        r = Math.fma(-nd, LN2_LO, r);
        double p = Math.fma(C13, r, C12);
        p = Math.fma(p, r, C11);
        p = Math.fma(p, r, C10);
        p = Math.fma(p, r, C9);
        p = Math.fma(p, r, C8);
        p = Math.fma(p, r, C7);
        p = Math.fma(p, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        double e = 1.0 + Math.fma(r * r, p, r);
        // 2^n in two factors, so that subnormal results and n = 1024 need no special case
        long n1 = n >> 1;
        long n2 = n - n1;
        return e * Double.longBitsToDouble((n1 + 1023) << 52) * Double.longBitsToDouble((n2 + 1023) << 52);
    }

    static double log(double x) {
        boolean subnormal = x < MIN_NORMAL;
        double xs = subnormal ? x * TWO54 : x;
        double kAdjust = subnormal ? 54.0 : 0.0;
        long bits = Double.doubleToRawLongBits(xs);
        long k = (bits - LOG_OFF) >> 52;
        double m = Double.longBitsToDouble(bits - (k << 52));
        double kd = (Double.longBitsToDouble(k + SHIFTER_BITS) - SHIFTER) - kAdjust;
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        double rr = t2 + t1;
        double hfsq = 0.5 * f * f;
        double result = kd * LN2_HI - ((hfsq - (s * (hfsq + rr) + kd * LN2_LO)) - f);
        if (x == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (x == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x < 0.0 || x != x) {
            return Double.NaN;
        }
        return result;
    }

    static double log1p(double x) {
        double u = 1.0 + x;
        // log(1 + x) = log(u) + log(1 + (x - (u - 1)) / u): the second term corrects the rounding of u
        double c = (x - (u - 1.0)) / u;
        if (c != c) {
            c = 0.0; // u is 0 or infinite; log(u) alone is right
        }
        double result = log(u) + c;
        return x == 0.0 ? x : result;
    }

    static double softplus(double x) {
        double result = log1p(exp(x));
        return x > SOFTPLUS_THRESHOLD ? x : result;
    }

    static double sigmoid(double x) {
        double e = exp(-Math.abs(x));
        double onePlus = 1.0 + e;
        return x >= 0.0 ? 1.0 / onePlus : e / onePlus;
    }

    static double logSigmoid(double x) {
        return Math.min(x, 0.0) - log1p(exp(-Math.abs(x)));
    }
}
