package io.gradgen.losses;

import static io.gradgen.Functions.cosine;
import static io.gradgen.Functions.logAddExp;
import static io.gradgen.Functions.sq;

import io.gradgen.annotations.Differentiable;
import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;

/**
 * Losses that couple the positions of a batch: self-supervised and metric-learning losses with
 * in-batch negatives ({@link NTXentLoss}, {@link ClipLoss}, {@link BatchHardTripletLoss}) and the
 * Chamfer distance between two point sets ({@link ChamferLoss}), written as gradgen batch losses.
 *
 * <p>Each method takes {@code double[][]} rows (a tensor of shape {@code [B, D]}) and, for the
 * triplet loss, {@code int[]} labels (shape {@code [B]}), and returns the loss of the whole batch:
 * the generated {@code forward} returns a 0-dim tensor, {@code backward} fills gradients of shape
 * {@code [B, D]}, and {@code withReduction} throws (the formula already says how the batch is
 * reduced). None of these is in {@code torch.nn}; each Javadoc names the published implementation
 * whose value it reproduces.
 *
 * <p>Each method is also an ordinary static method on plain arrays:
 * {@code ntXent(z1, z2, 0.5)}.
 */
public final class BatchLosses {
    private BatchLosses() {
    }

    /**
     * NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR (Chen et al. 2020,
     * arXiv:2002.05709), in its symmetric form with in-batch negatives: for {@code N} pairs of views
     * and {@code s(u, v) = cos(u, v) / τ},
     * <pre>
     * ℓ(u_a, v_a) = −s(u_a, v_a) + log( Σ_b e^{s(u_a, v_b)} + Σ_{b ≠ a} e^{s(u_a, u_b)} )
     * L = (1 / 2N) · Σ_a [ ℓ(z1_a, z2_a) + ℓ(z2_a, z1_a) ]
     * </pre>
     * the paper's {@code L = (1/2N) Σ_k [l(2k−1, 2k) + l(2k, 2k−1)]}: every one of the {@code 2N}
     * views is an anchor, its other view the positive, the remaining {@code 2N − 2} views its
     * negatives. This is lightly's {@code NTXentLoss(temperature, memory_bank_size=0)}, the
     * cross-entropy (mean over {@code 2N} rows) of the logits {@code [z1·z2ᵀ, z1·z1ᵀ without its
     * diagonal]} and {@code [z2·z1ᵀ, z2·z2ᵀ without its diagonal]} of the L2-normalised views.
     * Similarities are {@link io.gradgen.Functions#cosine}, PyTorch's {@code cosine_similarity}
     * (each norm clamped at 1e-8); lightly's {@code F.normalize} clamps at 1e-12, which differs only
     * for rows of norm below 1e-8.
     *
     * @param z1 the first view's embeddings, {@code [N, D]}
     * @param z2 the second view's embeddings, {@code [N, D]}; row {@code a} is the positive of
     *     {@code z1} row {@code a}
     * @param temperature τ, {@code > 0} (lightly's default 0.5)
     * @return the mean NT-Xent loss over the {@code 2N} anchors
     */
    @Loss(name = "NTXentLoss")
    public static double ntXent(double[][] z1, double[][] z2,
            @Param(value = 0.5, min = 0, exclusiveMin = true) double temperature) {
        double total = 0.0;
        for (int a = 0; a < z1.length; a++) {
            // the log-sum-exp of each anchor's candidates: the other view's rows, and its own view's
            // rows but itself
            double first = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < z1.length; b++) {
                first = logAddExp(first, cosine(z1[a], z2[b]) / temperature);
                second = logAddExp(second, cosine(z2[a], z1[b]) / temperature);
                if (b != a) {
                    first = logAddExp(first, cosine(z1[a], z1[b]) / temperature);
                    second = logAddExp(second, cosine(z2[a], z2[b]) / temperature);
                }
            }
            total += first + second - 2 * cosine(z1[a], z2[a]) / temperature;
        }
        return total / (2 * z1.length);
    }

    /**
     * CLIP's symmetric contrastive loss (Radford et al. 2021, arXiv:2103.00020, Figure 3): for
     * {@code N} matching pairs, the logits {@code l[a][b] = cos(image_a, text_b) / τ}, the
     * cross-entropy of each image against the texts and of each text against the images, with the
     * pair's own index as the label, averaged:
     * <pre>
     * L = (1 / 2N) · Σ_a [ (log Σ_b e^{l[a][b]} − l[a][a]) + (log Σ_b e^{l[b][a]} − l[a][a]) ]
     * </pre>
     * This is OpenCLIP's {@code ClipLoss} ({@code (CE(logits_per_image, labels) +
     * CE(logits_per_text, labels)) / 2} with {@code logit_scale = 1 / τ}) on features its model has
     * L2-normalised; here the loss normalises them itself, through
     * {@link io.gradgen.Functions#cosine}. CLIP learns {@code τ}, initialised at 0.07; a loss option
     * is fixed, so pass the learned value (or train with the fixed initial one).
     *
     * @param image the image embeddings, {@code [N, D]}
     * @param text the text embeddings, {@code [N, D]}; row {@code a} describes image {@code a}
     * @param temperature τ, {@code > 0} (CLIP's initial 0.07)
     * @return the mean of the image-to-text and text-to-image cross-entropies
     */
    @Loss(name = "ClipLoss")
    public static double clip(double[][] image, double[][] text,
            @Param(value = 0.07, min = 0, exclusiveMin = true) double temperature) {
        double total = 0.0;
        for (int a = 0; a < image.length; a++) {
            double imageToText = Double.NEGATIVE_INFINITY;
            double textToImage = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < text.length; b++) {
                imageToText = logAddExp(imageToText, cosine(image[a], text[b]) / temperature);
                textToImage = logAddExp(textToImage, cosine(image[b], text[a]) / temperature);
            }
            total += imageToText + textToImage - 2 * cosine(image[a], text[a]) / temperature;
        }
        return total / (2 * image.length);
    }

    /**
     * The batch-hard triplet loss of Hermans, Beyer and Leibe, "In Defense of the Triplet Loss for
     * Person Re-Identification" (2017, arXiv:1703.07737): each row is an anchor, its hardest
     * positive the farthest row of its label, its hardest negative the nearest row of another label,
     * with Euclidean (not squared) distances {@code D}:
     * <pre>
     * L = (1 / B) · Σ_a max(0, margin + max_{p ≠ a, y_p = y_a} D(x_a, x_p) − min_{n: y_n ≠ y_a} D(x_a, x_n))
     * </pre>
     * the value of TensorFlow Addons' {@code TripletHardLoss(margin)} and of
     * {@code batch_hard_triplet_loss(squared=False)} in Moindrot's reference implementation. An
     * anchor without another row of its label takes 0 as its positive distance (as both do); an
     * anchor without a row of another label contributes 0 (no triplet exists; TensorFlow Addons
     * takes the anchor's largest distance instead). Ties of the max or min split the gradient
     * evenly. Two distinct rows at distance 0 have no derivative (the square root's is infinite).
     *
     * @param embeddings the embeddings, {@code [B, D]}
     * @param labels each row's class, {@code [B]}
     * @param margin the margin by which each negative should be farther than each positive
     * @return the mean hinge over the batch's anchors
     */
    @Loss(name = "BatchHardTripletLoss")
    public static double batchHardTriplet(double[][] embeddings, int[] labels, @Param(1.0) double margin) {
        double total = 0.0;
        for (int a = 0; a < embeddings.length; a++) {
            double hardestPositive = 0.0;
            double hardestNegative = Double.POSITIVE_INFINITY;
            for (int b = 0; b < embeddings.length; b++) {
                if (labels[b] != labels[a]) {
                    hardestNegative = Math.min(hardestNegative, distance(embeddings[a], embeddings[b]));
                } else if (b != a) {
                    hardestPositive = Math.max(hardestPositive, distance(embeddings[a], embeddings[b]));
                }
            }
            total += Math.max(0.0, margin + hardestPositive - hardestNegative);
        }
        return total / embeddings.length;
    }

    /**
     * The Euclidean distance {@code ‖u − v‖} of two rows of one length.
     *
     * @param u a row
     * @param v a row of the same length
     * @return the distance
     */
    @Differentiable
    public static double distance(double[] u, double[] v) {
        double s = 0.0;
        for (int c = 0; c < u.length; c++) {
            s += sq(u[c] - v[c]);
        }
        return Math.sqrt(s);
    }

    /**
     * The Chamfer distance between two point sets (rows are points, of one dimension {@code D};
     * the sets may differ in size): the mean squared distance from each point of one set to its
     * nearest point of the other, both ways,
     * <pre>
     * L = (1 / |X|) · Σ_i min_j ‖x_i − y_j‖² + (1 / |Y|) · Σ_j min_i ‖x_i − y_j‖²
     * </pre>
     * PyTorch3D's {@code chamfer_distance(x, y)} for one pair of clouds (its defaults
     * {@code point_reduction="mean"}, {@code norm=2}). Ties of the min split the gradient evenly.
     *
     * @param x the first point set, {@code [P, D]}
     * @param y the second point set, {@code [Q, D]}
     * @return the symmetric Chamfer distance
     */
    @Loss(name = "ChamferLoss")
    public static double chamfer(double[][] x, double[][] y) {
        double fromX = 0.0;
        for (int i = 0; i < x.length; i++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < y.length; j++) {
                nearest = Math.min(nearest, squaredDistance(x[i], y[j]));
            }
            fromX += nearest;
        }
        double fromY = 0.0;
        for (int j = 0; j < y.length; j++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                nearest = Math.min(nearest, squaredDistance(x[i], y[j]));
            }
            fromY += nearest;
        }
        return fromX / x.length + fromY / y.length;
    }

    /**
     * The squared Euclidean distance {@code ‖u − v‖²} of two rows of one length.
     *
     * @param u a row
     * @param v a row of the same length
     * @return the squared distance
     */
    @Differentiable
    public static double squaredDistance(double[] u, double[] v) {
        double s = 0.0;
        for (int c = 0; c < u.length; c++) {
            s += sq(u[c] - v[c]);
        }
        return s;
    }
}
