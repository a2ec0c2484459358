package io.gradgen.losses;

import static io.gradgen.Functions.sq;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;

/**
 * PyTorch's regression losses, <a href="https://pytorch.org/docs/stable/nn.html#loss-functions">torch.nn</a>
 * {@code L1Loss}, {@code MSELoss}, {@code SmoothL1Loss} and {@code HuberLoss}, written as gradgen
 * {@code @Loss} methods: element-wise over a prediction and a target of one shape, with PyTorch's
 * formulas, defaults and gradients at kinks. The processor generates {@link L1Loss}, {@link MSELoss},
 * {@link SmoothL1Loss} and {@link HuberLoss} (and their {@code *Backward}) from them.
 *
 * <p>Each method is also an ordinary static method on plain doubles: {@code huber(0.3, 2.0, 1.0)}.
 */
public final class RegressionLosses {
    private RegressionLosses() {
    }

    /**
     * {@code torch.nn.L1Loss}: {@code |input − target|}, gradient {@code sign(input − target)}, 0 at a tie.
     *
     * @param input the prediction
     * @param target the target
     * @return the absolute error
     */
    @Loss(name = "L1Loss")
    public static double l1(double input, double target) {
        return Math.abs(input - target);
    }

    /**
     * {@code torch.nn.MSELoss}: {@code (input − target)²}.
     *
     * @param input the prediction
     * @param target the target
     * @return the squared error
     */
    @Loss(name = "MSELoss")
    public static double mse(double input, double target) {
        return sq(input - target);
    }

    /**
     * {@code torch.nn.SmoothL1Loss(beta=1.0)}: {@code 0.5·d²/β} where {@code d = |input − target| < β},
     * else {@code d − 0.5·β}. {@code β = 0} is exactly {@link L1Loss}.
     *
     * @param input the prediction
     * @param target the target
     * @param beta where the quadratic part turns linear, {@code ≥ 0}
     * @return the smooth L1 error
     */
    @Loss(name = "SmoothL1Loss")
    public static double smoothL1(double input, double target, @Param(value = 1.0, min = 0) double beta) {
        double d = Math.abs(input - target);
        return d < beta ? 0.5 * d * d / beta : d - 0.5 * beta;
    }

    /**
     * {@code torch.nn.HuberLoss(delta=1.0)}: {@code 0.5·d²} where {@code d = |input − target| < δ},
     * else {@code δ·(d − 0.5·δ)}; equals {@code δ·SmoothL1Loss(beta=δ)}.
     *
     * @param input the prediction
     * @param target the target
     * @param delta where the quadratic part turns linear, {@code > 0}
     * @return the Huber error
     */
    @Loss(name = "HuberLoss")
    public static double huber(double input, double target, @Param(value = 1.0, min = 0, exclusiveMin = true) double delta) {
        double d = Math.abs(input - target);
        return d < delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
    }
}
