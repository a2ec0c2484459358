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

    /** The most chunks {@link #forRows} cuts a batch's rows into. */
    static final int MAX_ROW_CHUNKS = 16;

    /**
     * Runs {@code body} over the rows {@code [0, rows)} of a batch gradient, in at most
     * {@link #MAX_ROW_CHUNKS} chunks, in parallel when the whole gradient is large. Each chunk
     * allocates its per-row tables once, so few chunks keep a step's allocation at a few tables; the
     * rows are independent, so the result is the same for any chunking and any thread count.
     *
     * @param rows the number of rows
     * @param workPerRow the elements of work of one row, for deciding to go parallel
     * @param body the work on the rows {@code [from, to)} of one chunk
     */
    public static void forRows(int rows, long workPerRow, io.gradgen.kernels.Parallel.ChunkBody body) {
        int chunk = Math.max(1, (rows + MAX_ROW_CHUNKS - 1) / MAX_ROW_CHUNKS);
        if ((long) rows * Math.max(1, workPerRow) < io.gradgen.kernels.Parallel.PARALLEL_THRESHOLD) {
            body.run(0, 0, rows); // small: one chunk on the calling thread
            return;
        }
        // Parallel.forRows cuts DEFAULT_CHUNK / width rows per chunk: pick the width that gives `chunk`
        io.gradgen.kernels.Parallel.forRows(rows, Math.max(1, io.gradgen.kernels.Parallel.DEFAULT_CHUNK / chunk), body);
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
            return Tensor.fromDoubles(new double[] {value}, new int[0], LossResults.resultType(inputs));
        }
        return LossResults.result(new double[] {value}, new int[0], gradFn);
    }
}
