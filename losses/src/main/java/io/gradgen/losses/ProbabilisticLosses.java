package io.gradgen.losses;

import static io.gradgen.Functions.detach;
import static io.gradgen.Functions.logSigmoid;
import static io.gradgen.Functions.sq;

import io.gradgen.annotations.LastIndex;
import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;

/**
 * PyTorch's likelihood losses, <a href="https://pytorch.org/docs/stable/nn.html#loss-functions">torch.nn</a>
 * {@code BCELoss}, {@code BCEWithLogitsLoss} (with their {@code weight} and {@code pos_weight} rows),
 * {@code KLDivLoss}, {@code PoissonNLLLoss} and
 * {@code GaussianNLLLoss}, written as gradgen {@code @Loss} methods: element-wise, with PyTorch's
 * formulas and defaults ({@code @Param boolean} flags are PyTorch's boolean keywords, false unless
 * written {@code @Param(1)}).
 */
public final class ProbabilisticLosses {
    /** PyTorch clamps each log of {@code binary_cross_entropy} at −100, so a probability of 0 or 1 stays finite. */
    static final double BCE_LOG_FLOOR = -100.0;

    private ProbabilisticLosses() {
    }

    /**
     * {@code torch.nn.BCELoss(weight=None)}: {@code −w[c]·[y·log x + (1 − y)·log(1 − x)]}, each log
     * clamped at {@code ≥ −100}, where {@code c} is the position's index along the last dimension:
     * {@code weight} is a row over the last dimension that broadcasts over the rest, as PyTorch's,
     * all 1 when left out. The input must be a probability in [0, 1].
     *
     * @param input the predicted probability
     * @param target the target probability
     * @param weight one weight per index of the last dimension; all 1 when left out
     * @param c the position's index along the last dimension (supplied by the generated loss)
     * @return the binary cross-entropy
     */
    @Loss(name = "BCELoss")
    public static double bce(double input, double target, @Param(1.0) double[] weight, @LastIndex int c) {
        return -weight[c] * (target * Math.max(Math.log(input), BCE_LOG_FLOOR)
                + (1 - target) * Math.max(Math.log(1 - input), BCE_LOG_FLOOR));
    }

    /**
     * {@code torch.nn.BCEWithLogitsLoss(weight=None, pos_weight=None)}:
     * {@code w[c]·[(1 − y)·x − (1 + (p[c] − 1)·y)·log σ(x)]} (PyTorch's stable form), where {@code c}
     * is the position's index along the last dimension; both rows broadcast over the rest, and each
     * is all 1 when left out (then {@code (1 − y)·x − log σ(x)}).
     *
     * @param input the logit
     * @param target the target probability
     * @param weight one weight per index of the last dimension; all 1 when left out
     * @param posWeight the weight of the positive term, one per index of the last dimension; all 1 when left out
     * @param c the position's index along the last dimension (supplied by the generated loss)
     * @return the binary cross-entropy of the logit
     */
    @Loss(name = "BCEWithLogitsLoss")
    public static double bceWithLogits(double input, double target, @Param(1.0) double[] weight,
            @Param(1.0) double[] posWeight, @LastIndex int c) {
        double lw = 1 + (posWeight[c] - 1) * target;
        return weight[c] * ((1 - target) * input - lw * logSigmoid(input));
    }

    /**
     * {@code torch.nn.BCELoss(weight)}, as {@link #bce} with a weight.
     *
     * @param input the predicted probability
     * @param target the target probability
     * @param weight one weight per index of the last dimension
     * @param c the position's index along the last dimension (supplied by the generated loss)
     * @return the weighted binary cross-entropy
     * @deprecated use {@code new BCELoss(weight)} or {@code new BCELoss().withWeight(weight)};
     *     {@code WeightedBCELoss} will be removed in 0.3
     */
    @Deprecated(since = "0.2", forRemoval = true)
    @Loss(name = "WeightedBCELoss")
    public static double weightedBce(double input, double target, @Param double[] weight, @LastIndex int c) {
        return -weight[c] * (target * Math.max(Math.log(input), BCE_LOG_FLOOR)
                + (1 - target) * Math.max(Math.log(1 - input), BCE_LOG_FLOOR));
    }

