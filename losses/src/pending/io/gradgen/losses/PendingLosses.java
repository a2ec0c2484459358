package io.gradgen.losses;

import static io.gradgen.Functions.logSigmoid;
import static io.gradgen.Functions.relu;

import io.gradgen.annotations.LastIndex;
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

    // ---- ProbabilisticLosses (feature 5: @LastIndex, a row constant broadcast over the last dimension) ----

    /**
     * {@code torch.nn.BCELoss(weight)}: {@code −w[c]·[y·log x + (1 − y)·log(1 − x)]}, each log clamped
     * at {@code ≥ −100}, where {@code c} is the position's index along the last dimension ({@code weight}
     * broadcasts over the rest, as PyTorch's).
     */
    @Loss(name = "WeightedBCELoss")
    public static double weightedBce(double input, double target, @Param double[] weight, @LastIndex int c) {
        return -weight[c] * (target * Math.max(Math.log(input), ProbabilisticLosses.BCE_LOG_FLOOR)
                + (1 - target) * Math.max(Math.log(1 - input), ProbabilisticLosses.BCE_LOG_FLOOR));
    }

    /**
     * {@code torch.nn.BCEWithLogitsLoss(weight, pos_weight)}:
     * {@code w[c]·[(1 − y)·x − ((p[c] − 1)·y + 1)·log σ(x)]}, PyTorch's stable form, {@code c} the
     * position's index along the last dimension. PyTorch's {@code weight=None} or
     * {@code pos_weight=None} is a row of ones.
     */
    @Loss(name = "WeightedBCEWithLogitsLoss")
    public static double weightedBceWithLogits(double input, double target, @Param double[] weight,
            @Param double[] posWeight, @LastIndex int c) {
        double lw = (posWeight[c] - 1) * target + 1;
        return weight[c] * ((1 - target) * input - lw * logSigmoid(input));
    }
}
