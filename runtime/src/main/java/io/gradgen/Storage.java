package io.gradgen;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The elements of a tensor, row-major, in a {@code double[]} ({@link DType#FLOAT64}) or a
 * {@code float[]} ({@link DType#FLOAT32}), and the version counter of their in-place writes (as
 * PyTorch keeps a storage apart from the tensors that view it).
 *
 * <p>The version counter lives here rather than on the tensor so that every tensor reading the same
 * elements (a view, see {@link Tensor#unsqueeze(int)}) sees one count: a backward node that saved
 * one of them detects a write made through any.
 */
final class Storage {

    // Exactly one of the two arrays is non-null. Not final for one reason: a leaf's gradient may
    // exchange its array for one a fused forward filled (see exchange), in either type; no other
    // storage's array ever changes identity.
    private double[] f64;
    private float[] f32;
    /** Incremented by every in-place write, so backward nodes can detect stale saved values. */
    private int version;
    /**
     * Whether something other than the tensors of this storage can see the array: a wrapped user
     * array, a view, a buffer handed out. Then the array must keep its identity and its values must
     * always be current (see {@link AutogradMeta}).
     */
    private volatile boolean aliased;

    Storage(double[] f64) {
        this.f64 = f64;
    }

    Storage(float[] f32) {
        this.f32 = f32;
    }

    /** A FLOAT32 storage holding {@code values} rounded to float. */
    static Storage narrowed(double[] values) {
        return narrowed(values, values.length);
    }

    /** A FLOAT32 storage holding the first {@code length} of {@code values}, rounded to float. */
    static Storage narrowed(double[] values, int length) {
        float[] out = new float[length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return new Storage(out);
    }

    DType dtype() {
        return f64 != null ? DType.FLOAT64 : DType.FLOAT32;
    }

    /** The FLOAT64 array itself (null for FLOAT32): read by kernels, written only in place. */
    double[] f64() {
        return f64;
    }

    /** The FLOAT32 array itself (null for FLOAT64). */
    float[] f32() {
        return f32;
    }

    int length() {
        return f64 != null ? f64.length : f32.length;
    }

    double get(int i) {
        return f64 != null ? f64[i] : f32[i];
    }

    /** The elements as doubles: the FLOAT64 array itself (not to be written), or a widened copy. */
    double[] doubles() {
        return f64 != null ? f64 : widen(f32);
    }

    /** A new array with the elements as doubles. */
    double[] toDoubles() {
        return f64 != null ? f64.clone() : widen(f32);
    }

    /**
     * The elements as doubles after conversion to {@code dtype}: the FLOAT64 array itself when no
     * conversion is needed (not to be written); otherwise a new array, rounded to float first when
     * {@code dtype} is FLOAT32, as PyTorch casts an operand to the type an operation computes in.
     */
    double[] valuesIn(DType dtype) {
        if (dtype == DType.FLOAT64 || f32 != null) {
            return doubles();
        }
        double[] out = new double[f64.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f64[i];
        }
        return out;
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** A new storage with a copy of the elements, converted to {@code dtype}. */
    Storage copy(DType dtype) {
        if (dtype == DType.FLOAT64) {
            return new Storage(toDoubles());
        }
        return f32 != null ? new Storage(f32.clone()) : narrowed(f64);
    }

    /** Writes {@code value} (rounded for FLOAT32) into every element. */
    void fill(double value) {
        if (f64 != null) {
            java.util.Arrays.fill(f64, value);
        } else {
            java.util.Arrays.fill(f32, (float) value);
        }
    }

    /** Copies {@code source}'s elements, converting, into this storage of the same length. */
    void copyFrom(Storage source) {
        if (f64 != null && source.f64 != null) {
            System.arraycopy(source.f64, 0, f64, 0, f64.length);
        } else if (f32 != null && source.f32 != null) {
            System.arraycopy(source.f32, 0, f32, 0, f32.length);
        } else if (f64 != null) {
            for (int i = 0; i < f64.length; i++) {
                f64[i] = source.f32[i];
            }
        } else {
            for (int i = 0; i < f32.length; i++) {
                f32[i] = (float) source.f64[i];
            }
        }
    }

    /** A new storage holding the sums of this storage's elements and {@code other}'s, of the same type and length. */
    Storage plus(Storage other) {
        if (f64 != null) {
            double[] a = f64;
            double[] b = other.f64;
            double[] sum = new double[a.length];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = a[i] + b[i];
            }
            return new Storage(sum);
        }
        float[] a = f32;
        float[] b = other.f32;
        float[] sum = new float[a.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return new Storage(sum);
    }

    /** Adds {@code source}'s elements, of the same type and length, into this storage. */
    void addFrom(Storage source) {
        if (f64 != null) {
            double[] target = f64;
            double[] s = source.f64;
            for (int i = 0; i < target.length; i++) {
                target[i] += s[i];
            }
        } else {
            float[] target = f32;
            float[] s = source.f32;
            for (int i = 0; i < target.length; i++) {
                target[i] += s[i];
            }
        }
    }

    /** A read-only buffer over the FLOAT64 array, without a copy. */
    DoubleBuffer doubleBuffer() {
        aliased = true;
        return DoubleBuffer.wrap(f64).asReadOnlyBuffer();
    }

    /** A read-only buffer over the FLOAT32 array, without a copy. */
    FloatBuffer floatBuffer() {
        aliased = true;
        return FloatBuffer.wrap(f32).asReadOnlyBuffer();
    }

    int version() {
        return version;
    }

    /** Starts this storage's count after {@code previous}'s, as one more write of the same tensor. */
    void continueVersion(Storage previous) {
        version = previous.version + 1;
    }

    /** Records an in-place write. */
    void bumpVersion() {
        version++;
    }

    boolean aliased() {
        return aliased;
    }

    /** Records that the array is visible outside its tensors (see {@link #aliased}). */
    Storage alias() {
        aliased = true;
        return this;
    }

    /**
     * Takes {@code array} as the FLOAT64 elements and returns the previous array; a write, so the
     * version is bumped. Only for a storage that is not {@link #aliased()}.
     */
    double[] exchange(double[] array) {
        double[] previous = f64;
        f64 = array;
        version++;
        return previous;
    }

    /** As {@link #exchange(double[])}, for a FLOAT32 storage. */
    float[] exchange(float[] array) {
        float[] previous = f32;
        f32 = array;
        version++;
        return previous;
    }
}
