package io.gradgen;

/**
 * The two kinds of gradient array the fused losses hand around, {@code double[]} for FLOAT64 and
 * {@code float[]} for FLOAT32 tensors, so that the code passing them on is written once.
 */
final class GradientArrays {

    private GradientArrays() {
    }

    static Object create(DType dtype, int length) {
        return dtype == DType.FLOAT32 ? new float[length] : new double[length];
    }

    /** Whether {@code array} is of {@code dtype}'s kind and {@code length} long (false for null). */
    static boolean fits(Object array, DType dtype, int length) {
        return array instanceof double[] d ? dtype == DType.FLOAT64 && d.length == length
                : array instanceof float[] f && dtype == DType.FLOAT32 && f.length == length;
    }

    static DType dtype(Object array) {
        if (array instanceof double[]) {
            return DType.FLOAT64;
        }
        if (array instanceof float[]) {
            return DType.FLOAT32;
        }
        throw new IllegalArgumentException("a gradient array is a double[] or a float[], got "
                + (array == null ? "null" : array.getClass().getSimpleName()));
    }

    /** A tensor of {@code shape} over {@code array} itself, not a copy. */
    static Tensor wrap(Object array, int[] shape) {
        return dtype(array) == DType.FLOAT32 ? new Tensor((float[]) array, shape) : new Tensor((double[]) array, shape);
    }
}
