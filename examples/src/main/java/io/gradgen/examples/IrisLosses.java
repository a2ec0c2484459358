package io.gradgen.examples;

import static io.gradgen.Functions.*;

import io.gradgen.annotations.Loss;

/**
 * The loss of {@link IrisSoftmaxRegression}: PyTorch's {@code nn.CrossEntropyLoss} with class-index
 * targets, written as a gradgen row loss. One row of logits and one species index per sample; the
 * processor generates {@code CrossEntropyLoss}, whose backward is {@code softmax(logits) − onehot}.
 */
final class IrisLosses {
    private IrisLosses() {
    }

    /** {@code −log softmax(logits)[species]}, computed stably through the log-sum-exp. */
    @Loss
    static double crossEntropy(double[] logits, int species) {
        return logSumExp(logits) - logits[species];
    }
}
