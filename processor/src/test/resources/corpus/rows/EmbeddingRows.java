package corpus.rows;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.annotations.Reduction;

import static io.gradgen.Functions.*;

/** Metric-learning and margin losses between embedding rows. */
final class EmbeddingRows {

    /** torch.nn.CosineEmbeddingLoss with dot and an int label of ±1. */
    @Loss
    static double cosineEmbedding(double[] x1, double[] x2, int label, @Param(0.0) double margin) {
        double cos = dot(x1, x2) / Math.sqrt((dot(x1, x1) + 1e-12) * (dot(x2, x2) + 1e-12));
        return label == 1 ? 1 - cos : Math.max(0.0, cos - margin);
    }

    /** One minus the cosine similarity: the dot product by a loop, the lengths by Functions.norm. */
    @Loss(reduction = Reduction.NONE)
    static double cosineDistance(double[] a, double[] b) {
        double ab = 0.0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
        }
        return 1 - ab / (norm(a) * norm(b));
    }

    /** torch.nn.TripletMarginLoss(p=2): the distances by loops, with PyTorch's eps inside the norm. */
    @Loss
    static double tripletMargin(double[] anchor, double[] positive, double[] negative,
            @Param(1.0) double margin) {
        double dPos = 0.0;
        double dNeg = 0.0;
        for (int i = 0; i < anchor.length; i++) {
            dPos += sq(anchor[i] - positive[i] + 1e-6);
            dNeg += sq(anchor[i] - negative[i] + 1e-6);
        }
        return Math.max(Math.sqrt(dPos) - Math.sqrt(dNeg) + margin, 0.0);
    }

    /** A kernel similarity between two rows of different lengths: a two-level loop over every pair. */
    @Loss(reduction = Reduction.SUM)
    static double pairwiseKernel(double[] a, double[] b, @Param(1.0) double bandwidth) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                s += Math.exp(-sq(a[i] - b[j]) / bandwidth);
            }
        }
        return -Math.log(s / a.length / b.length);
    }

    /** The SVM hinge averaged over a row of scores with a row of ±1 labels. */
    @Loss
    static double rowHinge(double[] scores, double[] labels) {
        double s = 0.0;
        for (int i = 0; i < scores.length; i++) {
            s += Math.max(0.0, 1 - labels[i] * scores[i]);
        }
        return s / scores.length;
    }

    /** Multiple-choice (winner-takes-all) loss: the best of several hypotheses, by Math.min accumulation. */
    @Loss
    static double bestHypothesis(double[] hypotheses, double target) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < hypotheses.length; i++) {
            best = Math.min(best, sq(hypotheses[i] - target));
        }
        return best;
    }
}
