package corpus.rows;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.annotations.Reduction;

import static io.gradgen.Functions.*;

/** Losses between distributions, overlaps and summaries of one row. */
final class DistributionRows {

    /** torch.nn.KLDivLoss per row: input log-probabilities, target probabilities, 0·log 0 = 0. */
    @Loss(name = "KlDivLoss", reduction = Reduction.SUM)
    static double klDivergence(double[] logInput, double[] target) {
        double s = 0.0;
        for (int i = 0; i < target.length; i++) {
            if (target[i] > 0) {
                s += target[i] * (Math.log(target[i]) - logInput[i]);
            }
        }
        return s;
    }

    /** The soft Dice loss of a probability row against a target row. */
    @Loss
    static double dice(double[] probs, double[] target, @Param(1.0) double smooth) {
        double intersection = 0.0;
        double total = 0.0;
        for (int i = 0; i < probs.length; i++) {
            intersection += probs[i] * target[i];
            total += probs[i] + target[i];
        }
        return 1 - (2 * intersection + smooth) / (total + smooth);
    }

    /** A soft maximum at temperature T: the row maximum by Math.max accumulation, then a shifted log-sum-exp. */
    @Loss(reduction = Reduction.NONE)
    static double softMaximum(double[] x, @Param(0.5) double temperature) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, x[i]);
        }
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            s += Math.exp((x[i] - m) / temperature);
        }
        return m + temperature * Math.log(s);
    }

    /** Noisy-OR: q = 1 − Π(1 − σ(x_i)) accumulated with *=, then binary cross-entropy against a label. */
    @Loss
    static double noisyOr(double[] logits, double label) {
        double none = 1.0;
        for (int i = 0; i < logits.length; i++) {
            none *= 1 - sigmoid(logits[i]);
        }
        return -(label * Math.log(1 - none) + (1 - label) * Math.log(none));
    }

    /** A spread penalty with the row functions max, min, mean and sum. */
    @Loss(reduction = Reduction.SUM)
    static double spreadPenalty(double[] x) {
        return max(x) - min(x) + 0.5 * sq(mean(x)) + 0.1 * sum(x);
    }

    /** A per-feature weighted squared error: the constant row is indexed with the loop index. */
    @Loss(reduction = Reduction.NONE)
    static double weightedFeatureMse(double[] pred, double[] target, @Param double[] featureWeights) {
        double s = 0.0;
        for (int i = 0; i < pred.length; i++) {
            s += featureWeights[i] * sq(pred[i] - target[i]);
        }
        return s / pred.length;
    }

    /** The population variance of a row around its Functions.mean. */
    @Loss
    static double rowVariance(double[] x) {
        double mu = mean(x);
        double v = 0.0;
        for (int i = 0; i < x.length; i++) {
            v += sq(x[i] - mu);
        }
        return v / x.length;
    }
}
