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
