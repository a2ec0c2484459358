package io.gradgen;

import java.util.Arrays;

/**
 * The kernels of the {@code ...InPlace} methods, which optimizers use to update parameters. A
 * FLOAT32 tensor is updated in float arithmetic, with the scalar factors rounded to float first,
 * as PyTorch updates {@code float} parameters.
 */
final class InPlaceOps {

    private InPlaceOps() {
    }

    /**
     * {@code other}'s elements at {@code self}'s shape and in {@code self}'s type, as doubles: a
     * FLOAT64 array is used in place when no broadcast or conversion is needed.
     */
    static double[] operand(String op, Tensor self, String name, Tensor other) {
        if (other == null) {
            // not requireNonNull(other, op + ...): that concatenates the message on every update
            throw new NullPointerException(op + ": argument is null");
        }
        int[] shape = self.shapeRef();
        double[] values = other.valuesIn(self.dtype());
        if (Arrays.equals(other.shapeRef(), shape)) {
            return values;
        }
        int[] target = Shapes.broadcast(op, shape, other.shapeRef());
        if (!Arrays.equals(target, shape)) {
            throw new IllegalArgumentException(op + ": a tensor of shape " + Shapes.format(other.shapeRef())
                    + " cannot be broadcast to this tensor's shape " + Shapes.format(shape)
                    + Shapes.reshapeHint(name, other.shapeRef(), shape));
        }
        return Shapes.expand(values, other.shapeRef(), shape);
    }

    /**
     * {@code other}'s float array when {@code self} and {@code other} are both FLOAT32 and of one shape
     * (the operand needs neither a broadcast nor a conversion), else null.
     */
    static float[] sameShapeFloats(Tensor self, Tensor other) {
        float[] floats = other == null ? null : other.storage.f32();
        return floats != null && self.storage.f32() != null && Arrays.equals(other.shapeRef(), self.shapeRef())
                ? floats : null;
    }

    /** {@code self += alpha * o} for a FLOAT32 {@code self}: as {@link #add(Tensor, double[], double)}, the same bits. */
    static void add(Tensor self, float[] o, double alpha) {
        float[] f = self.storage.f32();
        float a = (float) alpha;
        for (int i = 0; i < f.length; i++) {
            f[i] += a * o[i];
        }
    }

    /** {@code self += alpha * o}. */
    static void add(Tensor self, double[] o, double alpha) {
        double[] data = self.data;
        if (data != null) {
            for (int i = 0; i < data.length; i++) {
                data[i] += alpha * o[i];
            }
            return;
        }
        float[] f = self.storage.f32();
        float a = (float) alpha;
        for (int i = 0; i < f.length; i++) {
            f[i] += a * (float) o[i];
        }
    }

    /** {@code self *= factor}. */
    static void scale(Tensor self, double factor) {
        double[] data = self.data;
        if (data != null) {
            for (int i = 0; i < data.length; i++) {
                data[i] *= factor;
            }
            return;
        }
        float[] f = self.storage.f32();
        float c = (float) factor;
        for (int i = 0; i < f.length; i++) {
            f[i] *= c;
        }
    }

    /** {@code self += value * a * b}. */
    static void addProduct(Tensor self, double[] a, double[] b, double value) {
        double[] data = self.data;
        if (data != null) {
            for (int i = 0; i < data.length; i++) {
                data[i] += value * a[i] * b[i];
            }
            return;
        }
        float[] f = self.storage.f32();
        float v = (float) value;
        for (int i = 0; i < f.length; i++) {
            f[i] += v * (float) a[i] * (float) b[i];
        }
    }

    /** {@code self += value * a / b}. */
    static void addQuotient(Tensor self, double[] a, double[] b, double value) {
        double[] data = self.data;
        if (data != null) {
            for (int i = 0; i < data.length; i++) {
                data[i] += value * a[i] / b[i];
            }
            return;
        }
        float[] f = self.storage.f32();
        float v = (float) value;
        for (int i = 0; i < f.length; i++) {
            f[i] += v * (float) a[i] / (float) b[i];
        }
    }

    /** {@code self = values} (already in {@code self}'s type, as doubles). */
    static void copy(Tensor self, double[] values) {
        double[] data = self.data;
        if (data != null) {
            System.arraycopy(values, 0, data, 0, data.length);
            return;
        }
        float[] f = self.storage.f32();
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
    }
}
