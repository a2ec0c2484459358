package corpus.elementwise;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.annotations.Reduction;

import static io.gradgen.Functions.*;

/** Binary classification and ranking losses. */
final class ClassificationLosses {

    /** torch.nn.BCEWithLogitsLoss in its numerically stable form. */
    @Loss
    static double bceWithLogits(double x, double y) {
        return Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** torch.nn.BCELoss on probabilities, under a name of the user's choosing. */
    @Loss(name = "BinaryCrossEntropy")
    static double bce(double prob, double target) {
        return -(target * Math.log(prob) + (1 - target) * Math.log(1 - prob));
    }

    /** The SVM hinge loss, labels in {-1, +1}. */
    @Loss
    static double hinge(double score, double label) {
        return Math.max(0, 1 - label * score);
    }

    /** The squared hinge loss. */
    @Loss(reduction = Reduction.SUM)
    static double squaredHinge(double score, double label) {
        return sq(relu(1 - label * score));
    }

    /** A binary focal loss (Lin et al. 2017) on logits. */
    @Loss
    static double focal(double logit, double target, @Param(2.0) double gamma) {
        double p = sigmoid(logit);
        double pt = target * p + (1 - target) * (1 - p);
        return -Math.pow(1 - pt, gamma) * Math.log(pt);
    }

    /** torch.nn.MarginRankingLoss: three tensors of one shape. */
    @Loss
    static double marginRanking(double x1, double x2, double y, @Param(0.0) double margin) {
        return Math.max(0, -y * (x1 - x2) + margin);
    }

    /** torch.nn.HingeEmbeddingLoss(reduction='none'). */
    @Loss(reduction = Reduction.NONE)
    static double hingeEmbedding(double x, double y, @Param(1.0) double margin) {
        if (y > 0 && !(y < 0)) {
            return x;
        } else if (y < 0 || y == 0) {
            return Math.max(0, margin - x);
        } else {
            return 0;
        }
    }

    /** torch.nn.SoftMarginLoss, stable through softplus. */
    @Loss
    static double softMargin(double x, double y) {
        return softplus(-y * x);
    }

    /** One term of torch.nn.MultiLabelSoftMarginLoss, with log-sigmoid. */
    @Loss
    static double multiLabelSoftMargin(double x, double y) {
        return -(y * logSigmoid(x) + (1 - y) * logSigmoid(-x));
    }
}
