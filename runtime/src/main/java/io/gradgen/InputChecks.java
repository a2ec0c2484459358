package io.gradgen;

import java.util.Arrays;

/**
 * The input checks behind {@link LossInputs}, with the messages the public
 * contract promises. They cost a few comparisons when the input is valid and build their message
 * only when they throw.
 */
final class InputChecks {

    private InputChecks() {
    }

    static void checkArity(String lossName, String[] parameterNames, Tensor[] inputs) {
        if (inputs == null) {
            throw new NullPointerException(lossName + ".forward: the inputs array is null");
        }
        if (inputs.length != parameterNames.length) {
            throw new IllegalArgumentException(lossName + ".forward takes " + parameterNames.length
                    + (parameterNames.length == 1 ? " tensor (" : " tensors (") + String.join(", ", parameterNames)
                    + "), got " + inputs.length);
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new NullPointerException(lossName + ".forward: " + parameterNames[i] + " is null");
            }
        }
    }

    static int[] elementBatchShape(String lossName, String[] names, Tensor[] inputs) {
        if (inputs.length == 0) {
            return Shapes.SCALAR;
        }
        int[] shape = inputs[0].shapeRef();
        for (int i = 1; i < inputs.length; i++) {
            if (!Arrays.equals(shape, inputs[i].shapeRef())) {
                throw new IllegalArgumentException(lossName + ": " + names[0] + " has shape " + Shapes.format(shape)
                        + " but " + names[i] + " has shape " + Shapes.format(inputs[i].shapeRef())
                        + "; every input must have the batch shape"
                        + Shapes.reshapeHint(names[i], inputs[i].shapeRef(), shape));
            }
        }
        return shape;
    }

    static int[] batchShape(String lossName, String[] names, boolean[] rows, Tensor[] inputs) {
        for (int i = 0; i < inputs.length; i++) {
            if (rows[i] && inputs[i].dim() == 0) {
                throw new IllegalArgumentException(lossName + ": " + names[i] + " is a row (double[]) parameter and"
                        + " needs a tensor with at least 1 dimension, but it has shape []");
            }
        }
        if (inputs.length == 0) {
            return Shapes.SCALAR;
        }
        int[] first = inputs[0].shapeRef();
        for (int i = 1; i < inputs.length; i++) {
            if (!sameBatch(first, rows[0], inputs[i].shapeRef(), rows[i])) {
                throw new IllegalArgumentException(lossName + ": " + describe(names[0], first, rows[0]) + " but "
                        + describe(names[i], inputs[i].shapeRef(), rows[i])
                        + "; every input must have the same batch shape (a row parameter's shape without its last"
                        + " dimension)" + batchHint(names[i], inputs[i].shapeRef(), rows[i], batchOf(first, rows[0])));
            }
        }
        return rows[0] ? Arrays.copyOf(first, first.length - 1) : first;
    }

    private static int[] batchOf(int[] shape, boolean row) {
        return row ? Arrays.copyOf(shape, shape.length - 1) : shape;
    }

    /** The reshape that gives input {@code name} the batch shape {@code batch}, when it is a trailing 1 away. */
    private static String batchHint(String name, int[] shape, boolean row, int[] batch) {
        if (!row) {
            return Shapes.reshapeHint(name, shape, batch);
        }
        int[] wanted = Arrays.copyOf(batch, batch.length + 1);
        wanted[batch.length] = shape[shape.length - 1];
        return Shapes.reshapeHint(name, shape, wanted, 1);
    }

    private static boolean sameBatch(int[] a, boolean aRow, int[] b, boolean bRow) {
        int na = aRow ? a.length - 1 : a.length;
        int nb = bRow ? b.length - 1 : b.length;
        if (na != nb) {
            return false;
        }
        for (int d = 0; d < na; d++) {
            if (a[d] != b[d]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(String name, int[] shape, boolean row) {
        String s = name + " has shape " + Shapes.format(shape);
        return row ? s + " (batch shape " + Shapes.format(Arrays.copyOf(shape, shape.length - 1)) + ")" : s;
    }

    static void checkLastDim(String lossName, String row, int rowLength, int lastDim) {
        if (rowLength != lastDim) {
            throw new IllegalArgumentException(lossName + ": " + row + " has length " + rowLength
                    + ", but the inputs' last dimension is " + lastDim + "; " + row
                    + " broadcasts over the last dimension, so it needs one entry per element of it");
        }
    }

    static void checkSameLength(String lossName, String first, int firstLength, String second,
            int secondLength) {
        if (firstLength != secondLength) {
            throw new IllegalArgumentException(lossName + ": rows " + first + " and " + second
                    + " are indexed together and must have equal lengths, but " + first + " has length " + firstLength
                    + " and " + second + " has length " + secondLength);
        }
    }

    static void checkConstantIndex(String lossName, String index, int value, String row, int rowLength) {
        if (value < 0 || value >= rowLength) {
            throw new IllegalArgumentException(lossName + ": " + row + "[" + index + "] reads index " + value
                    + ", but rows of " + row + " have length " + rowLength + "; expected an index in [0, " + rowLength
                    + ")");
        }
    }

    static Tensor[] secondOrderInputs(String lossName, String[] parameterNames, Tensor pred, Tensor[] others,
            double[] grad, double[] hessian) {
        java.util.Objects.requireNonNull(others, "others");
        Tensor[] inputs = new Tensor[others.length + 1];
        inputs[0] = pred;
        System.arraycopy(others, 0, inputs, 1, others.length);
        checkArity(lossName, parameterNames, inputs);
        java.util.Objects.requireNonNull(grad, "grad");
        java.util.Objects.requireNonNull(hessian, "hessian");
        int numel = pred.numel();
        if (grad.length != numel || hessian.length != numel) {
            throw new IllegalArgumentException(lossName + ".gradientAndHessian: grad and hessian need one element per"
                    + " element of " + parameterNames[0] + " (" + numel + "), but have " + grad.length + " and "
                    + hessian.length + "; allocate new double[" + parameterNames[0] + ".numel()]");
        }
        return inputs;
    }

    /** An index label: integral and in {@code [0, bound)}; {@code batchShape} may be null. */
    static int checkIndex(String lossName, String name, double value, int position, int bound, int[] batchShape) {
        if (value >= 0 && value < bound && value == (int) value) {
            return (int) value;
        }
        throw badIndex(lossName, name, value, position, batchShape, bound);
    }

    /** An integer label: integral and within int; {@code batchShape} may be null. */
    static int checkIntegral(String lossName, String name, double value, int position, int[] batchShape) {
        if (value == (int) value) {
            return (int) value;
        }
        throw badIndex(lossName, name, value, position, batchShape, -1);
    }

    static IllegalArgumentException unmet(String lossName, String requirement, int position) {
        return new IllegalArgumentException(lossName + ": at batch position " + position + ", " + requirement
                + "; pass inputs whose lengths and labels keep every index inside its row");
    }

    /** {@code shape}, copied, after checking that {@code data} holds one element per element of it. */
    static int[] checkedShape(double[] data, int[] shape) {
        int numel = Shapes.checkedNumel("LossSupport", shape);
        if (numel != data.length) {
            throw new IllegalArgumentException("LossSupport: data has " + data.length + " elements but shape "
                    + Shapes.format(shape) + " needs " + numel);
        }
        return shape.clone();
    }

    static IllegalArgumentException badIndex(String lossName, String name, double value, int position,
            int[] batchShape, int bound) {
        StringBuilder sb = new StringBuilder(lossName).append(": ").append(name).append(" at batch position ")
                .append(position);
        if (batchShape != null) {
            sb.append(" (").append(Arrays.toString(Shapes.unravel(position, batchShape))).append(')');
        }
        sb.append(" is ").append(value);
        if (value != Math.rint(value) || Double.isInfinite(value)) {
            sb.append(", which is not an integer");
        } else if (bound < 0) {
            sb.append(", which is outside the range of int");
        } else {
            sb.append(", which is out of range; expected an integer in [0, ").append(bound).append(')');
        }
        return new IllegalArgumentException(sb.toString());
    }
}
