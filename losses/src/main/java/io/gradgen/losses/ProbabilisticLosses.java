package io.gradgen.losses;

import static io.gradgen.Functions.logSigmoid;

import io.gradgen.annotations.Loss;

/**
 * PyTorch's likelihood losses, <a href="https://pytorch.org/docs/stable/nn.html#loss-functions">torch.nn</a>
 * {@code BCELoss} and {@code BCEWithLogitsLoss}, written as gradgen {@code @Loss} methods:
 * element-wise, with PyTorch's formulas and defaults.
 */
public final class ProbabilisticLosses {
    /** PyTorch clamps each log of {@code binary_cross_entropy} at −100, so a probability of 0 or 1 stays finite. */
    static final double BCE_LOG_FLOOR = -100.0;

    private ProbabilisticLosses() {
    }

    /**
     * {@code torch.nn.BCELoss()}: {@code −[y·log x + (1 − y)·log(1 − x)]}, each log clamped at
     * {@code ≥ −100}. The input must be a probability in [0, 1].
     *
     * @param input the predicted probability
     * @param target the target probability
     * @return the binary cross-entropy
     */
    @Loss(name = "BCELoss")
    public static double bce(double input, double target) {
        return -(target * Math.max(Math.log(input), BCE_LOG_FLOOR)
                + (1 - target) * Math.max(Math.log(1 - input), BCE_LOG_FLOOR));
    }

    /**
     * {@code torch.nn.BCEWithLogitsLoss()}: {@code −[y·log σ(x) + (1 − y)·log(1 − σ(x))]}, in the
     * stable form {@code (1 − y)·x − log σ(x)}.
     *
     * @param input the logit
     * @param target the target probability
     * @return the binary cross-entropy of the logit
     */
    @Loss(name = "BCEWithLogitsLoss")
    public static double bceWithLogits(double input, double target) {
        return (1 - target) * input - logSigmoid(input);
    }
}
