package corpus.elementwise;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.annotations.Reduction;

import static io.gradgen.Functions.*;

/** Regression losses, written the way a user of gradgen would write them. */
final class RegressionLosses {

    /** A floor for the variance, as torch.nn.GaussianNLLLoss's eps. */
    static final double VARIANCE_FLOOR = 1e-6;

    /** torch.nn.MSELoss. */
    @Loss
    static double mse(double pred, double target) {
        return sq(pred - target);
    }

    /** The PyTorch tutorial's CustomLoss: ((y_pred - y_true) ** 2).sum(). */
    @Loss(reduction = Reduction.SUM)
    static double customLoss(double yPred, double yTrue) {
        return Math.pow(yPred - yTrue, 2);
    }

    /** torch.nn.L1Loss(reduction='none'). */
    @Loss(reduction = Reduction.NONE)
    static double l1(double pred, double target) {
        return Math.abs(pred - target);
    }

    /** torch.nn.HuberLoss. */
    @Loss
    static double huber(double pred, double target, @Param(1.0) double delta) {
        double d = Math.abs(pred - target);
        return d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
    }

    /** torch.nn.SmoothL1Loss, with if/else instead of a conditional expression. */
    @Loss
    static double smoothL1(double pred, double target, @Param(1.0) double beta) {
        double d = Math.abs(pred - target);
        if (d < beta) {
            return 0.5 * d * d / beta;
        } else {
            return d - 0.5 * beta;
        }
    }

    /** |d|^p with an integral power given to the constructor. */
    @Loss(reduction = Reduction.SUM)
    static double powerLoss(double pred, double target, @Param(3) int p) {
        return Math.pow(Math.abs(pred - target), p);
    }

    /** torch.nn.PoissonNLLLoss(log_input=True), with an overflow guard a cautious user adds. */
    @Loss
    static double poissonNll(double logRate, double target) {
        return Math.min(Math.exp(logRate), Double.MAX_VALUE) - target * logRate;
    }

    /** torch.nn.GaussianNLLLoss: the mean and the variance are both network outputs. */
    @Loss
    static double gaussianNll(double mean, double target, double variance) {
        double v = Math.max(variance, VARIANCE_FLOOR);
        double r = mean - target;
        return 0.5 * (Math.log(v) + r * r / v);
    }

    /** The quantile (pinball) loss; tau has no default. */
    @Loss
    static double pinball(double pred, double target, @Param double tau) {
        double u = target - pred;
        return u >= 0 ? tau * u : (tau - 1) * u;
    }

    /** The quantile Huber loss of distributional RL (QR-DQN). */
    @Loss
    static double quantileHuber(double pred, double target, @Param(0.5) double tau, @Param(1.0) double kappa) {
        double u = target - pred;
        double a = Math.abs(u);
        double h = a <= kappa ? 0.5 * u * u : kappa * (a - 0.5 * kappa);
        double weight = Math.abs(tau - (u < 0 ? 1.0 : 0.0));
        return weight * h / kappa;
    }

    /** An L2 loss that clips the prediction into the target range [0, 1] first. */
    @Loss
    static double clampedMse(double pred, double target) {
        double p = clamp(pred, 0.0, 1.0);
        return sq(p - target);
    }

    /** A squared loss that turns linear beyond |d| > cap, written with early returns. */
    @Loss(reduction = Reduction.SUM)
    static double cappedSquare(double pred, double target, @Param(2.0) double cap) {
        double d = pred - target;
        if (d > cap)
            return cap * cap + 2 * cap * (d - cap);
        if (d < -cap) {
            return cap * cap - 2 * cap * (d + cap);
        }
        return d * d;
    }
}
