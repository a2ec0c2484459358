package io.gradgen.losses;

import static io.gradgen.Functions.relu;

import io.gradgen.annotations.Loss;

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
}
