package language;

import io.gradgen.Functions;
import io.gradgen.annotations.Differentiable;
import io.gradgen.annotations.Loss;

final class LanguageLosses {
    /** Not a compile-time constant: the generated loss reads the field itself. */
    static final double LOG_2PI = Math.log(2 * Math.PI);

    @Loss
    static double totalVariation(double[] x) {
        double s = 0.0;
        for (int i = 1; i < x.length; i++) {
            s += Math.sqrt(Functions.sq(x[i] - x[i - 1]) + 0.01);
        }
        return s;
    }

    @Loss
    static double secondDifference(double[] x) {
        double s = 0.0;
        for (int i = 1; i < x.length - 1; i++) {
            s += Functions.sq(x[i + 1] - 2 * x[i] + x[i - 1]);
        }
        return s;
    }

    /** ListMLE: Σ_i (log Σ_{j ≥ i} exp(s_j) − s_i), the suffix sums a loop from i to the end. */
    @Loss
    static double listMle(double[] scores) {
        double total = 0.0;
        for (int i = 0; i < scores.length; i++) {
            double suffix = Double.NEGATIVE_INFINITY;
            for (int j = i; j < scores.length; j++) {
                suffix = Functions.logAddExp(suffix, scores[j]);
            }
            total += suffix - scores[i];
        }
        return total;
    }

    @Loss
    static double firstThree(double[] x) {
        double s = 0.0;
        for (int i = 0; i < 3; i++) {
            s += x[i] * x[i];
        }
        return s;
    }

    @Loss
    static double prefix(double[] x, int k) {
        double s = 0.0;
        for (int i = 0; i < k; i++) {
            s += x[i];
        }
        return s;
    }

    @Loss
    static double window(double[] x) {
        int n = x.length;
        int last = n - 1;
        double s = x[last] * x[0];
        for (int i = 1; i < last; i++) {
            s += x[i] * x[i + 1];
        }
        return s;
    }

    /** Chamfer distance between two sets of 1-D points: Σ_i min_j (a_i − b_j)². */
    @Loss
    static double chamfer(double[] a, double[] b) {
        double total = 0.0;
        for (int i = 0; i < a.length; i++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < b.length; j++) {
                nearest = Math.min(nearest, Functions.sq(a[i] - b[j]));
            }
            total += nearest;
        }
        return total;
    }

    @Loss
    static double smoothMax(double[] x) {
        double[] scaled = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            scaled[i] = 3 * x[i];
        }
        return Functions.logSumExp(scaled) / 3;
    }

    @Loss
    static double softmaxEntropy(double[] logits) {
        double[] p = softmax(logits);
        double h = 0.0;
        for (int i = 0; i < p.length; i++) {
            h -= p[i] * Math.log(p[i]);
        }
        return h;
    }

    @Loss
    static double shiftedNorm(double[] x) {
        double[] centred = centre(x);
        return Functions.norm(centred);
    }

    @Loss
    static double cosineDistance(double[] a, double[] b) {
        return 1 - cosine(a, b);
    }

    @Loss
    static double gated(double x, double y) {
        boolean far = Math.abs(x - y) > 0.5;
        boolean positive = x > 0;
        if (far && !positive) {
            return Functions.sq(x - y);
        }
        return far ? Math.abs(x - y) : 0.5 * x * y;
    }

    /** Poisson negative log-likelihood with the full Stirling term: lgamma(k + 1). */
    @Loss
    static double poissonFull(double rate, double k) {
        return rate - k * Math.log(rate) + Functions.lgamma(k + 1);
    }

    @Loss
    static double decibel(double power) {
        return 10 * Math.log10(power * power + 1);
    }

    @Loss
    static double gaussian(double x, double mu) {
        return 0.5 * (LOG_2PI + (x - mu) * (x - mu));
    }

    @Differentiable
    static double[] softmax(double[] z) {
        double m = Functions.max(z);
        double[] e = new double[z.length];
        double sum = 0.0;
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - m);
            sum += e[i];
        }
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = e[i] / sum;
        }
        return out;
    }

    @Differentiable
    static double[] centre(double[] x) {
        double mean = Functions.mean(x);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - mean;
        }
        return out;
    }

    @Differentiable
    static double cosine(double[] a, double[] b) {
        return Functions.dot(a, b) / (Functions.norm(a) * Functions.norm(b));
    }
}
