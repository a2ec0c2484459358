package io.gradgen;

import java.util.Arrays;
import java.util.Objects;

/**
 * The first layer of {@link Tensor}: its elements, its shape and the methods that read them. The
 * public methods declared here are {@code Tensor}'s own (this class is not public); see
 * {@link Tensor} for the layers above.
 */
abstract sealed class TensorValues permits TensorAutograd {

    /**
     * The elements and their version counter, possibly shared with other tensors (views). Replaced
     * only by a conversion in place ({@link #replaceStorage(Storage)}).
     */
    Storage storage;
    /**
     * The FLOAT64 storage's array (null for FLOAT32), kept in this field because every float64
     * kernel reads it first thing. It changes only together with the storage's, in
     * {@link #exchangeData(double[])} and {@link #replaceStorage(Storage)}.
     */
    double[] data;

    private final int[] shape;

    /** Views {@code storage} as {@code shape} without copying or validating; the caller guarantees the invariants. */
    TensorValues(Storage storage, int[] shape) {
        this.storage = storage;
        this.data = storage.f64();
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
     * The element type.
     *
     * @return {@link DType#FLOAT64} unless this tensor was made from floats or converted with
     *     {@code to(DType.FLOAT32)}
     */
    public DType dtype() {
        return storage.dtype();
    }

    /**
     * The value of a one-element tensor (any shape whose product is 1).
     *
     * @return the only element (widened to double for a FLOAT32 tensor)
     * @throws IllegalStateException if the tensor does not have exactly one element
     */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item() needs a tensor with exactly one element, but this one has shape "
                    + Shapes.format(shape) + " (" + numel() + " elements); use get(...) or toArray() instead");
        }
        return storage.get(0);
    }

    /**
     * The elements in row-major order.
     *
     * @return a copy of the data (widened to double for a FLOAT32 tensor)
     */
    public double[] toArray() {
        return storage.toDoubles();
    }

    /**
     * One element, by its multi-index.
     *
     * @param index one non-negative index per dimension; none for a 0-dim tensor
     * @return the element (widened to double for a FLOAT32 tensor)
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
        return storage.get(flat);
    }

    /**
     * Whether this tensor has the same shape as {@code other} and every pair of elements is close:
     * {@code |a - b| <= atol + rtol * |b|}, like {@code torch.allclose}. NaNs are never close.
     * Elements of different types are compared as doubles.
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
        Storage mine = storage;
        Storage theirs = other.storage;
        for (int i = 0, n = mine.length(); i < n; i++) {
            double a = mine.get(i);
            double b = theirs.get(i);
            if (a != b && !(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A read-only view of this FLOAT64 tensor's elements, row-major, without a copy: the way to
     * read a large tensor or gradient ({@code p.grad().asDoubleBuffer()}) without allocating.
     * The view is live: it shows every later in-place write to this tensor, such as an optimizer's
     * step, the accumulation of further gradients into a {@code grad()} tensor, or its
     * {@code zeroGrad()} (zeroing, otherwise deferred, is done at once for a tensor with a view).
     * Only {@link Tensor#toInPlace(DType)} detaches it: afterwards the tensor's elements live in a
     * new array and the view keeps showing the old one.
     *
     * @return a read-only buffer of {@link #numel()} elements, position 0
     * @throws IllegalStateException if this tensor is FLOAT32; use {@link #asFloatBuffer()}
     */
    public java.nio.DoubleBuffer asDoubleBuffer() {
        if (storage.f64() == null) {
            throw new IllegalStateException("asDoubleBuffer: this tensor of shape " + Shapes.format(shape)
                    + " is float32; use asFloatBuffer(), or to(DType.FLOAT64).asDoubleBuffer() for a float64 copy");
        }
        return storage.doubleBuffer();
    }

    /**
     * A read-only view of this FLOAT32 tensor's elements, without a copy (see
     * {@link #asDoubleBuffer()}).
     *
     * @return a read-only buffer of {@link #numel()} elements, position 0
     * @throws IllegalStateException if this tensor is FLOAT64; use {@link #asDoubleBuffer()}
     */
    public java.nio.FloatBuffer asFloatBuffer() {
        if (storage.f32() == null) {
            throw new IllegalStateException("asFloatBuffer: this tensor of shape " + Shapes.format(shape)
                    + " is float64; use asDoubleBuffer(), or to(DType.FLOAT32).asFloatBuffer() for a float32 copy");
        }
        return storage.floatBuffer();
    }

    /**
     * The elements as doubles, for kernels that compute in double: the FLOAT64 array itself (not to
     * be written) or a widened copy.
     */
    final double[] doubles() {
        return storage.doubles();
    }

    /** The elements as they are after conversion to {@code dtype}, as doubles (see {@link Storage#valuesIn}). */
    final double[] valuesIn(DType dtype) {
        return storage.valuesIn(dtype);
    }

    /** A new leaf with a copy of this tensor's elements converted to {@code dtype}, outside the graph. */
    final Tensor copyAs(DType dtype) {
        return new Tensor(storage.copy(dtype), shape);
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

    /** As {@link #exchangeData(double[])}, for a FLOAT32 tensor. */
    final float[] exchangeData(float[] array) {
        return storage.exchange(array);
    }

    /**
     * Makes {@code replacement} this tensor's storage (a conversion in place); its version continues
     * from the old one's, so backward nodes that saved this tensor see a write.
     */
    final void replaceStorage(Storage replacement) {
        replacement.continueVersion(storage);
        storage = replacement;
        data = replacement.f64();
    }
}
