package io.gradgen;

import java.util.Arrays;

/** Indexing by an integer-valued tensor. */
final class IndexOps {

    private IndexOps() {
    }

    static Tensor gatherLast(Tensor a, Tensor index) {
        java.util.Objects.requireNonNull(index, "gatherLast: index is null");
        int[] shape = a.shapeRef();
        if (shape.length == 0) {
            throw new IllegalArgumentException("gatherLast: the tensor is 0-dim (shape []); it needs a last dimension"
                    + " to pick from");
        }
        int[] batch = Arrays.copyOf(shape, shape.length - 1);
        if (!Arrays.equals(batch, index.shapeRef())) {
            throw new IllegalArgumentException("gatherLast: index has shape " + Shapes.format(index.shapeRef())
                    + " but the tensor has shape " + Shapes.format(shape) + "; index must have the tensor's shape without"
                    + " its last dimension, " + Shapes.format(batch) + Shapes.reshapeHint("index", index.shapeRef(), batch));
        }
        int classes = shape[shape.length - 1];
        double[] idx = index.doubles();
        double[] x = a.doubles();
        int[] columns = new int[idx.length];
        double[] out = new double[idx.length];
        for (int p = 0; p < idx.length; p++) {
            columns[p] = column(idx[p], p, batch, classes);
            out[p] = x[p * classes + columns[p]];
        }
        Tensor result = Tensor.fromDoubles(out, index.shapeRef(), a.dtype());
        if (Tensor.recording(a)) {
            result.withGradFn(new GatherBackward(a, columns, classes));
        }
        return result;
    }

    private static int column(double value, int position, int[] batch, int classes) {
        if (value >= 0 && value < classes && value == (int) value) {
            return (int) value;
        }
        String where = "gatherLast: index value " + value + " at position " + Arrays.toString(Shapes.unravel(position, batch));
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException(where + " is not an integer");
        }
        throw new IllegalArgumentException(where + " is out of range for a last dimension of size " + classes
                + " (expected an integer in [0, " + classes + "))");
    }

    private static final class GatherBackward extends Node {
        private final Tensor input;
        private final int[] columns;
        private final int classes;

        GatherBackward(Tensor input, int[] columns, int classes) {
            super("GatherBackward", input);
            this.input = input;
            this.columns = columns;
            this.classes = classes;
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            double[] g = gradOutput.doubles();
            double[] gi = new double[input.numel()];
            for (int p = 0; p < columns.length; p++) {
                gi[p * classes + columns[p]] = g[p];
            }
            return new Tensor[] {new Tensor(gi, input.shapeRef())};
        }
    }
}
