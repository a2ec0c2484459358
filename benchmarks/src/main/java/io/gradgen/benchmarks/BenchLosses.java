package io.gradgen.benchmarks;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.annotations.Reduction;

/**
 * The losses under test, written the way a user writes them; gradgen generates {@code MseLoss},
 * {@code HuberLoss}, {@code BceWithLogitsLoss} and {@code CustomLoss} from them at compile time.
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

    // TODO(issue 4): once row losses land, add the generated cross-entropy here and use it in
    // CrossEntropyBench.generated and TrainingBench.mnistStepGenerated:
    //   @Loss static double crossEntropy(double[] logits, int target) {
    //       return logSumExp(logits) - logits[target];
    //   }
}
