package corpus.elementwise;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;

/** Losses that call {@code @Differentiable} helpers declared in other classes. */
final class HelperLosses {

    /** log-cosh through a helper, which itself calls a helper of a third class. */
    @Loss
    static double logCoshLoss(double pred, double target) {
        return Smooth.logCosh(pred - target);
    }

    /** A Charbonnier loss through a two-argument helper, its eps a constructor constant. */
    @Loss
    static double charbonnier(double pred, double target, @Param(0.1) double eps) {
        return Smooth.smoothAbs(pred - target, eps);
    }

    /** A helper used twice and nested inside another helper's argument. */
    @Loss
    static double gatedResidual(double pred, double target, double gate) {
        double r = pred - target;
        return Smooth.blend(Smooth.logCosh(r), r, gate) + 0.25 * Smooth.logCosh(gate);
    }
}
