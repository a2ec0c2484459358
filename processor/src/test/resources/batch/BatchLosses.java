package batch;

import static io.gradgen.Functions.*;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;

/** Losses that couple the positions of a batch, written as users write them. */
final class BatchLosses {
    private BatchLosses() {}

    /** NT-Xent / InfoNCE with in-batch negatives (SimCLR's loss, one direction). */
    @Loss
    static double ntXent(double[][] z1, double[][] z2, @Param(0.5) double temperature) {
        double total = 0;
        for (int a = 0; a < z1.length; a++) {
            double denom = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < z2.length; b++) {
                denom = logAddExp(denom, cosine(z1[a], z2[b]) / temperature);
            }
            total += denom - cosine(z1[a], z2[a]) / temperature;
        }
        return total / z1.length;
    }

    /** NT-Xent's in-batch candidates both ways: the other view's rows and its own view's but itself, in one loop. */
    @Loss
    static double maskedNtXent(double[][] z1, double[][] z2, @Param(0.5) double temperature) {
        double total = 0;
        for (int a = 0; a < z1.length; a++) {
            double denom = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < z1.length; b++) {
                denom = logAddExp(denom, cosine(z1[a], z2[b]) / temperature);
                if (b != a) {
                    denom = logAddExp(denom, cosine(z1[a], z1[b]) / temperature);
                }
            }
            total += denom - cosine(z1[a], z2[a]) / temperature;
        }
        return total / z1.length;
    }

    /** {@link #maskedNtXent} with each masked candidate set in a loop of its own. */
    @Loss
    static double separateNtXent(double[][] z1, double[][] z2, @Param(0.5) double temperature) {
        double total = 0;
        for (int a = 0; a < z1.length; a++) {
            double cross = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < z1.length; b++) {
                cross = logAddExp(cross, cosine(z1[a], z2[b]) / temperature);
            }
            double same = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < z1.length; b++) {
                if (b != a) {
                    same = logAddExp(same, cosine(z1[a], z1[b]) / temperature);
                }
            }
            total += logAddExp(cross, same) - cosine(z1[a], z2[a]) / temperature;
        }
        return total / z1.length;
    }

    /** CLIP's symmetric contrastive loss over dot-product logits. */
    @Loss
    static double clip(double[][] image, double[][] text, @Param(1.0) double scale) {
        double total = 0;
        for (int a = 0; a < image.length; a++) {
            double rows = Double.NEGATIVE_INFINITY;
            double cols = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < text.length; b++) {
                rows = logAddExp(rows, scale * dot(image[a], text[b]));
                cols = logAddExp(cols, scale * dot(image[b], text[a]));
            }
            total += rows + cols - 2 * scale * dot(image[a], text[a]);
        }
        return total / (2 * image.length);
    }

    /** Batch-hard triplet mining: for each anchor the farthest positive and the nearest negative. */
    @Loss
    static double batchHardTriplet(double[][] x, int[] labels, @Param(1.0) double margin) {
        double total = 0;
        for (int a = 0; a < x.length; a++) {
            double hardestPositive = 0;
            double hardestNegative = Double.POSITIVE_INFINITY;
            for (int b = 0; b < x.length; b++) {
                double d = 0;
                for (int j = 0; j < x[a].length; j++) {
                    d += (x[a][j] - x[b][j]) * (x[a][j] - x[b][j]);
                }
                if (labels[a] == labels[b]) {
                    hardestPositive = Math.max(hardestPositive, d);
                } else {
                    hardestNegative = Math.min(hardestNegative, d);
                }
            }
            total += Math.max(0, hardestPositive - hardestNegative + margin);
        }
        return total / x.length;
    }

    /** Center loss: the squared distance of each feature to its class centre (centres learned too). */
    @Loss
    static double centre(double[][] features, int[] labels, double[][] centres) {
        double total = 0;
        for (int b = 0; b < features.length; b++) {
            for (int j = 0; j < features[b].length; j++) {
                double d = features[b][j] - centres[labels[b]][j];
                total += d * d;
            }
        }
        return total / (2 * features.length);
    }

    /** Chamfer distance between two point sets (rows are points). */
    @Loss
    static double chamfer(double[][] a, double[][] b) {
        double total = 0;
        for (int i = 0; i < a.length; i++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < b.length; j++) {
                double d = 0;
                for (int k = 0; k < a[i].length; k++) {
                    d += (a[i][k] - b[j][k]) * (a[i][k] - b[j][k]);
                }
                nearest = Math.min(nearest, d);
            }
            total += nearest;
        }
        for (int j = 0; j < b.length; j++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < a.length; i++) {
                nearest = Math.min(nearest, dot(a[i], a[i]) - 2 * dot(a[i], b[j]) + dot(b[j], b[j]));
            }
            total += nearest;
        }
        return total;
    }

    /** Plain cross-entropy written over the batch: a batch loss may also be per-position inside. */
    @Loss
    static double batchCrossEntropy(double[][] logits, int[] target) {
        double total = 0;
        for (int b = 0; b < logits.length; b++) {
            total += logSumExp(logits[b]) - logits[b][target[b]];
        }
        return total / logits.length;
    }

    /** Similarities to earlier rows only (a loop up to an enclosing loop's index), over their norms. */
    @Loss
    static double earlierSimilarity(double[][] z) {
        double total = 0;
        for (int a = 0; a < z.length; a++) {
            for (int b = 0; b < a; b++) {
                total += dot(z[a], z[b]) / norm(z[b]);
            }
        }
        return total / z.length;
    }
}
