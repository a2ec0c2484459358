package io.gradgen;

import java.util.Arrays;

/**
 * What generated batch losses call (losses whose {@code double[][]} and {@code int[]} parameters
 * receive the whole batch): input shapes, labels, and the checks that keep every index inside its
 * array. Not for user code. It is the batch-loss part of the support API described in
 * {@link LossSupport}, versioned with it by {@link LossSupport#API_VERSION}.
 */
public final class BatchSupport {
    private BatchSupport() {
    }

    /**
     * The number of rows of a {@code double[][]} input: a tensor of shape {@code [B, D]}.
     *
     * @param lossName the generated class's simple name
     * @param input the parameter's name
     * @param t the tensor passed for it
     * @return {@code B}
     * @throws IllegalArgumentException if {@code t} is not two-dimensional, saying what to pass
     */
    public static int rows(String lossName, String input, Tensor t) {
        if (t == null) {
            throw new NullPointerException(lossName + ": input " + input + " is null");
        }
        if (t.dim() != 2) {
            throw new IllegalArgumentException(lossName + ": input " + input + " is a double[][] (one row per batch"
                    + " element) and takes a tensor of shape [B, D], but got shape " + Arrays.toString(t.shape())
                    + (t.dim() == 1 ? "; for one feature per element call " + input + ".reshape(" + t.shape()[0]
                            + ", 1)" : ""));
        }
        return t.shape()[0];
    }

    /**
     * The length of each row of a {@code double[][]} input of shape {@code [B, D]}.
     *
     * @param t the tensor, checked by {@link #rows}
     * @return {@code D}
     */
    public static int rowLength(Tensor t) {
        return t.shape()[1];
    }

    /**
     * The labels of an {@code int[]} input: a tensor of shape {@code [B]} with integral values
     * ({@code Tensor.labels}).
     *
     * @param lossName the generated class's simple name
     * @param input the parameter's name
     * @param t the tensor passed for it
     * @return the labels
     * @throws IllegalArgumentException if {@code t} is not one-dimensional or a value is not integral
     */
    public static int[] labels(String lossName, String input, Tensor t) {
        if (t == null) {
            throw new NullPointerException(lossName + ": input " + input + " is null");
        }
        if (t.dim() != 1) {
            throw new IllegalArgumentException(lossName + ": input " + input + " is an int[] of labels and takes a"
                    + " tensor of shape [B], but got shape " + Arrays.toString(t.shape())
                    + (t.dim() == 2 && t.shape()[1] == 1 ? "; call " + input + ".reshape(" + t.shape()[0] + ")" : ""));
        }
        double[] values = t.doubles();
        int[] labels = new int[values.length];
        for (int b = 0; b < values.length; b++) {
            double v = values[b];
            if (v != (int) v) {
                throw new IllegalArgumentException(lossName + ": label " + input + "[" + b + "] is " + v
                        + ", not an integer; pass integral labels (Tensor.labels(int[]))");
            }
            labels[b] = (int) v;
        }
        return labels;
    }

    /**
     * Checks that every label indexes a row of {@code rowsName}: {@code 0 <= labels[b] < rows}.
     *
     * @throws IllegalArgumentException naming the label, its position and the valid range
     */
    public static void checkLabels(String lossName, String input, int[] labels, String rowsName, int rows) {
        for (int b = 0; b < labels.length; b++) {
            if (labels[b] < 0 || labels[b] >= rows) {
                throw new IllegalArgumentException(lossName + ": label " + input + "[" + b + "] = " + labels[b]
                        + " indexes a row of " + rowsName + ", which has " + rows + " rows; labels must lie in [0, "
                        + rows + ")");
            }
        }
    }

    /**
     * Checks that two inputs one loop indexes together have the same extent along an axis.
     *
     * @param axis 0 for the number of rows ({@code z.length}), 1 for the rows' length ({@code z[b].length})
     * @throws IllegalArgumentException naming both inputs and their extents
     */
    public static void checkSameExtent(String lossName, String first, int firstExtent, String second,
            int secondExtent, int axis) {
        if (firstExtent != secondExtent) {
            String what = axis == 0 ? ".length" : "[b].length";
            throw new IllegalArgumentException(lossName + ": the body reads " + first + " and " + second
                    + " in one loop, so they need " + (axis == 0 ? "the same number of rows" : "rows of one length")
                    + ", but " + first + what + " = " + firstExtent + " and " + second + what + " = " + secondExtent);
        }
    }

    /**
     * {@code z[b][k]} of a batch stored row after row, or 0 where {@code b} or {@code k} lies
     * outside it: a computed index a gradient reads only where a range condition holds.
     */
    public static double at(double[] data, int rows, int length, int b, int k) {
        return b >= 0 && b < rows && k >= 0 && k < length ? data[b * length + k] : 0.0;
    }

    /**
     * The exception for a condition the body needs of its inputs (an index the processor could not
     * prove inside its row) that the batch does not meet.
     *
     * @param lossName the generated class's simple name
     * @param requirement what the body reads outside which row, in the user's code
     * @return the exception to throw
     */
    public static IllegalArgumentException unmet(String lossName, String requirement) {
        return new IllegalArgumentException(lossName + ": " + requirement
                + "; pass inputs whose shapes and labels keep every index inside its row");
    }

    /**
     * The result of a batch loss: a 0-dim tensor, of FLOAT32 when an input is FLOAT32.
     *
     * @param value the loss of the batch
     * @param gradFn its backward node, or null when no input needs a gradient
     * @param inputs the loss's tensor inputs
     * @return the result tensor
     */
    public static Tensor result(double value, io.gradgen.autograd.BackwardFunction gradFn, Tensor... inputs) {
        if (gradFn == null) {
            return Tensor.fromDoubles(new double[] {value}, new int[0], LossSupport.Results.resultType(inputs));
        }
        return LossSupport.Results.result(new double[] {value}, new int[0], gradFn);
    }
}
