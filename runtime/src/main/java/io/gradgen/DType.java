package io.gradgen;

/**
 * The element type of a {@link Tensor}, like PyTorch's {@code torch.float32} and
 * {@code torch.float64}. Factories make {@code FLOAT64} tensors unless they take {@code float}s;
 * {@link Tensor#to(DType)} converts.
 *
 * <p>Operations on {@code FLOAT32} tensors return {@code FLOAT32} tensors and give their inputs
 * {@code FLOAT32} gradients. An operation on two tensors of different types computes in the wider
 * one, {@code FLOAT64}, by PyTorch's promotion rule, with one exception PyTorch makes too: a 0-dim
 * operand (such as the scalar in {@code x.mul(0.5)}) does not widen an operand with dimensions, so
 * {@code x.mul(0.5)} on a {@code FLOAT32} {@code x} stays {@code FLOAT32}.
 */
public enum DType {
    /** 32-bit IEEE 754 {@code float}. */
    FLOAT32(Float.BYTES),
    /** 64-bit IEEE 754 {@code double}, the default. */
    FLOAT64(Double.BYTES);

    private final int itemSize;

    DType(int itemSize) {
        this.itemSize = itemSize;
    }

    /**
     * The size of one element in bytes, like PyTorch's {@code dtype.itemsize}.
     *
     * @return 4 for {@code FLOAT32}, 8 for {@code FLOAT64}
     */
    public int itemSize() {
        return itemSize;
    }

    /** The type an operation on {@code a} and {@code b} computes in and returns (see the class comment). */
    static DType promote(Tensor a, Tensor b) {
        DType x = a.dtype();
        DType y = b.dtype();
        if (x == y) {
            return x;
        }
        boolean aHasDims = a.dim() > 0;
        if (aHasDims != b.dim() > 0) {
            return aHasDims ? x : y;
        }
        return FLOAT64;
    }

    /** PyTorch's spelling, as {@code toString()} of a tensor shows it: {@code float32}. */
    String shortName() {
        return this == FLOAT32 ? "float32" : "float64";
    }
}
