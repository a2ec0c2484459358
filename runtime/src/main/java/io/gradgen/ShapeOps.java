package io.gradgen;

/**
 * Operations that move elements around without changing them: reshape and transpose (copies), and
 * the views unsqueeze and squeeze, which share their input's storage.
 */
final class ShapeOps {

    private ShapeOps() {
    }

    static Tensor reshape(Tensor a, int[] requested) {
        java.util.Objects.requireNonNull(requested, "reshape: shape is null");
        int[] shape = inferShape(a, requested);
        // A copy, not a view: in-place updates of one tensor must never show through another.
        Tensor result = new Tensor(a.storage.copy(a.dtype()), shape);
        if (Tensor.recording(a)) {
            result.withGradFn(new ReshapeBackward(a));
        }
        return result;
    }

    private static int[] inferShape(Tensor a, int[] requested) {
        int[] shape = requested.clone();
        int inferred = -1;
        long known = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape: shape " + Shapes.format(requested)
                            + " has more than one -1; only one dimension can be inferred");
                }
                inferred = d;
            } else if (shape[d] < 0) {
                throw new IllegalArgumentException("reshape: shape " + Shapes.format(requested)
                        + " has the invalid dimension " + shape[d] + "; use sizes >= 0, or -1 for one inferred size");
            } else {
                known *= shape[d];
            }
        }
        int numel = a.numel();
        if (inferred >= 0 && known != 0 && numel % known == 0) {
            shape[inferred] = (int) (numel / known);
        } else if (inferred >= 0 || known != numel) {
            throw new IllegalArgumentException("reshape: shape " + Shapes.format(requested)
                    + " is invalid for a tensor of shape " + Shapes.format(a.shapeRef()) + " (" + numel + " elements)");
        }
        return shape;
    }

    private static final class ReshapeBackward extends Node {
        private final int[] inputShape;

        ReshapeBackward(Tensor input) {
            super("ReshapeBackward", input);
            this.inputShape = input.shapeRef();
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            // Sharing the gradient's array is safe: the engine never writes into received gradients.
            return new Tensor[] {new Tensor(gradOutput.storage, inputShape)};
        }
    }

    static Tensor transpose(Tensor a, int dim0, int dim1) {
        int[] shape = a.shapeRef();
        int d0 = Shapes.wrapDim("transpose", dim0, shape);
        int d1 = Shapes.wrapDim("transpose", dim1, shape);
        // a permutation, exact in double for either type
        Tensor result = Tensor.fromDoubles(swapped(a.doubles(), shape, d0, d1), swap(shape, d0, d1), a.dtype());
        if (Tensor.recording(a)) {
            result.withGradFn(new TransposeBackward(a, d0, d1));
        }
        return result;
    }

    private static int[] swap(int[] shape, int d0, int d1) {
        int[] out = shape.clone();
        out[d0] = shape[d1];
        out[d1] = shape[d0];
        return out;
    }

    /** Copies {@code data} of {@code shape} into the row-major layout of the shape with d0 and d1 swapped. */
    private static double[] swapped(double[] data, int[] shape, int d0, int d1) {
        double[] out = new double[data.length];
        if (d0 == d1 || data.length == 0) {
            System.arraycopy(data, 0, out, 0, data.length);
            return out;
        }
        int[] outShape = swap(shape, d0, d1);
        int[] srcStrides = swap(Shapes.strides(shape), d0, d1);
        if (shape.length == 2) {
            int rows = shape[0];
            int cols = shape[1];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[c * rows + r] = data[r * cols + c];
                }
            }
            return out;
        }
        int rank = outShape.length;
        int[] counter = new int[rank];
        int src = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = data[src];
            for (int d = rank - 1; d >= 0; d--) {
                src += srcStrides[d];
                if (++counter[d] < outShape[d]) {
                    break;
                }
                src -= srcStrides[d] * outShape[d];
                counter[d] = 0;
            }
        }
        return out;
    }

    private static final class TransposeBackward extends Node {
        private final int[] inputShape;
        private final int d0;
        private final int d1;

        TransposeBackward(Tensor input, int d0, int d1) {
            super("TransposeBackward", input);
            this.inputShape = input.shapeRef();
            this.d0 = d0;
            this.d1 = d1;
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            double[] swappedBack = swapped(gradOutput.doubles(), gradOutput.shapeRef(), d0, d1);
            return new Tensor[] {Tensor.fromDoubles(swappedBack, inputShape, gradOutput.dtype())};
        }
    }

    static Tensor unsqueeze(Tensor a, int dim) {
        int[] shape = a.shapeRef();
        int rank = shape.length + 1;
        if (dim < -rank || dim >= rank) {
            throw new IllegalArgumentException("unsqueeze: dimension " + dim + " is out of range for shape "
                    + Shapes.format(shape) + " (expected a value in [" + -rank + ", " + (rank - 1) + "])");
        }
        int d = dim < 0 ? dim + rank : dim;
        int[] out = new int[rank];
        System.arraycopy(shape, 0, out, 0, d);
        out[d] = 1;
        System.arraycopy(shape, d, out, d + 1, shape.length - d);
        return view("UnsqueezeBackward", a, out);
    }

    /** Removes dimension {@code dim} if its size is 1; otherwise (as PyTorch) a view of the same shape. */
    static Tensor squeeze(Tensor a, int dim) {
        int[] shape = a.shapeRef();
        int d = Shapes.wrapDim("squeeze", dim, shape);
        if (shape[d] != 1) {
            return view("SqueezeBackward", a, shape);
        }
        int[] out = new int[shape.length - 1];
        System.arraycopy(shape, 0, out, 0, d);
        System.arraycopy(shape, d + 1, out, d, shape.length - d - 1);
        return view("SqueezeBackward", a, out);
    }

    /** Removes every dimension of size 1. */
    static Tensor squeezeAll(Tensor a) {
        int[] shape = a.shapeRef();
        int kept = 0;
        for (int size : shape) {
            kept += size == 1 ? 0 : 1;
        }
        int[] out = new int[kept];
        int k = 0;
        for (int size : shape) {
            if (size != 1) {
                out[k++] = size;
            }
        }
        return view("SqueezeBackward", a, out);
    }

    /**
     * A tensor of {@code shape} over {@code a}'s storage: writes through either show in both, and
     * they share one version counter, so a backward that saved one detects writes through the other.
     */
    private static Tensor view(String backwardName, Tensor a, int[] shape) {
        Tensor result = new Tensor(a.storage.alias(), shape);
        if (Tensor.recording(a)) {
            result.withGradFn(new ViewBackward(backwardName, a));
        }
        return result;
    }

    /** The gradient of a view is the output's gradient viewed at the input's shape. */
    private static final class ViewBackward extends Node {
        private final int[] inputShape;

        ViewBackward(String name, Tensor input) {
            super(name, input);
            this.inputShape = input.shapeRef();
        }

        @Override
        Tensor[] backward(Tensor gradOutput) {
            return new Tensor[] {new Tensor(gradOutput.storage, inputShape)};
        }
    }
}
