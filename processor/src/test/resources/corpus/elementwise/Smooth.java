package corpus.elementwise;

import io.gradgen.annotations.Differentiable;

/** Smooth approximations, built on {@link Stable}: helpers calling a helper in another class. */
final class Smooth {

    /** log(cosh(x)) = |x| + log(1 + e^(-2|x|)) - log 2, finite for every x. */
    @Differentiable
    static double logCosh(double x) {
        double a = Math.abs(x);
        return a + Stable.log1pExpOfNegative(-2 * a) - Stable.LOG_2;
    }

    /** The smooth absolute value sqrt(x^2 + eps^2) - eps. */
    @Differentiable
    static double smoothAbs(double x, double eps) {
        return Math.sqrt(x * x + eps * eps) - eps;
    }

    /** A logistic blend of two values, calling a helper of this class. */
    @Differentiable
    static double blend(double a, double b, double t) {
        double w = 1 / (1 + Math.exp(-t));
        return w * a + (1 - w) * smoothAbs(b, 0.5);
    }
}
