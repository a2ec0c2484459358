package io.gradgen;

/**
 * Numerically stable math for loss methods, on plain {@code double}s and {@code double[]} rows.
 * Loss methods call these directly ({@code import static io.gradgen.Functions.*;}), so they stay
 * ordinary Java; gradgen's processor knows each one's derivative, and generated code calls them
 * too. Each method documents the derivative convention the processor uses, which matches PyTorch
 * at kinks.
 */
public final class Functions {

    /**
     * Above this input {@link #softplus(double)} returns its input unchanged, as PyTorch's
     * {@code softplus} with its default {@code threshold=20}; there {@code log(1 + e^x)} and
     * {@code x} differ by less than {@code 2.1e-9}.
     */
    public static final double SOFTPLUS_THRESHOLD = 20.0;

    /**
     * The {@code eps} of {@link #cosine(double[], double[])}: each norm is clamped to at least this,
     * as {@code torch.nn.functional.cosine_similarity}'s default {@code eps=1e-8}.
     */
    public static final double COSINE_EPS = 1e-8;

    /** Sums of squares inside this range go through cosine's plain formula without overflow or underflow. */
    private static final double COSINE_PLAIN_MIN = 1e-140;
    private static final double COSINE_PLAIN_MAX = 1e140;

    private Functions() {
    }

    /**
     * The square, {@code x * x}. Derivative {@code 2x}.
     *
     * @param x the value
     * @return {@code x * x}
     */
    public static double sq(double x) {
        return x * x;
    }

    /**
     * The logistic function {@code 1 / (1 + e^-x)}, without overflow for large {@code |x|}: for
     * {@code x >= 0} it is {@code 1 / (1 + e^-x)}, otherwise {@code e^x / (1 + e^x)}, so
     * {@code sigmoid(-1000) == 0} and {@code sigmoid(1000) == 1}. Derivative
     * {@code sigmoid(x) * (1 - sigmoid(x))}.
     *
     * @param x the value
     * @return a value in [0, 1]
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * {@code log(1 + e^x)}, computed as {@code log1p(e^x)}, and as {@code x} itself for
     * {@code x > 20} ({@link #SOFTPLUS_THRESHOLD}, as PyTorch): {@code softplus(1000) == 1000},
     * and {@code softplus(-1000)} is 0, not NaN. Derivative {@code sigmoid(x)} (1 above the
     * threshold).
     *
     * @param x the value
     * @return a non-negative value
     */
    public static double softplus(double x) {
        return x > SOFTPLUS_THRESHOLD ? x : Math.log1p(Math.exp(x));
    }

