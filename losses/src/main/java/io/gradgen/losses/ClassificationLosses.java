package io.gradgen.losses;

import static io.gradgen.Functions.logSigmoid;
import static io.gradgen.Functions.logSumExp;
import static io.gradgen.Functions.relu;
import static io.gradgen.Functions.softplus;
import static io.gradgen.Functions.weighted;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;

/**
 * PyTorch's classification losses, <a href="https://pytorch.org/docs/stable/nn.html#loss-functions">torch.nn</a>
 * {@code NLLLoss}, {@code CrossEntropyLoss} (class-index and probability targets), {@code MultiMarginLoss},
 * {@code MultiLabelSoftMarginLoss} and {@code SoftMarginLoss}, written as gradgen {@code @Loss}
 * methods with PyTorch's formulas, defaults and gradients at kinks. A row ({@code double[]}) is
 * the last dimension of the input (the classes); the other dimensions are batch positions.
 *
 * <p>PyTorch's {@code weight=None} is an optional row, {@code @Param(1.0) double[] weight}: left out
 * ({@code new NLLLoss()}), every class weighs 1 and the generated loss runs kernels derived with the
 * weight folded away; given ({@code new NLLLoss().withWeight(w)}), the weighted kernels run. The
 * {@code Weighted*} losses of release 0.1 remain, deprecated, until 0.3.
 *
 * <p>PyTorch's {@code CrossEntropyLoss} picks its form from the target's dtype at run time; a
 * gradgen loss has one signature, so class-index targets are {@code CrossEntropyLoss} and
 * probability targets {@code SoftTargetCrossEntropyLoss}.
 *
 * <p>{@code ignore_index}: a row whose target equals it counts 0 and drops out of the mean's
 * denominator ({@code Functions.weighted}); its target is never used as an index, so PyTorch's
 * default {@code -100} is fine.
 */
public final class ClassificationLosses {
    private ClassificationLosses() {
    }

    /**
     * {@code torch.nn.NLLLoss(weight=None, ignore_index=-100)}: {@code −w_y·x_y} for a row of
     * log-probabilities {@code x}, 0 where the target is {@code ignoreIndex}; the mean divides by
     * {@code Σ w_y} over the rows that count (without a weight, by their number).
     *
     * @param input one row of log-probabilities
     * @param target the class index
     * @param weight one weight per class; all 1 when left out
     * @param ignoreIndex a target value that contributes nothing
     * @return the negative log-likelihood of the row
     */
    @Loss(name = "NLLLoss")
    public static double nll(double[] input, int target, @Param(1.0) double[] weight, @Param(-100) int ignoreIndex) {
        if (target == ignoreIndex) {
            return weighted(0.0, 0.0);
        }
        double w = weight[target];
        return weighted(-w * input[target], w);
    }

    /**
     * {@code torch.nn.NLLLoss(weight, ignore_index=-100)}, as {@link #nll} with a weight.
     *
     * @param input one row of log-probabilities
     * @param target the class index
     * @param weight one weight per class
     * @param ignoreIndex a target value that contributes nothing
     * @return the weighted negative log-likelihood of the row
     * @deprecated use {@code new NLLLoss(weight, ignoreIndex)} or {@code new NLLLoss().withWeight(weight)};
     *     {@code WeightedNLLLoss} will be removed in 0.3
     */
    @Deprecated(since = "0.2", forRemoval = true)
    @Loss(name = "WeightedNLLLoss")
    public static double weightedNll(double[] input, int target, @Param double[] weight,
            @Param(-100) int ignoreIndex) {
        if (target == ignoreIndex) {
            return weighted(0.0, 0.0);
        }
        double w = weight[target];
        return weighted(-w * input[target], w);
    }

