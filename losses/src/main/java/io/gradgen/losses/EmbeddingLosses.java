package io.gradgen.losses;

import static io.gradgen.Functions.clamp;
import static io.gradgen.Functions.dot;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;

/**
 * PyTorch's ranking and embedding losses, <a href="https://pytorch.org/docs/stable/nn.html#loss-functions">torch.nn</a>
 * {@code HingeEmbeddingLoss}, {@code MarginRankingLoss}, {@code CosineEmbeddingLoss} and
 * {@code TripletMarginLoss}, written as
 * gradgen {@code @Loss} methods with PyTorch's formulas and defaults.
 *
 * <p>Their hinges are PyTorch's {@code clamp_min(·, 0)}, written {@code clamp(z, 0, +∞)}: at a hinge
 * argument of exactly 0 the gradient passes in full, as PyTorch measures (a {@code Math.max(0, z)}
 * would split it in half, a {@code relu(z)} would block it).
 */
public final class EmbeddingLosses {
    /** PyTorch's {@code EPSILON} in {@code cosine_embedding_loss}, added to each squared magnitude. */
    static final double COSINE_EPSILON = 1e-12;

    private EmbeddingLosses() {
    }

    /**
     * {@code torch.nn.HingeEmbeddingLoss(margin=1.0)}: {@code x} where {@code y = 1},
     * {@code max(0, margin − x)} where {@code y = −1}.
     *
     * @param input the distance-like score
     * @param target the label, −1 or 1
     * @param margin the margin
     * @return the hinge embedding loss
     */
    @Loss(name = "HingeEmbeddingLoss")
    public static double hingeEmbedding(double input, int target, @Param(1.0) double margin) {
        return target == 1 ? input : clamp(margin - input, 0.0, Double.POSITIVE_INFINITY);
    }

    /**
     * {@code torch.nn.MarginRankingLoss(margin=0.0)}: {@code max(0, −y·(x1 − x2) + margin)}.
     *
     * @param input1 the first score
     * @param input2 the second score
     * @param target 1 where {@code input1} should rank higher, −1 where {@code input2} should
     * @param margin the margin
     * @return the ranking hinge loss
     */
    @Loss(name = "MarginRankingLoss")
    public static double marginRanking(double input1, double input2, int target, @Param(0.0) double margin) {
        return clamp(-target * (input1 - input2) + margin, 0.0, Double.POSITIVE_INFINITY);
    }

    /**
     * {@code torch.nn.CosineEmbeddingLoss(margin=0.0)}: {@code 1 − cos(x1, x2)} where {@code y = 1},
     * {@code max(0, cos − margin)} where {@code y = −1}, with
     * {@code cos = Σx1·x2 / sqrt((Σx1² + 1e-12)·(Σx2² + 1e-12))}.
     *
     * @param input1 the first embedding row
     * @param input2 the second embedding row
     * @param target 1 for a similar pair, −1 for a dissimilar one
     * @param margin the margin for dissimilar pairs
     * @return the cosine embedding loss of the pair
     */
    @Loss(name = "CosineEmbeddingLoss")
    public static double cosineEmbedding(double[] input1, double[] input2, int target, @Param(0.0) double margin) {
        double cos = dot(input1, input2)
                / Math.sqrt((dot(input1, input1) + COSINE_EPSILON) * (dot(input2, input2) + COSINE_EPSILON));
        return target == 1 ? 1 - cos : clamp(cos - margin, 0.0, Double.POSITIVE_INFINITY);
    }

    /**
     * {@code torch.nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-6, swap=False)}:
     * {@code max(d(a, p) − d(a, n) + margin, 0)} with {@code d(u, v) = ‖u − v + eps‖_p}; {@code swap}
     * uses {@code min(d(a, n), d(p, n))} as the negative distance (a tie splits the gradient).
     *
     * @param anchor the anchor embedding row
     * @param positive the positive embedding row
     * @param negative the negative embedding row
     * @param margin the margin
     * @param p the norm degree, {@code > 0} (PyTorch's {@code p = 0}, a count of nonzero
     *     differences, has no gradient and is refused here rather than computed differently)
     * @param eps added to each difference inside the norm
     * @param swap whether to use the distance between positive and negative when it is smaller
     * @return the triplet margin loss of the row
     */
    @Loss(name = "TripletMarginLoss")
    public static double tripletMargin(double[] anchor, double[] positive, double[] negative,
            @Param(1.0) double margin, @Param(value = 2.0, min = 0, exclusiveMin = true) double p,
            @Param(1e-6) double eps, @Param boolean swap) {
        double sPos = 0.0;
        double sNeg = 0.0;
        double sSwap = 0.0;
        for (int i = 0; i < anchor.length; i++) {
            sPos += Math.pow(Math.abs(anchor[i] - positive[i] + eps), p);
            sNeg += Math.pow(Math.abs(anchor[i] - negative[i] + eps), p);
            sSwap += Math.pow(Math.abs(positive[i] - negative[i] + eps), p);
        }
        double dPos = Math.pow(sPos, 1 / p);
        double dNeg = Math.pow(sNeg, 1 / p);
        double dNegative = swap ? Math.min(dNeg, Math.pow(sSwap, 1 / p)) : dNeg;
        return clamp(margin + dPos - dNegative, 0.0, Double.POSITIVE_INFINITY);
    }
}
