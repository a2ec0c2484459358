package io.gradgen;

import java.util.Arrays;

/** Reading tensor data without copying, and the sizes of a batch. */
public final class LossBatch {

    private LossBatch() {
    }

    /**
     * The tensor's backing array, row-major, without copying. Generated kernels read it and
     * never write it; writing into it would bypass the version check that protects saved values.
     *
     * @param t the tensor
     * @return its backing array; for a FLOAT32 tensor, a new array with the elements widened to
     *     double
     */
    public static double[] data(Tensor t) {
        return t.doubles();
    }

    /**
     * A FLOAT32 tensor's backing array, row-major, without copying: what a generated loss's
     * float kernels read (see {@link LossKernels#floatKernels}). They never write it.
     *
     * @param t a FLOAT32 tensor
     * @return its backing array
     * @throws IllegalArgumentException if {@code t} is FLOAT64
     */
    public static float[] floats(Tensor t) {
        float[] f = t.storage.f32();
        if (f == null) {
            throw new IllegalArgumentException("LossBatch.floats: the tensor is " + t.dtype()
                    + "; call LossKernels.floatKernels(...) first and use data(...) for FLOAT64 tensors");
        }
        return f;
    }

    /**
     * The length of the rows of a row ({@code double[]}) input: its last dimension.
     *
     * @param t a tensor with at least one dimension
     * @return {@code t.shape()[t.dim() - 1]}
     */
    public static int rowLength(Tensor t) {
        int[] shape = t.shapeRef();
        return shape[shape.length - 1];
    }

    /**
     * The number of batch positions of a loss input: its element count, or for a row parameter
     * (the last dimension is the row) the element count without the last dimension.
     *
     * @param t the input
     * @param row whether it is a {@code double[]} row parameter
     * @return the number of batch positions
     */
    public static int positions(Tensor t, boolean row) {
        int[] shape = t.shapeRef();
        int n = 1;
        for (int d = 0; d < shape.length - (row ? 1 : 0); d++) {
            n *= shape[d];
        }
        return n;
    }

    /**
     * A loss input's batch shape: its shape, without the last dimension for a row parameter.
     *
     * @param t the input
     * @param row whether it is a {@code double[]} row parameter
     * @return the batch shape (a copy)
     */
    public static int[] batchShapeOf(Tensor t, boolean row) {
        int[] shape = t.shapeRef();
        return Arrays.copyOf(shape, shape.length - (row ? 1 : 0));
    }

    /**
     * The number of elements of a shape: the number of positions of a batch shape.
     *
     * @param shape the dimensions
     * @return their product; 1 for {@code []}
     */
    public static int numel(int[] shape) {
        return Shapes.numel(shape);
    }

    /**
     * The size of the batch's last dimension, which a {@code @LastIndex} parameter indexes: 1
     * for a 0-dim batch.
     *
     * @param batchShape the batch shape
     * @return its last dimension, or 1
     */
    public static int lastDim(int[] batchShape) {
        return batchShape.length == 0 ? 1 : batchShape[batchShape.length - 1];
    }

    /**
     * The size of the first batch dimension, the divisor of {@code Reduction.BATCH_MEAN}: 1 for
     * a 0-dim batch (a single position).
     *
     * @param batchShape the batch shape
     * @return its first dimension, or 1
     */
    public static int batchSize(int[] batchShape) {
        return batchShape.length == 0 ? 1 : batchShape[0];
    }

    /**
     * {@code data[offset + index]}, or 0 when {@code index} lies outside the row: how generated
     * code reads a row at a label that only indexes it under a condition (an
     * {@code ignore_index} that may be any integer), so that computing the unused branch cannot
     * fail.
     *
     * @param data the rows
     * @param offset where this position's row starts
     * @param length the row length
     * @param index the label
     * @return the element, or 0.0
     */
    public static double at(double[] data, int offset, int length, int index) {
        return index >= 0 && index < length ? data[offset + index] : 0.0;
    }

    /**
     * {@code row[index]}, or 0 when {@code index} lies outside it (see
     * {@link #at(double[], int, int, int)}).
     *
     * @param row a {@code @Param double[]} constant
     * @param index the label
     * @return the element, or 0.0
     */
    public static double at(double[] row, int index) {
        return index >= 0 && index < row.length ? row[index] : 0.0;
    }
}