    /**
     * {@code torch.nn.CrossEntropyLoss(weight=None, ignore_index=-100, label_smoothing=0.0)} with
     * class-index targets: {@code (1 − ε)·w_y·(lse − x_y) + (ε/C)·Σ_c w_c·(lse − x_c)} with
     * {@code lse = log Σ_c e^{x_c}}, 0 where the target is {@code ignoreIndex}; the mean divides by
     * {@code Σ w_y} over the rows that count (for the smoothing term too, as PyTorch), which without a
     * weight is their number.
     *
     * @param input one row of logits (unnormalised scores)
     * @param target the class index
     * @param weight one weight per class; all 1 when left out
     * @param ignoreIndex a target value that contributes nothing
     * @param labelSmoothing ε in [0, 1]
     * @return the cross-entropy of the row
     */
    @Loss(name = "CrossEntropyLoss")
    public static double crossEntropy(double[] input, int target, @Param(1.0) double[] weight,
            @Param(-100) int ignoreIndex, @Param(value = 0.0, min = 0, max = 1) double labelSmoothing) {
        if (target == ignoreIndex) {
            return weighted(0.0, 0.0);
        }
        double lse = logSumExp(input);
        double smooth = 0.0;
        for (int c = 0; c < input.length; c++) {
            smooth += weight[c] * (lse - input[c]);
        }
        double w = weight[target];
        // as PyTorch, no smoothing term at ε = 0: 0·smooth would be NaN for a masked (−∞) logit
        double smoothing = labelSmoothing == 0 ? 0.0 : labelSmoothing / input.length * smooth;
        return weighted((1 - labelSmoothing) * w * (lse - input[target]) + smoothing, w);
    }

    /**
     * {@code torch.nn.CrossEntropyLoss(weight, ignore_index=-100, label_smoothing=0.0)} with
     * class-index targets, as {@link #crossEntropy} with a weight.
     *
     * @param input one row of logits
     * @param target the class index
     * @param weight one weight per class
     * @param ignoreIndex a target value that contributes nothing
     * @param labelSmoothing ε in [0, 1]
     * @return the weighted cross-entropy of the row
     * @deprecated use {@code new CrossEntropyLoss(weight, ignoreIndex, labelSmoothing)} or
     *     {@code new CrossEntropyLoss().withWeight(weight)}; {@code WeightedCrossEntropyLoss} will be removed in 0.3
     */
    @Deprecated(since = "0.2", forRemoval = true)
    @Loss(name = "WeightedCrossEntropyLoss")
    public static double weightedCrossEntropy(double[] input, int target, @Param double[] weight,
            @Param(-100) int ignoreIndex, @Param(value = 0.0, min = 0, max = 1) double labelSmoothing) {
        if (target == ignoreIndex) {
            return weighted(0.0, 0.0);
        }
        double lse = logSumExp(input);
        double smooth = 0.0;
        for (int c = 0; c < input.length; c++) {
            smooth += weight[c] * (lse - input[c]);
        }
        double w = weight[target];
        // as PyTorch, no smoothing term at ε = 0: 0·smooth would be NaN for a masked (−∞) logit
        double smoothing = labelSmoothing == 0 ? 0.0 : labelSmoothing / input.length * smooth;
        return weighted((1 - labelSmoothing) * w * (lse - input[target]) + smoothing, w);
    }

    /**
     * {@code torch.nn.CrossEntropyLoss(weight=None, label_smoothing=0.0)} with class-probability
     * targets (PyTorch picks this form when the target is a float tensor of the input's shape):
     * {@code −Σ_c w_c·t_c·log softmax(input)_c}, with {@code t ← t·(1 − ε) + ε/C} under label
     * smoothing ε. The mean divides by the number of rows, with a weight too.
     *
     * @param input one row of logits (unnormalised scores)
     * @param target one row of class probabilities
     * @param weight one weight per class; all 1 when left out
     * @param labelSmoothing ε in [0, 1]
     * @return the cross-entropy of the row
     */
    @Loss(name = "SoftTargetCrossEntropyLoss")
    public static double softTargetCrossEntropy(double[] input, double[] target, @Param(1.0) double[] weight,
            @Param(value = 0.0, min = 0, max = 1) double labelSmoothing) {
        double lse = logSumExp(input);
        double s = 0.0;
        for (int c = 0; c < input.length; c++) {
            double t = target[c] * (1 - labelSmoothing) + labelSmoothing / input.length;
            s += weight[c] * t * (input[c] - lse);
        }
        return -s;
    }

