package corpus.rows;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.annotations.Reduction;

import static io.gradgen.Functions.*;

/** Multi-class classification losses over a row of logits (or log-probabilities) and a class index. */
final class ClassificationRows {

    /** torch.nn.CrossEntropyLoss with index targets, the way API.md writes it. */
    @Loss
    static double crossEntropy(double[] logits, int target) {
        return logSumExp(logits) - logits[target];
    }

    /** Cross-entropy written out by hand: a max-shift loop, then a sum of exponentials that reads it. */
    @Loss(reduction = Reduction.SUM)
    static double stableCrossEntropy(double[] logits, int target) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            m = Math.max(m, logits[i]);
        }
        double s = 0.0;
        for (int i = 0; i < logits.length; i++) {
            s += Math.exp(logits[i] - m);
        }
        return m + Math.log(s) - logits[target];
    }

    /** torch.nn.NLLLoss: the input is a row of log-probabilities. */
    @Loss(name = "NllLoss")
    static double negativeLogLikelihood(double[] logProbs, int target) {
        return -logProbs[target];
    }

    /** CrossEntropyLoss(weight=classWeights), unnormalised by the weights: a per-sample weight. */
    @Loss(reduction = Reduction.SUM)
    static double weightedCrossEntropy(double[] logits, int target, @Param double[] classWeights) {
        return classWeights[target] * (logSumExp(logits) - logits[target]);
    }

    /** CrossEntropyLoss(label_smoothing=ε): (1 − ε)·NLL + ε·mean over classes of −log p. */
    @Loss
    static double labelSmoothing(double[] logits, int target, @Param(0.1) double smoothing) {
        double lse = logSumExp(logits);
        double uniform = 0.0;
        for (int i = 0; i < logits.length; i++) {
            uniform += lse - logits[i];
        }
        return (1 - smoothing) * (lse - logits[target]) + smoothing * uniform / logits.length;
    }

    /** Cross-entropy against a probability row (soft targets, as from distillation or mixup). */
    @Loss
    static double softTargetCrossEntropy(double[] logits, double[] targetProbs) {
        double lse = logSumExp(logits);
        double s = 0.0;
        for (int i = 0; i < logits.length; i++) {
            s += targetProbs[i] * (lse - logits[i]);
        }
        return s;
    }

    /** The entropy of softmax(logits), accumulated with -=. */
    @Loss(reduction = Reduction.SUM)
    static double softmaxEntropy(double[] logits) {
        double lse = logSumExp(logits);
        double h = 0.0;
        for (int i = 0; i < logits.length; i++) {
            double logP = logits[i] - lse;
            h -= Math.exp(logP) * logP;
        }
        return h;
    }

    /** Focal loss (Lin et al. 2017) over softmax probabilities: −(1 − p_t)^γ · log p_t. */
    @Loss
    static double focal(double[] logits, int target, @Param(2.0) double gamma) {
        double logPt = logits[target] - logSumExp(logits);
        double pt = Math.exp(logPt);
        return -Math.pow(1 - pt, gamma) * logPt;
    }

    /** torch.nn.MultiMarginLoss(p=1): the loop skips the target class with an if. */
    @Loss
    static double multiMargin(double[] scores, int target, @Param(1.0) double margin) {
        double s = 0.0;
        for (int i = 0; i < scores.length; i++) {
            if (i != target) {
                s += Math.max(0.0, margin - scores[target] + scores[i]);
            }
        }
        return s / scores.length;
    }

    /** Crammer–Singer multi-class hinge: the best wrong class found by a Math.max accumulation. */
    @Loss(name = "MaxMarginLoss")
    static double crammerSinger(double[] scores, int target, @Param(1.0) double margin) {
        double bestWrong = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            if (i != target) {
                bestWrong = Math.max(bestWrong, scores[i]);
            }
        }
        return Math.max(0.0, margin + bestWrong - scores[target]);
    }

    /** Cross-entropy on logits[C] plus an L2 penalty on an embedding row of another length D. */
    @Loss(reduction = Reduction.NONE)
    static double regularisedCrossEntropy(double[] logits, int target, double[] embedding,
            @Param(0.01) double lambda) {
        return logSumExp(logits) - logits[target] + lambda * dot(embedding, embedding);
    }
}
