package io.gradgen.xgboost;

import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The arrays of one boosting round, kept between rounds: the margins and labels as tensors over
 * reused {@code double[]} buffers (so the loss computes in double and nothing is copied again), the
 * loss's derivatives, and the {@code float[]} gradient pair handed back to XGBoost. One batch fits
 * one size of training set; {@link GradgenObjective} makes a new one when the size changes.
 */
final class MarginBatch {
    private final int rows;
    private final int perRow;
    private final int labelCount;
    private final double[] margins;
    private final double[] labels;
    private final Tensor marginTensor;
    private final Tensor labelTensor;
    private final double[] grad;
    private final double[] hess;
    private final float[] gradOut;
    private final float[] hessOut;
    private final List<float[]> result;

    private MarginBatch(int rows, int perRow, int labelCount, int[] marginShape, int[] labelShape) {
        this.rows = rows;
        this.perRow = perRow;
        this.labelCount = labelCount;
        int size = Math.multiplyExact(rows, perRow);
        margins = new double[size];
        labels = new double[labelCount];
        marginTensor = Tensor.wrap(margins, marginShape);
        labelTensor = Tensor.wrap(labels, labelShape);
        grad = new double[size];
        hess = new double[size];
        gradOut = new float[size];
        hessOut = new float[size];
        result = List.of(gradOut, hessOut);
    }

    /**
     * Buffers for {@code rows} rows of {@code perRow} margins and {@code labelCount} labels, shaped
     * for the loss: one margin per row gives {@code [rows]} and {@code [rows]}; one label per margin
     * (several targets) {@code [rows, perRow]} twice; one label per row of several margins (classes)
     * {@code [rows, perRow]} and {@code [rows]}.
     *
     * @throws IllegalArgumentException if the label count fits none of these
     */
    static MarginBatch of(int rows, int perRow, int labelCount) {
        if (perRow == 1 && labelCount == rows) {
            return new MarginBatch(rows, 1, labelCount, new int[] {rows}, new int[] {rows});
        }
        if (perRow > 1 && labelCount == rows * perRow) {
            int[] shape = {rows, perRow};
            return new MarginBatch(rows, perRow, labelCount, shape, shape);
        }
        if (perRow > 1 && labelCount == rows) {
            return new MarginBatch(rows, perRow, labelCount, new int[] {rows, perRow}, new int[] {rows});
        }
        throw new IllegalArgumentException("GradgenObjective: XGBoost hands " + rows + " rows of " + perRow
                + " margins but the DMatrix has " + labelCount + " labels; it needs one label per row (a class"
                + " index when num_class > 1) or one per margin (num_target > 1): call dtrain.setLabel with "
                + rows + " labels");
    }

    boolean fits(int rows, int perRow, int labelCount) {
        return this.rows == rows && this.perRow == perRow && this.labelCount == labelCount;
    }

    /** Copies XGBoost's margins, {@code [rows][perRow]}, and the labels into the loss's buffers. */
    void load(float[][] predicts, float[] labelValues) {
        for (int r = 0; r < rows; r++) {
            float[] row = predicts[r];
            if (row.length != perRow) {
                throw new IllegalArgumentException("GradgenObjective: row " + r + " of the margins has " + row.length
                        + " values but row 0 has " + perRow);
            }
            int base = r * perRow;
            for (int k = 0; k < perRow; k++) {
                margins[base + k] = row[k];
            }
        }
        for (int i = 0; i < labelCount; i++) {
            labels[i] = labelValues[i];
        }
    }

    /** Runs the loss's generated kernel on the loaded margins and labels. */
    void derive(SecondOrderLoss loss) {
        try {
            loss.gradientAndHessian(marginTensor, grad, hess, labelTensor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GradgenObjective passes margins " + Arrays.toString(marginTensor.shape())
                    + " and labels " + Arrays.toString(labelTensor.shape()) + " to " + loss + ", which rejects them: "
                    + e.getMessage() + (perRow > 1 && labelCount == rows
                            ? " (with num_class > 1 the loss must take a row of class scores and a class index,"
                                    + " such as CrossEntropyLoss)"
                            : ""), e);
        }
    }

    /**
     * Writes the float gradient pair XGBoost reads: each Hessian raised to {@code floor}, then both
     * derivatives multiplied by their row's weight.
     *
     * @param weights per-row weights, or none
     * @throws IllegalStateException if a derivative is not finite
     */
    void store(float[] weights, double floor) {
        if (weights.length != 0 && weights.length != rows) {
            throw new IllegalArgumentException("GradgenObjective: the DMatrix has " + weights.length + " weights for "
                    + rows + " rows; set one weight per row, or none");
        }
        for (int i = 0; i < grad.length; i++) {
            double g = grad[i];
            double h = hess[i];
            if (!Double.isFinite(g) || !Double.isFinite(h)) {
                throw nonFinite(i, g, h);
            }
            double w = weights.length == 0 ? 1.0 : weights[i / perRow];
            gradOut[i] = (float) (g * w);
            hessOut[i] = (float) (Math.max(h, floor) * w);
        }
    }

    private IllegalStateException nonFinite(int i, double g, double h) {
        int row = i / perRow;
        double label = labels[labelCount == rows ? row : i];
        return new IllegalStateException("GradgenObjective: the loss's derivatives at row " + row
                + (perRow > 1 ? ", margin " + (i % perRow) : "") + " are not finite (gradient " + g + ", Hessian " + h
                + " at margin " + margins[i] + ", label " + label + "); the margins diverged: set max_delta_step"
                + " (GradgenObjective.recommendedParams gives one) or a lower eta");
    }

    /** The gradient pair of the last {@link #store}, as XGBoost's {@code getGradient} returns it. */
    List<float[]> result() {
        return result;
    }
}
