package io.gradgen;

import java.util.Arrays;
import java.util.Objects;

/**
 * The first layer of {@link Tensor}: its elements, its shape and the methods that read them. The
 * public methods declared here are {@code Tensor}'s own (this class is not public); see
 * {@link Tensor} for the layers above.
 */
abstract sealed class TensorValues permits TensorAutograd {

    /** The elements and their version counter, possibly shared with other tensors (views). */
    final Storage storage;
    /**
     * {@code storage}'s array, kept in this field because every kernel reads it first thing. It
     * changes only together with the storage's, in {@link #exchangeData(double[])}.
     */
    double[] data;

    private final int[] shape;

    /** Wraps {@code data} without copying or validating; the caller guarantees the invariants. */
    TensorValues(double[] data, int[] shape) {
        this.storage = new Storage(data);
        this.data = data;
        this.shape = shape;
    }

    /** {@code Tensor} itself: the only class this layer is a base of, through the layers above. */
    final Tensor self() {
        return (Tensor) this;
    }

    /**
     * The dimensions of this tensor.
     *
     * @return a copy of the shape; empty for a 0-dim tensor
     */
    public int[] shape() {
        return shape.clone();
    }

    /** The shape array itself, for the runtime's own read-only use. */
    final int[] shapeRef() {
        return shape;
    }

    /**
     * The size of one dimension.
     *
     * @param dim the dimension; negative values count from the end
     * @return {@code shape()[dim]}
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public int size(int dim) {
        return shape[Shapes.wrapDim("size", dim, shape)];
    }

    /**
     * The number of dimensions.
     *
     * @return {@code shape().length}; 0 for a 0-dim tensor
     */
    public int dim() {
        return shape.length;
    }

    /**
     * The number of elements.
     *
     * @return the product of the shape; 1 for a 0-dim tensor
     */
    public int numel() {
        return storage.length();
    }

    /**
     * The value of a one-element tensor (any shape whose product is 1).
     *
     * @return the only element
     * @throws IllegalStateException if the tensor does not have exactly one element
     */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item() needs a tensor with exactly one element, but this one has shape "
                    + Shapes.format(shape) + " (" + numel() + " elements); use get(...) or toArray() instead");
        }
        return data[0];
    }

    /**
     * The elements in row-major order.
     *
     * @return a copy of the data
     */
    public double[] toArray() {
        return data.clone();
    }

    /**
     * One element, by its multi-index.
     *
     * @param index one non-negative index per dimension; none for a 0-dim tensor
     * @return the element
     * @throws IllegalArgumentException if the number of indices is not {@link #dim()} or an index
     *     is out of bounds; the message names the index and the shape
     */
    public double get(int... index) {
        Objects.requireNonNull(index, "get: index is null");
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: index " + Arrays.toString(index) + " has " + index.length
                    + " entries but the tensor has shape " + Shapes.format(shape) + " (" + shape.length
                    + " dimensions)");
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IllegalArgumentException("get: index " + Arrays.toString(index) + " is out of bounds for shape "
                        + Shapes.format(shape) + " (index " + index[d] + " in dimension " + d + " of size " + shape[d]
                        + ")");
            }
            flat = flat * shape[d] + index[d];
        }
        return data[flat];
    }

    /**
     * Whether this tensor has the same shape as {@code other} and every pair of elements is close:
     * {@code |a - b| <= atol + rtol * |b|}, like {@code torch.allclose}. NaNs are never close.
     *
     * @param other the tensor to compare with
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @return whether the values match within the tolerances
     * @throws IllegalArgumentException if a tolerance is negative or NaN, as in PyTorch
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        Objects.requireNonNull(other, "allClose: other is null");
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException("allClose: rtol and atol must be >= 0, got rtol=" + rtol + ", atol=" + atol);
        }
        if (!Arrays.equals(shape, other.shapeRef())) {
            return false;
        }
        double[] mine = data;
        double[] theirs = other.data;
        for (int i = 0; i < mine.length; i++) {
            double a = mine[i];
            double b = theirs[i];
            if (a != b && !(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /** The number of in-place writes to this tensor's elements so far. */
    final int version() {
        return storage.version();
    }

    /**
     * Takes {@code array} as this tensor's elements (a gradient adopting a fused forward's array)
     * and returns the previous one.
     */
    final double[] exchangeData(double[] array) {
        double[] previous = storage.exchange(array);
        data = array;
        return previous;
    }
}
