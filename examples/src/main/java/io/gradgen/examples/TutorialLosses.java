package io.gradgen.examples;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Reduction;

/**
 * The two custom losses of PyTorch's "custom loss function" tutorial, written as gradgen losses.
 * The processor turns each into a forward class ({@code MeanLoss}, {@code CustomLoss}) and a
 * hand-derived backward ({@code MeanLossBackward}, {@code CustomLossBackward}).
 *
 * <pre>{@code
 * class MeanLoss(nn.Module):
 *     def forward(self, input):
 *         return input.mean()
 *
 * class CustomLoss(nn.Module):
 *     def forward(self, y_pred, y_true):
 *         return ((y_pred - y_true) ** 2).sum()
 * }</pre>
 */
final class TutorialLosses {
    private TutorialLosses() {
    }

    /** {@code input.mean()}: the mean reduction does the averaging. */
    @Loss
    static double meanLoss(double input) {
        return input;
    }

    /** {@code ((y_pred - y_true) ** 2).sum()}. */
    @Loss(reduction = Reduction.SUM)
    static double customLoss(double yPred, double yTrue) {
        return Math.pow(yPred - yTrue, 2);
    }
}