    /**
     * {@code torch.nn.CrossEntropyLoss(weight, label_smoothing=0.0)} with class-probability
     * targets, as {@link #softTargetCrossEntropy} with a weight.
     *
     * @param input one row of logits
     * @param target one row of class probabilities
     * @param weight one weight per class
     * @param labelSmoothing ε in [0, 1]
     * @return the weighted cross-entropy of the row
     * @deprecated use {@code new SoftTargetCrossEntropyLoss(weight, labelSmoothing)} or
     *     {@code new SoftTargetCrossEntropyLoss().withWeight(weight)};
     *     {@code WeightedSoftTargetCrossEntropyLoss} will be removed in 0.3
     */
    @Deprecated(since = "0.2", forRemoval = true)
    @Loss(name = "WeightedSoftTargetCrossEntropyLoss")
    public static double weightedSoftTargetCrossEntropy(double[] input, double[] target, @Param double[] weight,
            @Param(value = 0.0, min = 0, max = 1) double labelSmoothing) {
        double lse = logSumExp(input);
        double s = 0.0;
        for (int c = 0; c < input.length; c++) {
            double t = target[c] * (1 - labelSmoothing) + labelSmoothing / input.length;
            s += weight[c] * t * (input[c] - lse);
        }
        return -s;
    }

    /**
     * {@code torch.nn.MultiMarginLoss(p=1, margin=1.0, weight=None)}:
     * {@code (1/C)·Σ_{i≠y} w_y·max(0, margin − x_y + x_i)^p}; the weight multiplies after the power.
     * A term counts only where it is strictly positive (no gradient at 0), as in PyTorch.
     *
     * @param input one row of scores
     * @param target the class index
     * @param p 1 or 2
     * @param margin the margin
     * @param weight one weight per class; all 1 when left out
     * @return the multi-class hinge loss of the row
     */
    @Loss(name = "MultiMarginLoss")
    public static double multiMargin(double[] input, int target, @Param(value = 1, oneOf = {1, 2}) int p,
            @Param(1.0) double margin, @Param(1.0) double[] weight) {
        double s = 0.0;
        for (int i = 0; i < input.length; i++) {
            if (i != target) {
                s += weight[target] * Math.pow(relu(margin - input[target] + input[i]), p);
            }
        }
        return s / input.length;
    }

    /**
     * {@code torch.nn.MultiMarginLoss(p, margin, weight)}, as {@link #multiMargin} with a weight.
     *
     * @param input one row of scores
     * @param target the class index
     * @param p 1 or 2
     * @param margin the margin
     * @param weight one weight per class
     * @return the weighted multi-class hinge loss of the row
     * @deprecated use {@code new MultiMarginLoss(p, margin, weight)} or
     *     {@code new MultiMarginLoss().withWeight(weight)}; {@code WeightedMultiMarginLoss} will be removed in 0.3
     */
    @Deprecated(since = "0.2", forRemoval = true)
    @Loss(name = "WeightedMultiMarginLoss")
    public static double weightedMultiMargin(double[] input, int target, @Param(value = 1, oneOf = {1, 2}) int p,
            @Param(1.0) double margin,
            @Param double[] weight) {
        double s = 0.0;
        for (int i = 0; i < input.length; i++) {
            if (i != target) {
                s += weight[target] * Math.pow(relu(margin - input[target] + input[i]), p);
            }
        }
        return s / input.length;
    }

