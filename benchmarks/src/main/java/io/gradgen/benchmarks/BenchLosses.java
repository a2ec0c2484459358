package io.gradgen.benchmarks;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.annotations.Reduction;

/**
 * The losses under test, written the way a user writes them; gradgen generates {@code MseLoss},
 * {@code HuberLoss}, {@code BceWithLogitsLoss}, {@code CustomLoss}, {@code NtXentLoss} and {@code CrossEntropyLoss} from them at
 * compile time.
 */
final class BenchLosses {
    private BenchLosses() {
    }

    /** torch.nn.MSELoss. */
    @Loss
    static double mse(double pred, double target) {
        double d = pred - target;
        return d * d;
    }

    /** torch.nn.HuberLoss(delta=1). */
    @Loss
    static double huber(double pred, double target, @Param(1.0) double delta) {
        double d = Math.abs(pred - target);
        return d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
    }

    /** torch.nn.BCEWithLogitsLoss in its numerically stable form. */
    @Loss
    static double bceWithLogits(double x, double y) {
        return Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** The PyTorch tutorial's CustomLoss: ((y_pred - y_true) ** 2).sum(). */
    @Loss(reduction = Reduction.SUM)
    static double customLoss(double yPred, double yTrue) {
        return Math.pow(yPred - yTrue, 2);
    }

    /**
     * NT-Xent / InfoNCE with in-batch negatives (SimCLR's loss, one direction), a batch loss: the
     * example of API.md's batch losses.
     */
    @Loss
    static double ntXent(double[][] z1, double[][] z2, @Param(0.5) double temperature) {
        double total = 0;
        for (int a = 0; a < z1.length; a++) {
            double denom = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < z2.length; b++) {
                denom = io.gradgen.Functions.logAddExp(denom, io.gradgen.Functions.cosine(z1[a], z2[b]) / temperature);
            }
            total += denom - io.gradgen.Functions.cosine(z1[a], z2[a]) / temperature;
        }
        return total / z1.length;
    }

    /** torch.nn.CrossEntropyLoss over rows of logits, as API.md writes it. */
    @Loss
    static double crossEntropy(double[] logits, int target) {
        return io.gradgen.Functions.logSumExp(logits) - logits[target];
    }
}
