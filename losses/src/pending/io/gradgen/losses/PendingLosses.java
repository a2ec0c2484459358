package io.gradgen.losses;

import static io.gradgen.Functions.clamp;
import static io.gradgen.Functions.detach;
import static io.gradgen.Functions.relu;
import static io.gradgen.Functions.sq;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;

/**
 * Catalogue losses that wait for a language feature (see README.md beside this file). Not
 * compiled; each method names the declaring class it moves into.
 */
final class PendingLosses {
    private PendingLosses() {
    }

    // ---- ClassificationLosses (feature 6: int[] rows) ----

    /**
     * {@code torch.nn.MultiLabelMarginLoss()}: {@code Σ_j Σ_{i ∉ targets} max(0, 1 − (x_{y_j} − x_i)) / C},
     * over the targets before the first −1; a term counts only where it is strictly positive.
     */
    @Loss(name = "MultiLabelMarginLoss")
    public static double multiLabelMargin(double[] input, int[] target) {
        double end = target.length;
        for (int j = 0; j < target.length; j++) {
            if (target[j] < 0) {
                end = Math.min(end, j);
            }
        }
        double s = 0.0;
        for (int j = 0; j < target.length; j++) {
            if (j < end) {
                for (int i = 0; i < input.length; i++) {
                    double isTarget = 0.0;
                    for (int k = 0; k < target.length; k++) {
                        if (k < end && target[k] == i) {
                            isTarget = Math.max(isTarget, 1.0);
                        }
                    }
                    if (isTarget == 0.0) {
                        s += relu(1 - input[target[j]] + input[i]);
                    }
                }
            }
        }
        return s / input.length;
    }

    // ---- ProbabilisticLosses (feature 4: boolean constants; feature 3: detach) ----

    /**
     * {@code torch.nn.KLDivLoss(log_target=False)}, element-wise, as {@code aten::kl_div}:
     * {@code xlogy(t, t) − t·x}, with {@code 0·log 0 = 0} (where {@code t = 0} the target gradient is
     * 0; PyTorch's is NaN); with {@code log_target}: {@code e^t·(t − x)}. PyTorch's {@code batchmean}
     * is {@code withReduction(Reduction.BATCH_MEAN)}.
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
     * {@code y·log y − y + 0.5·log(2πy)} where {@code y > 1}.
     */
    @Loss(name = "PoissonNLLLoss")
    public static double poissonNll(double input, double target, @Param boolean logInput, @Param boolean full,
            @Param(1e-8) double eps) {
        double loss = logInput ? Math.exp(input) - target * input : input - target * Math.log(input + eps);
        double stirling = full && target > 1
                ? target * Math.log(target) - target + 0.5 * Math.log(2 * Math.PI * target) : 0.0;
        return loss + stirling;
    }

    /**
     * {@code torch.nn.GaussianNLLLoss(full=False, eps=1e-6)}: {@code 0.5·(log v + (x − y)²/v)} with
     * {@code v = max(var, eps)}; the clamp passes the gradient of {@code var} straight through (PyTorch
     * clamps under {@code no_grad}); {@code full} adds {@code 0.5·log 2π}.
     */
    @Loss(name = "GaussianNLLLoss")
    public static double gaussianNll(double input, double target, double var, @Param boolean full,
            @Param(1e-6) double eps) {
        double v = var + detach(Math.max(var, eps) - var);
        double loss = 0.5 * (Math.log(v) + sq(input - target) / v);
        return full ? loss + 0.5 * Math.log(2 * Math.PI) : loss;
    }

    // ---- EmbeddingLosses (feature 4: boolean constants) ----

    /**
     * {@code torch.nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-6, swap=False)}:
     * {@code max(d(a, p) − d(a, n) + margin, 0)} with {@code d(u, v) = ‖u − v + eps‖_p}; {@code swap}
     * uses {@code min(d(a, n), d(p, n))} for the negative distance.
     */
    @Loss(name = "TripletMarginLoss")
    public static double tripletMargin(double[] anchor, double[] positive, double[] negative,
            @Param(1.0) double margin, @Param(2.0) double p, @Param(1e-6) double eps, @Param boolean swap) {
        double sPos = 0.0;
        double sNeg = 0.0;
        double sSwap = 0.0;
        for (int i = 0; i < anchor.length; i++) {
            sPos += Math.pow(Math.abs(anchor[i] - positive[i] + eps), p);
            sNeg += Math.pow(Math.abs(anchor[i] - negative[i] + eps), p);
            sSwap += Math.pow(Math.abs(positive[i] - negative[i] + eps), p);
        }
        double dPos = Math.pow(sPos, 1 / p);
        double dNeg = Math.pow(sNeg, 1 / p);
        double dNegative = swap ? Math.min(dNeg, Math.pow(sSwap, 1 / p)) : dNeg;
        return clamp(margin + dPos - dNegative, 0.0, Double.POSITIVE_INFINITY);
    }

    // ---- ProbabilisticLosses (feature 5: a row constant broadcast over the last dimension) ----
    //
    // BCELoss(weight) and BCEWithLogitsLoss(weight, pos_weight) are element-wise losses whose weights
    // are rows over the last dimension. A Java body cannot use a double[] weight as a double, so the
    // syntax is open; with a hypothetical io.gradgen.Functions.lastDim(double[] row) that reads the
    // row at the current position's last-dimension index, they would read:
    //
    //   @Loss(name = "WeightedBCELoss")
    //   static double weightedBce(double input, double target, @Param double[] weight) {
    //       return -lastDim(weight) * (target * Math.max(Math.log(input), BCE_LOG_FLOOR)
    //               + (1 - target) * Math.max(Math.log(1 - input), BCE_LOG_FLOOR));
    //   }
    //
    //   @Loss(name = "WeightedBCEWithLogitsLoss")
    //   static double weightedBceWithLogits(double input, double target, @Param double[] weight,
    //           @Param double[] posWeight) {
    //       double lw = (lastDim(posWeight) - 1) * target + 1;
    //       return lastDim(weight) * ((1 - target) * input - lw * logSigmoid(input));
    //   }
}
