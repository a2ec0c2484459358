package io.gradgen;

import java.util.Arrays;
import java.util.Objects;

/** The kernels of the {@code ...InPlace} methods, which optimizers use to update parameters. */
final class InPlaceOps {

    private InPlaceOps() {
    }

    /** {@code other}'s data at {@code self}'s shape, for an in-place operation. */
    static double[] operand(String op, Tensor self, Tensor other) {
        Objects.requireNonNull(other, op + ": argument is null");
        int[] shape = self.shapeRef();
        if (Arrays.equals(other.shapeRef(), shape)) {
            return other.data;
        }
        int[] target = Shapes.broadcast(op, shape, other.shapeRef());
        if (!Arrays.equals(target, shape)) {
            throw new IllegalArgumentException(op + ": a tensor of shape " + Shapes.format(other.shapeRef())
                    + " cannot be broadcast to this tensor's shape " + Shapes.format(shape));
        }
        return Shapes.expand(other.data, other.shapeRef(), shape);
    }

    /** {@code data += alpha * o}. */
    static void add(double[] data, double[] o, double alpha) {
        for (int i = 0; i < data.length; i++) {
            data[i] += alpha * o[i];
        }
    }

    /** {@code data *= factor}. */
    static void scale(double[] data, double factor) {
        for (int i = 0; i < data.length; i++) {
            data[i] *= factor;
        }
    }

    /** {@code data += value * a * b}. */
    static void addProduct(double[] data, double[] a, double[] b, double value) {
        for (int i = 0; i < data.length; i++) {
            data[i] += value * a[i] * b[i];
        }
    }

    /** {@code data += value * a / b}. */
    static void addQuotient(double[] data, double[] a, double[] b, double value) {
        for (int i = 0; i < data.length; i++) {
            data[i] += value * a[i] / b[i];
        }
    }
}