    /**
     * {@code log(sigmoid(x)) = -softplus(-x)}, computed as {@code min(x, 0) - log1p(e^-|x|)} so it
     * neither overflows nor loses precision at either end: {@code logSigmoid(-1000) == -1000}.
     * Derivative {@code sigmoid(-x) = 1 - sigmoid(x)}.
     *
     * @param x the value
     * @return a non-positive value
     */
    public static double logSigmoid(double x) {
        return Math.min(x, 0.0) - Math.log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * {@code log(e^a + e^b)}, computed as {@code max(a, b) + log1p(e^-|a - b|)} so it neither
     * overflows nor underflows: {@code logAddExp(1000, 1000) == 1000 + log 2}. As
     * {@code numpy.logaddexp}: {@code logAddExp(-inf, -inf) == -inf}, {@code logAddExp(+inf, b)
     * == +inf} for any {@code b} but NaN, {@code logAddExp(-inf, b) == b} (so a running log-sum-exp
     * starts from {@code Double.NEGATIVE_INFINITY}), and a NaN argument gives NaN. Derivatives
     * {@code sigmoid(a - b)} and {@code sigmoid(b - a)}, the weights {@code e^(a - result)} and
     * {@code e^(b - result)}.
     *
     * <p>Within 1 ulp of {@code max(|result|, |max(a, b)|)} against mpmath: relative, except
     * where the result is near 0 while {@code a} and {@code b} are not ({@code a = b = -log 2}),
     * where the formula's two terms cancel (as in numpy).
     *
     * @param a a value
     * @param b a value
     * @return the log of the sum of their exponentials
     */
    public static double logAddExp(double a, double b) {
        double m = Math.max(a, b);
        if (m == Double.POSITIVE_INFINITY || m == Double.NEGATIVE_INFINITY) {
            // a - b would be inf - inf = NaN; the answer is the infinity itself (NaN has m == NaN)
            return m;
        }
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /**
     * {@code log|Γ(x)|}, the log-gamma function, for every double, as C's {@code lgamma} and
     * {@code scipy.special.gammaln}: {@code lgamma(1) == lgamma(2) == 0}, {@code +inf} at the poles
     * {@code 0, -0.0, -1, -2, ...}, at {@code ±inf} (C's convention; scipy returns {@code -inf} at
     * {@code -inf}) and beyond {@code x ≈ 2.5563e305}, where the value overflows; NaN for NaN.
     * Derivative {@link #digamma(double)}.
     *
     * <p>Accuracy, against mpmath at 50 digits ({@code runtime/tools/special}): within 2 ulps for
     * every {@code x > 0}, including next to the roots at 1 and 2, where the value goes to zero.
     * For {@code x < 0}, within 3 ulps of {@code max(|lgamma(x)|, |lgamma(1 - x)|)}: the reflection
     * formula subtracts {@code lgamma(1 - x)}, so the error is relative except where the result
     * is much smaller than that term, around the roots of lgamma below -2 (in every interval
     * {@code (-n-1, -n)}, {@code n >= 2}), where it is absolute.
     *
     * @param x the value
     * @return {@code log|Γ(x)|}
     */
    public static double lgamma(double x) {
        return Gamma.lgamma(x);
    }

    /**
     * The digamma function {@code ψ(x) = Γ'(x) / Γ(x)}, the derivative of {@link #lgamma(double)},
     * for every double, with scipy.special.digamma's values at its poles: {@code -inf} at
     * {@code +0.0} and {@code +inf} at {@code -0.0} (the one-sided limits), NaN at the negative
     * integers (where the two one-sided limits are {@code ±inf}) and at {@code -inf}, {@code +inf}
     * at {@code +inf}. {@code digamma(1) == -γ}. Derivative {@link #trigamma(double)}.
     *
     * <p>Accuracy, against mpmath at 50 digits: within 2 ulps for every {@code x > 0}, including
     * around its positive root {@code x0 = 1.4616321449683623...}, where the value goes to zero.
     * For {@code x < 0}, within 4 ulps of {@code max(|ψ(x)|, |ψ(1 - x)|)}: relative, except
     * around the one root in each interval {@code (-n-1, -n)}, where the reflection formula's
     * {@code ψ(1 - x)} and {@code π cot(πx)} cancel and the error is absolute.
     *
     * @param x the value
     * @return {@code ψ(x)}
     */
    public static double digamma(double x) {
        return Polygamma.digamma(x);
    }

    /**
     * The trigamma function {@code ψ₁(x) = ψ'(x) = Σ_k 1/(x + k)²} ({@code polygamma(1, x)}),
     * the derivative of {@link #digamma(double)}, for every double: positive everywhere,
     * {@code +inf} at the poles {@code 0, -0.0, -1, -2, ...} and at {@code -inf} (every double below
     * {@code -2^52} is a pole), 0 at {@code +inf}. {@code trigamma(1) == π²/6}. Derivative
     * {@link #tetragamma(double)}.
     *
     * <p>Accuracy, against mpmath at 50 digits: within 2 ulps for {@code x > 0} and 3 ulps for
     * {@code x < 0}, relative everywhere (no cancellation: it is a sum of positive terms).
     *
     * @param x the value
     * @return {@code ψ₁(x)}
     */
    public static double trigamma(double x) {
        return Polygamma.trigamma(x);
    }

    /**
     * The tetragamma function {@code ψ₂(x) = ψ₁'(x) = -2 Σ_k 1/(x + k)³} ({@code polygamma(2, x)}),
     * the derivative of {@link #trigamma(double)}, which second derivatives through
     * {@code digamma} need: {@code -inf} at {@code +0.0} and {@code +inf} at {@code -0.0} (the
     * one-sided limits of {@code -2/x³}), NaN at the negative integers (where the one-sided limits
     * are {@code ±inf}) and at {@code -inf}, as {@link #digamma(double)} ({@code
     * scipy.special.polygamma(2, x)} returns {@code -inf} at all of them), {@code -0.0} at
     * {@code +inf}. {@code tetragamma(1) == -2ζ(3)}. Its own derivative, {@code polygamma(3, x)},
     * is not provided.
     *
     * <p>Accuracy, against mpmath at 50 digits: within 3 ulps for {@code x > 0}. For {@code x < 0},
     * within 4 ulps of {@code max(|ψ₂(x)|, |ψ₂(1 - x)|)}: relative, except around the one root in
     * each interval {@code (-n-1, -n)}, where the reflection formula cancels.
     *
     * @param x the value
     * @return {@code ψ₂(x)}
     */
    public static double tetragamma(double x) {
        return Polygamma.tetragamma(x);
    }

    /**
     * {@code x} itself, with zero gradient: JAX's {@code stop_gradient}, PyTorch's {@code detach()}.
     * In a loss, {@code var + detach(Math.max(var, eps) - var)} has the value of the clamped
     * variance and the gradient of {@code var} (PyTorch's {@code GaussianNLLLoss} clamps this way).
     *
     * @param x the value
     * @return {@code x}
     */
    public static double detach(double x) {
        return x;
    }

    /**
     * The loss of one position together with its weight in the mean: returned from a
     * {@code @Loss} method as {@code return weighted(value, weight);}, it makes the {@code MEAN}
     * reduction {@code Σ value / Σ weight} instead of dividing by the number of positions, as
     * PyTorch's class-weighted {@code NLLLoss}/{@code CrossEntropyLoss} do (a weight of 0 drops an
     * ignored position from the denominator). {@code SUM} and {@code NONE} use the value alone. The
     * weight may depend on labels and constants only. Called directly, it returns the value.
     *
     * @param value the loss of the position
     * @param weight its weight in the mean's denominator
     * @return {@code value}
     */
    public static double weighted(double value, double weight) {
        return value;
    }

    /**
     * {@code max(x, 0)}: {@code x} when {@code x > 0}, NaN when {@code x} is NaN (as PyTorch's
     * {@code relu}), and {@code 0.0} otherwise (also for {@code -0.0}). Derivative 1 for
     * {@code x > 0}, else 0, so {@code relu'(0) = 0}.
     *
     * @param x the value
     * @return the rectified value
     */
    public static double relu(double x) {
        return x > 0 || x != x ? x : 0.0;
    }

    /**
     * {@code min(max(x, lo), hi)} with {@link Math#max} and {@link Math#min}, so a NaN
     * {@code x} gives NaN; when {@code lo > hi} the result is {@code hi}, as in PyTorch.
     * Derivative 1 on the closed interval {@code lo <= x <= hi}, else 0.
     *
     * @param x the value
     * @param lo the lower bound
     * @param hi the upper bound
     * @return the clamped value
     */
    public static double clamp(double x, double lo, double hi) {
        return Math.min(Math.max(x, lo), hi);
    }

    /**
     * The sum of a row; 0 for an empty row. Derivative 1 for every element.
     *
     * @param row the values
     * @return their sum
     */
    public static double sum(double[] row) {
        java.util.Objects.requireNonNull(row, "sum: row is null");
        double s = 0;
        for (double v : row) {
            s += v;
        }
        return s;
    }

    /**
     * The arithmetic mean of a row. Derivative {@code 1/n} for every element.
     *
     * @param row the values
     * @return their mean
     * @throws IllegalArgumentException if the row is empty
     */
    public static double mean(double[] row) {
        checkNotEmpty("mean", row);
        return sum(row) / row.length;
    }

    /**
     * The largest element of a row, NaN if any element is NaN. Derivative: the gradient is split
     * evenly among the elements equal to the maximum (PyTorch's {@code amax} convention).
     *
     * @param row the values
     * @return the maximum
     * @throws IllegalArgumentException if the row is empty
     */
    public static double max(double[] row) {
        checkNotEmpty("max", row);
        double m = row[0];
        for (int i = 1; i < row.length; i++) {
            m = Math.max(m, row[i]);
        }
        return m;
    }

    /**
     * The smallest element of a row, NaN if any element is NaN. Derivative: the gradient is split
     * evenly among the elements equal to the minimum.
     *
     * @param row the values
     * @return the minimum
     * @throws IllegalArgumentException if the row is empty
     */
    public static double min(double[] row) {
        checkNotEmpty("min", row);
        double m = row[0];
        for (int i = 1; i < row.length; i++) {
            m = Math.min(m, row[i]);
        }
        return m;
    }

    /**
     * {@code log(sum(exp(row)))}, computed as {@code m + log(sum(exp(row - m)))} with {@code m}
     * the maximum, so large entries do not overflow: {@code logSumExp({1000, 1000}) == 1000 +
     * log 2}. All {@code -inf} gives {@code -inf}; any {@code +inf} gives {@code +inf}. Derivative:
     * the softmax, {@code exp(row[i] - logSumExp(row))}.
     *
     * @param row the values
     * @return the log of the sum of exponentials
     * @throws IllegalArgumentException if the row is empty
     */
    public static double logSumExp(double[] row) {
        checkNotEmpty("logSumExp", row);
        double m = max(row);
        if (Double.isInfinite(m)) {
            // -inf: every entry is -inf and the sum of exponentials is 0; +inf: the sum is +inf.
            // Subtracting an infinite m would turn both into NaN.
            return m;
        }
        double s = 0;
        for (double v : row) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    /**
     * The dot product {@code sum(a[i] * b[i])}. Derivatives {@code b} and {@code a}.
     *
     * @param a a row
     * @param b a row of the same length
     * @return the dot product; 0 for empty rows
     * @throws IllegalArgumentException if the lengths differ; the message names both
     */
    public static double dot(double[] a, double[] b) {
        java.util.Objects.requireNonNull(a, "dot: a is null");
        java.util.Objects.requireNonNull(b, "dot: b is null");
        if (a.length != b.length) {
            throw new IllegalArgumentException("dot: the rows have different lengths, " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * The Euclidean norm {@code sqrt(sum(row[i]^2))}, rescaled when the plain sum of squares would
     * overflow or underflow, so {@code norm({1e200, 1e200}) == sqrt(2) * 1e200}. Derivative
     * {@code row[i] / norm(row)}.
     *
     * @param row the values
     * @return the norm; 0 for an empty row
     */
    public static double norm(double[] row) {
        java.util.Objects.requireNonNull(row, "norm: row is null");
        double s = 0;
        for (double v : row) {
            s += v * v;
        }
        // The plain sum is exact enough unless it overflowed, or underflowed into the range where
        // squares of tiny entries lose their digits; then divide by the largest magnitude first.
        boolean plainIsAccurate = s < Double.POSITIVE_INFINITY && s > 1e-280;
        if (plainIsAccurate || s != s || s == 0 && allZero(row)) {
            return Math.sqrt(s);
        }
        double scale = 0;
        for (double v : row) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0 || Double.isInfinite(scale)) {
            return scale;
        }
        double t = 0;
        for (double v : row) {
            double r = v / scale;
            t += r * r;
        }
        return scale * Math.sqrt(t);
    }

    /**
     * The cosine similarity of two rows, exactly as {@code torch.nn.functional.cosine_similarity}
     * (PyTorch 2.x, {@code eps=1e-8}) defines it:
     * <pre>
     *   cosine(a, b) = Σ a[i] b[i] / (max(‖a‖, eps) · max(‖b‖, eps)),   eps = {@link #COSINE_EPS}
     * </pre>
     * Each norm is clamped separately (older PyTorch releases clamped their product instead), so a
     * zero row gives 0, not NaN. It is computed as {@code Σab / sqrt(max(Σa², eps²) · max(Σb², eps²))},
     * the same value with one square root instead of two, so {@code cosine(a, a)} is 1 to the last
     * bit more often; rows whose sums of squares lie outside [1e-140, 1e140] are first divided by
     * their clamped norms, as PyTorch does, so nothing overflows or underflows. NaN anywhere gives
     * NaN. Derivative, while both norms exceed eps: {@code ∂/∂a[i] = b[i] / (‖a‖ ‖b‖) -
     * cosine(a, b) a[i] / ‖a‖²}, and symmetrically for {@code b}. (PyTorch clamps the norms in
     * place under {@code no_grad}, so below eps its gradient still differentiates the unclamped
     * norm.)
     *
     * @param a a row
     * @param b a row of the same length
     * @return the cosine similarity, in [-1, 1] up to rounding; 0 for empty rows
     * @throws IllegalArgumentException if the lengths differ; the message names both
     */
    public static double cosine(double[] a, double[] b) {
        java.util.Objects.requireNonNull(a, "cosine: a is null");
        java.util.Objects.requireNonNull(b, "cosine: b is null");
        if (a.length != b.length) {
            throw new IllegalArgumentException("cosine: the rows have different lengths, " + a.length + " and "
                    + b.length + "; cosine similarity needs rows of one length");
        }
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        if (aa >= COSINE_PLAIN_MIN && aa <= COSINE_PLAIN_MAX && bb >= COSINE_PLAIN_MIN && bb <= COSINE_PLAIN_MAX) {
            double epsSquared = COSINE_EPS * COSINE_EPS;
            return ab / Math.sqrt(Math.max(aa, epsSquared) * Math.max(bb, epsSquared));
        }
        // tiny, huge, zero, infinite or NaN entries: normalise first, as PyTorch does
        double na = Math.max(norm(a), COSINE_EPS);
        double nb = Math.max(norm(b), COSINE_EPS);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] / na * (b[i] / nb);
        }
        return s;
    }

    private static boolean allZero(double[] row) {
        for (double v : row) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkNotEmpty(String function, double[] row) {
        java.util.Objects.requireNonNull(row, () -> function + ": row is null");
        if (row.length == 0) {
            throw new IllegalArgumentException(function + ": the row is empty; it needs at least one element");
        }
    }
}
