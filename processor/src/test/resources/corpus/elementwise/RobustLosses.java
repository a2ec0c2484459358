package corpus.elementwise;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.annotations.Reduction;

import static io.gradgen.Functions.*;

/** M-estimator losses of robust regression, and a few oddities. */
final class RobustLosses {

    /** Cauchy (Lorentzian). */
    @Loss
    static double cauchy(double pred, double target, @Param(1.0) double c) {
        double r = (pred - target) / c;
        return 0.5 * c * c * Math.log1p(r * r);
    }

    /** Tukey's biweight: constant beyond c. */
    @Loss(reduction = Reduction.NONE)
    static double tukey(double pred, double target, @Param(4.685) double c) {
        double r = pred - target;
        if (!(Math.abs(r) > c)) {
            double t = 1 - sq(r / c);
            return c * c / 6 * (1 - t * t * t);
        } else {
            return c * c / 6;
        }
    }

    /** Welsch (Leclerc). */
    @Loss
    static double welsch(double pred, double target, @Param(1.0) double c) {
        return c * c / 2 * (1 - Math.exp(-sq((pred - target) / c)));
    }

    /** The "fair" loss. */
    @Loss
    static double fair(double pred, double target, @Param(1.3998) double c) {
        double a = Math.abs(pred - target) / c;
        return c * c * (a - Math.log1p(a));
    }

    /** Pseudo-Huber (Charbonnier with a scale). */
    @Loss
    static double pseudoHuber(double pred, double target, @Param(1.0) double delta) {
        double r = (pred - target) / delta;
        return delta * delta * (Math.sqrt(1 + r * r) - 1);
    }

    /** log(cosh(d)) written literally, with Math.cosh (fine on a bounded domain). */
    @Loss
    static double logHyperbolic(double pred, double target) {
        return Math.log(Math.cosh(pred - target));
    }

    /** An angular loss on a 2-D point: its angle against a target angle, its radius against 1. */
    @Loss
    static double polar(double x, double y, double targetAngle) {
        double radius = Math.hypot(x, y), angle = Math.atan2(y, x);
        double wrapped = 1 - Math.cos(angle - targetAngle);
        return wrapped + 0.1 * sq(radius - 1) + sq(angle - targetAngle) / (2 * Math.PI);
    }

    /** Mixes zero-gradient functions (signum, floor, ceil) with differentiable parts. */
    @Loss
    static double stepped(double pred, double target) {
        double d = pred - target;
        return Math.signum(d) * d + 0.1 * Math.floor(pred) - 0.05 * Math.ceil(target) + 0.5 * d * d;
    }

    /** Exercises the remaining Math functions on a bounded domain. */
    @Loss(name = "TrigonometricMix")
    static double trig(double a, double b) {
        double u = Math.tanh(a), v = Math.sin(b) * Math.cos(a);
        double w = Math.asin(0.5 * u) + Math.acos(0.5 * Math.tanh(b)) + Math.atan(a * b);
        w = w + Math.sinh(0.3 * a) - Math.cosh(0.2 * b);
        w += Math.cbrt(2 + u) + Math.expm1(0.1 * v) + Math.tan(0.3 * a);
        return w - -Math.sqrt(1 + v * v);
    }
}
