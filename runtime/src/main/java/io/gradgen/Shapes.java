package io.gradgen;

import java.util.Arrays;

/**
 * Shape arithmetic shared by the operations: element counts, dimension wrapping, NumPy-style
 * broadcasting and its inverse (summing a broadcast gradient back to an operand's shape).
 */
final class Shapes {

    static final int[] SCALAR = new int[0];

    private Shapes() {
    }

    /** "[2, 3]", the way every message in the runtime prints a shape. */
    static String format(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * Validates a user-given shape and returns its element count.
     *
     * @throws IllegalArgumentException if an entry is negative or the count overflows an int
     */
    static int checkedNumel(String op, int[] shape) {
        if (shape == null) {
            throw new NullPointerException(op + ": shape is null");
        }
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": shape " + format(shape) + " has a negative dimension " + d
                        + "; every dimension must be >= 0");
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(op + ": shape " + format(shape)
                        + " has more than Integer.MAX_VALUE elements");
            }
        }
        return (int) n;
    }

    /** Element count of a shape already known to be valid. */
    static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Row-major strides, in elements. */
    static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    /** Turns a possibly negative dimension into an index in [0, rank), as PyTorch does. */
    static int wrapDim(String op, int dim, int[] shape) {
        int rank = shape.length;
        if (rank == 0) {
            throw new IllegalArgumentException(op + ": dimension " + dim
                    + " cannot be used on a 0-dim tensor (shape []); reshape it to [1] first");
        }
        if (dim < -rank || dim >= rank) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " is out of range for shape " + format(shape)
                    + " (expected a value in [" + -rank + ", " + (rank - 1) + "])");
        }
        return dim < 0 ? dim + rank : dim;
    }

    /** The multi-index of a flat row-major position, e.g. 5 in [2, 3] is [1, 2]. */
    static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            int size = shape[d];
            if (size > 0) {
                index[d] = flat % size;
                flat /= size;
            }
        }
        return index;
    }

    /**
     * The shape two operands broadcast to, by NumPy's rule: align from the right; each pair of
     * sizes must be equal or contain a 1.
     *
     * @throws IllegalArgumentException naming both shapes when they do not broadcast
     */
    static int[] broadcast(String op, int[] a, int[] b) {
        if (Arrays.equals(a, b)) {
            return a;
        }
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.length ? a[a.length - i] : 1;
            int db = i <= b.length ? b[b.length - i] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b)
                        + " cannot be broadcast (dimension " + (rank - i) + " of the result would need both "
                        + da + " and " + db + ")");
            }
            out[rank - i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides for reading an array of shape {@code from} as if it had the broadcast shape
     * {@code to}: 0 along dimensions that are missing or of size 1 in {@code from}.
     */
    private static int[] broadcastStrides(int[] from, int[] to) {
        int[] fromStrides = strides(from);
        int[] result = new int[to.length];
        int offset = to.length - from.length;
        for (int d = 0; d < from.length; d++) {
            result[d + offset] = from[d] == 1 ? 0 : fromStrides[d];
        }
        return result;
    }

    /**
     * Copies {@code data} of shape {@code from} into a new array of the broadcast shape {@code to}.
     * The caller has checked that {@code from} broadcasts to {@code to}.
     */
    static double[] expand(double[] data, int[] from, int[] to) {
        int n = numel(to);
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        if (data.length == 1) {
            Arrays.fill(out, data[0]);
            return out;
        }
        int[] stride = broadcastStrides(from, to);
        int rank = to.length;
        int[] counter = new int[rank];
        int src = 0;
        for (int i = 0; i < n; i++) {
            out[i] = data[src];
            for (int d = rank - 1; d >= 0; d--) {
                src += stride[d];
                if (++counter[d] < to[d]) {
                    break;
                }
                src -= stride[d] * to[d];
                counter[d] = 0;
            }
        }
        return out;
    }

    /**
     * Sums {@code data} of the broadcast shape {@code from} down to the shape {@code to} it was
     * broadcast from: the adjoint of {@link #expand}. Returns {@code data} itself when the shapes
     * are equal, so callers must not write into the result.
     */
    static double[] sumTo(double[] data, int[] from, int[] to) {
        if (Arrays.equals(from, to)) {
            return data;
        }
        double[] out = new double[numel(to)];
        if (out.length == 1) {
            double s = 0;
            for (double v : data) {
                s += v;
            }
            out[0] = s;
            return out;
        }
        int[] stride = broadcastStrides(to, from);
        int rank = from.length;
        int[] counter = new int[rank];
        int dst = 0;
        for (int i = 0; i < data.length; i++) {
            out[dst] += data[i];
            for (int d = rank - 1; d >= 0; d--) {
                dst += stride[d];
                if (++counter[d] < from[d]) {
                    break;
                }
                dst -= stride[d] * from[d];
                counter[d] = 0;
            }
        }
        return out;
    }

    /**
     * The fix for the commonest shape mistake, as the end of a message: when {@code actual} is
     * {@code wanted} without its trailing dimension of 1 (a {@code [64]} target for a {@code [64, 1]}
     * prediction) or with an extra one, {@code "; call target.reshape(64, 1) (or target.unsqueeze(-1))"}
     * or {@code "; call target.reshape(64) (or target.squeeze(-1))"}; otherwise the empty string.
     *
     * @param name how the message's reader refers to the tensor with shape {@code actual}
     */
    static String reshapeHint(String name, int[] actual, int[] wanted) {
        return reshapeHint(name, actual, wanted, 0);
    }

    /**
     * {@link #reshapeHint(String, int[], int[])} for shapes whose last {@code rowDims} dimensions
     * are rows, equal in both: the trailing 1 is looked for just before them.
     */
    static String reshapeHint(String name, int[] actual, int[] wanted, int rowDims) {
        int a = actual.length - rowDims;
        int w = wanted.length - rowDims;
        if (a < 0 || w < 0 || !suffixEquals(actual, wanted, rowDims)) {
            return "";
        }
        String call;
        if (a + 1 == w && wanted[a] == 1 && prefixEquals(actual, wanted, a)) {
            call = "unsqueeze(" + (-1 - rowDims) + ")";
        } else if (w + 1 == a && actual[w] == 1 && prefixEquals(wanted, actual, w)) {
            call = "squeeze(" + (-1 - rowDims) + ")";
        } else {
            return "";
        }
        StringBuilder dims = new StringBuilder();
        for (int d = 0; d < wanted.length; d++) {
            dims.append(d == 0 ? "" : ", ").append(wanted[d]);
        }
        return "; call " + name + ".reshape(" + dims + ") (or " + name + "." + call + ")";
    }

    private static boolean suffixEquals(int[] x, int[] y, int count) {
        for (int k = 1; k <= count; k++) {
            if (x[x.length - k] != y[y.length - k]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the first {@code count} dimensions of the two shapes are equal. */
    private static boolean prefixEquals(int[] x, int[] y, int count) {
        for (int d = 0; d < count; d++) {
            if (x[d] != y[d]) {
                return false;
            }
        }
        return true;
    }

    /** Throws a {@link NullPointerException} naming the first of the named operands that is null. */
    static void requireOperands(String op, Object... namesAndOperands) {
        for (int i = 0; i < namesAndOperands.length; i += 2) {
            if (namesAndOperands[i + 1] == null) {
                throw new NullPointerException(op + ": " + namesAndOperands[i] + " is null");
            }
        }
    }
}