    /**
     * {@code torch.nn.MultiLabelSoftMarginLoss(weight=None)}:
     * {@code −(1/C)·Σ_i w_i·[y_i·log σ(x_i) + (1 − y_i)·log σ(−x_i)]}.
     *
     * @param input one row of logits, one per label
     * @param target one row of 0/1 labels
     * @param weight one weight per label; all 1 when left out
     * @return the multi-label logistic loss of the row
     */
    @Loss(name = "MultiLabelSoftMarginLoss")
    public static double multiLabelSoftMargin(double[] input, double[] target, @Param(1.0) double[] weight) {
        double s = 0.0;
        for (int i = 0; i < input.length; i++) {
            s += -(target[i] * logSigmoid(input[i]) + (1 - target[i]) * logSigmoid(-input[i])) * weight[i];
        }
        return s / input.length;
    }

    /**
     * {@code torch.nn.MultiLabelSoftMarginLoss(weight)}, as {@link #multiLabelSoftMargin} with a weight.
     *
     * @param input one row of logits, one per label
     * @param target one row of 0/1 labels
     * @param weight one weight per label
     * @return the weighted multi-label logistic loss of the row
     * @deprecated use {@code new MultiLabelSoftMarginLoss(weight)} or
     *     {@code new MultiLabelSoftMarginLoss().withWeight(weight)};
     *     {@code WeightedMultiLabelSoftMarginLoss} will be removed in 0.3
     */
    @Deprecated(since = "0.2", forRemoval = true)
    @Loss(name = "WeightedMultiLabelSoftMarginLoss")
    public static double weightedMultiLabelSoftMargin(double[] input, double[] target, @Param double[] weight) {
        double s = 0.0;
        for (int i = 0; i < input.length; i++) {
            s += -(target[i] * logSigmoid(input[i]) + (1 - target[i]) * logSigmoid(-input[i])) * weight[i];
        }
        return s / input.length;
    }

    /**
     * {@code torch.nn.SoftMarginLoss()}: {@code log(1 + exp(−y·x))} with labels ±1, element-wise.
     * Computed as a stable softplus: PyTorch returns {@code inf} past {@code −y·x ≈ 709.78}, this
     * stays finite there and agrees elsewhere.
     *
     * @param input the score
     * @param target the label, −1 or 1
     * @return the logistic loss
     */
    @Loss(name = "SoftMarginLoss")
    public static double softMargin(double input, int target) {
        return softplus(-target * input);
    }

    /**
     * {@code torch.nn.MultiLabelMarginLoss()}:
     * {@code Σ_j Σ_{i ∉ targets} max(0, 1 − (x_{y_j} − x_i)) / C}, over the targets {@code y_j}
     * before the first −1; a term counts only where it is strictly positive, as in PyTorch.
     *
     * <p>The target row holds class indices padded with −1 (PyTorch's int64 targets, passed here as
     * a {@code double[]} row with integral values, which gets no gradient). The loss never indexes
     * by a target: {@code x_{y_j}} is picked by comparing each class with {@code y_j}, so a padding
     * −1 is never read as an index.
     *
     * @param input one row of scores
     * @param target the row's class indices, padded with −1
     * @return the multi-label hinge loss of the row
     */
    @Loss(name = "MultiLabelMarginLoss")
    public static double multiLabelMargin(double[] input, double[] target) {
        // the targets that count: those before the first -1
        double end = target.length;
        for (int j = 0; j < target.length; j++) {
            if (target[j] < 0) {
                end = Math.min(end, j);
            }
        }
        double s = 0.0;
        for (int j = 0; j < target.length; j++) {
            if (j < end) {
                double picked = 0.0;
                for (int c = 0; c < input.length; c++) {
                    if (c == target[j]) {
                        picked += input[c];
                    }
                }
                for (int i = 0; i < input.length; i++) {
                    double isTarget = 0.0;
                    for (int k = 0; k < target.length; k++) {
                        if (k < end && target[k] == i) {
                            isTarget = Math.max(isTarget, 1.0);
                        }
                    }
                    if (isTarget == 0.0) {
                        s += relu(1 - picked + input[i]);
                    }
                }
            }
        }
        return s / input.length;
    }
}
