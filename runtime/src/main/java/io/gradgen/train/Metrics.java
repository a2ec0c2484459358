package io.gradgen.train;

import io.gradgen.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The common {@link Metric}s: classification accuracy, mean absolute error and root mean squared
 * error. Each computes in double precision from the tensors' values and checks shapes first, with
 * a message that names both shapes and the fix where there is one.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The fraction of predictions whose class equals the label.
     *
     * <ul>
     *   <li>Multi-class: a prediction of shape {@code [..., C]} with {@code C >= 2} (a row of logits
     *       or probabilities per sample) and integral labels of the batch shape {@code [...]} (usually
     *       {@code [N]}): the predicted class is the arg-max of the row (the first one on ties).</li>
     *   <li>Binary: a prediction of shape {@code [N]} or {@code [N, 1]} (one logit per sample) and
     *       0/1 labels of shape {@code [N]} or {@code [N, 1]}: the predicted class is 1 when the
     *       logit is {@code > 0}, else 0. Pass logits, as {@code BCEWithLogitsLoss} takes them, not
     *       probabilities.</li>
     * </ul>
     * A row that holds a NaN counts as wrong.
     *
     * @return the accuracy metric, in {@code [0, 1]}; NaN for zero samples
     */
    public static Metric accuracy() {
        return Metrics::accuracy;
    }

    /**
     * The mean absolute error, {@code mean(|prediction − target|)}, like {@code nn.L1Loss}.
     *
     * @return the metric; the shapes must be equal (no broadcasting, so an {@code [N, 1]} against
     *     {@code [N]} mix-up is an error rather than an {@code [N, N]} average)
     */
    public static Metric mae() {
        return (prediction, target) -> meanOfDifferences("mae", prediction, target, false);
    }

    /**
     * The root mean squared error, {@code sqrt(mean((prediction − target)²))}.
     *
     * @return the metric; the shapes must be equal, as for {@link #mae()}
     */
    public static Metric rmse() {
        return (prediction, target) -> Math.sqrt(meanOfDifferences("rmse", prediction, target, true));
    }

    private static double accuracy(Tensor prediction, Tensor target) {
        Objects.requireNonNull(prediction, "accuracy: prediction is null");
        Objects.requireNonNull(target, "accuracy: target is null");
        int[] p = prediction.shape();
        int[] t = target.shape();
        if (isBinary(p, t)) {
            return binaryAccuracy(prediction.toArray(), labels(target, 2));
        }
        if (p.length >= 1 && p[p.length - 1] >= 2 && Arrays.equals(Arrays.copyOf(p, p.length - 1), t)) {
            int classes = p[p.length - 1];
            return multiClassAccuracy(prediction.toArray(), classes, labels(target, classes));
        }
        throw new IllegalArgumentException("accuracy: prediction " + Arrays.toString(p) + " does not fit labels "
                + Arrays.toString(t) + "; pass logits [N, C] with class labels [N], or one logit per sample ([N] or"
                + " [N, 1]) with 0/1 labels of the same length");
    }

    /** One logit per sample: [N] or [N, 1], against labels [N] or [N, 1] of the same length. */
    private static boolean isBinary(int[] p, int[] t) {
        boolean onePerSample = p.length == 1 || (p.length == 2 && p[1] == 1);
        boolean labelPerSample = t.length == 1 || (t.length == 2 && t[1] == 1);
        return onePerSample && labelPerSample && p[0] == t[0];
    }

    private static double binaryAccuracy(double[] logits, int[] labels) {
        int correct = 0;
        for (int i = 0; i < logits.length; i++) {
            if (!Double.isNaN(logits[i]) && (logits[i] > 0 ? 1 : 0) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / logits.length;
    }

    private static double multiClassAccuracy(double[] scores, int classes, int[] labels) {
        int correct = 0;
        for (int row = 0; row < labels.length; row++) {
            if (argMax(scores, row * classes, classes) == labels[row]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    /** The first index of the largest value in {@code scores[from, from + n)}; -1 if any is NaN. */
    private static int argMax(double[] scores, int from, int n) {
        int best = 0;
        for (int c = 0; c < n; c++) {
            double v = scores[from + c];
            if (Double.isNaN(v)) {
                return -1;
            }
            if (v > scores[from + best]) {
                best = c;
            }
        }
        return best;
    }

    /** The target's values as class indices in [0, classes); anything else names its position. */
    private static int[] labels(Tensor target, int classes) {
        double[] values = target.toArray();
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new IllegalArgumentException("accuracy: label " + v + " at position " + i + " is not "
                        + (classes == 2 ? "0 or 1" : "a class index in [0, " + classes + ")")
                        + "; labels must be integral class indices");
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    private static double meanOfDifferences(String name, Tensor prediction, Tensor target, boolean squared) {
        Objects.requireNonNull(prediction, () -> name + ": prediction is null");
        Objects.requireNonNull(target, () -> name + ": target is null");
        int[] p = prediction.shape();
        int[] t = target.shape();
        if (!Arrays.equals(p, t)) {
            throw new IllegalArgumentException(name + ": prediction " + Arrays.toString(p) + " and target "
                    + Arrays.toString(t) + " have different shapes" + reshapeHint(p, t));
        }
        double[] a = prediction.toArray();
        double[] b = target.toArray();
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += squared ? d * d : Math.abs(d);
        }
        return sum / a.length;
    }

    /** Suggests the reshape when the shapes differ only by a trailing dimension of 1. */
    private static String reshapeHint(int[] p, int[] t) {
        if (p.length == t.length + 1 && p[p.length - 1] == 1 && Arrays.equals(Arrays.copyOf(p, t.length), t)) {
            return "; call target.reshape(" + joined(p) + ") or reshape the model's output to " + Arrays.toString(t);
        }
        if (t.length == p.length + 1 && t[t.length - 1] == 1 && Arrays.equals(Arrays.copyOf(t, p.length), p)) {
            return "; call target.reshape(" + joined(p) + ")";
        }
        return "; they must be equal";
    }

    private static String joined(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.toString();
    }
}