    /**
     * {@code torch.nn.BCEWithLogitsLoss(weight, pos_weight)}, as {@link #bceWithLogits} with both rows given.
     *
     * @param input the logit
     * @param target the target probability
     * @param weight one weight per index of the last dimension
     * @param posWeight the weight of the positive term, one per index of the last dimension
     * @param c the position's index along the last dimension (supplied by the generated loss)
     * @return the weighted binary cross-entropy of the logit
     * @deprecated use {@code new BCEWithLogitsLoss(weight, posWeight)}, or
     *     {@code new BCEWithLogitsLoss().withWeight(weight)} and {@code .withPosWeight(posWeight)} for either
     *     alone; {@code WeightedBCEWithLogitsLoss} will be removed in 0.3
     */
    @Deprecated(since = "0.2", forRemoval = true)
    @Loss(name = "WeightedBCEWithLogitsLoss")
    public static double weightedBceWithLogits(double input, double target, @Param double[] weight,
            @Param double[] posWeight, @LastIndex int c) {
        double lw = 1 + (posWeight[c] - 1) * target;
        return weight[c] * ((1 - target) * input - lw * logSigmoid(input));
    }

    /**
     * {@code torch.nn.KLDivLoss(log_target=False)}, element-wise, as {@code aten::kl_div}:
     * {@code t·log t − t·x} where {@code t > 0}, else 0 ({@code 0·log 0 = 0}; where {@code t = 0} the
     * target gradient is 0, PyTorch's is NaN); with {@code log_target}: {@code e^t·(t − x)}. The
     * input is a log-probability. PyTorch's {@code reduction='batchmean'} is
     * {@code withReduction(Reduction.BATCH_MEAN)}: the sum divided by the first dimension.
     *
     * @param input the log-probability
     * @param target the target probability, or its log with {@code logTarget}
     * @param logTarget whether the target is given as a log-probability
     * @return the pointwise Kullback–Leibler divergence
     */
    @Loss(name = "KLDivLoss")
    public static double klDiv(double input, double target, @Param boolean logTarget) {
        if (logTarget) {
            return Math.exp(target) * (target - input);
        }
        return target > 0 ? target * Math.log(target) - target * input : 0.0;
    }

    /**
     * {@code torch.nn.PoissonNLLLoss(log_input=True, full=False, eps=1e-8)}: {@code e^x − y·x}, or
     * {@code x − y·log(x + eps)} without {@code log_input}; {@code full} adds Stirling's
     * approximation {@code y·log y − y + 0.5·log(2πy)} where {@code y > 1}.
     *
     * @param input the rate, or its log with {@code logInput}
     * @param target the observed count
     * @param logInput whether the input is the log of the rate
     * @param full whether to add the Stirling term
     * @param eps added to the rate inside the log without {@code logInput}
     * @return the Poisson negative log-likelihood
     */
    @Loss(name = "PoissonNLLLoss")
    public static double poissonNll(double input, double target, @Param(1) boolean logInput, @Param boolean full,
            @Param(1e-8) double eps) {
        double loss = logInput ? Math.exp(input) - target * input : input - target * Math.log(input + eps);
        double stirling = full && target > 1
                ? target * Math.log(target) - target + 0.5 * Math.log(2 * Math.PI * target) : 0.0;
        return loss + stirling;
    }

    /**
     * {@code torch.nn.GaussianNLLLoss(full=False, eps=1e-6)}: {@code 0.5·(log v + (x − y)²/v)} with
     * {@code v = max(var, eps)}; {@code full} adds {@code 0.5·log 2π}. PyTorch clamps under
     * {@code no_grad}, so the gradient of {@code var} is that of the clamped expression passed
     * straight through the clamp: here {@code v = var + detach(max(var, eps) − var)}. A {@code var}
     * of the input's shape only.
     *
     * @param input the predicted mean
     * @param target the observation
     * @param var the predicted variance
     * @param full whether to add the constant {@code 0.5·log 2π}
     * @param eps the variance floor
     * @return the Gaussian negative log-likelihood
     */
    @Loss(name = "GaussianNLLLoss")
    public static double gaussianNll(double input, double target, double var, @Param boolean full,
            @Param(1e-6) double eps) {
        double v = var + detach(Math.max(var, eps) - var);
        double loss = 0.5 * (Math.log(v) + sq(input - target) / v);
        return full ? loss + 0.5 * Math.log(2 * Math.PI) : loss;
    }
}
