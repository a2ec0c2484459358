package io.gradgen.contract;

import static io.gradgen.Functions.logSumExp;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.annotations.Reduction;

/**
 * The {@code @Loss} methods whose generated classes the contract tests run: the same losses the
 * runtime's tests used to imitate with hand-written stand-ins, now compiled by the processor in this
 * module's build, so that what the tests check is what users run.
 */
final class ContractLosses {
    private ContractLosses() {
    }

    /** PyTorch's {@code HuberLoss}: an element-wise loss with a constant, reduced by its mean. */
    @Loss
    static double huber(double pred, double target, @Param(1.0) double delta) {
        double d = Math.abs(pred - target);
        return d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
    }

    /** Cross-entropy over class indices, per batch position: a row, a label and a batch-shaped result. */
    @Loss(reduction = Reduction.NONE)
    static double crossEntropy(double[] logits, int target) {
        return logSumExp(logits) - logits[target];
    }
}
