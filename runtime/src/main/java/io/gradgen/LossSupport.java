package io.gradgen;

import io.gradgen.autograd.BackwardFunction;
import io.gradgen.autograd.GradMode;
import java.util.Arrays;
import java.util.Objects;

/**
 * Support for generated code; not part of the user API; may change. The classes gradgen
 * generates for {@code @Loss} methods call these helpers to read tensor data without copying,
 * wrap their results, and validate inputs with the messages the public contract promises.
 *
 * <p>The checks cost a few comparisons when the input is valid and allocate nothing; they build
 * their message only when they throw.
 */
public final class LossSupport {

    private LossSupport() {
    }

    /**
     * The tensor's backing array, row-major, without copying. Generated kernels read it and never
     * write it; writing into it would bypass the version check that protects saved values.
     *
     * @param t the tensor
     * @return its backing array
     */
    public static double[] data(Tensor t) {
        return t.data;
    }

    /**
     * A leaf tensor over {@code data}, without copying it (the caller hands the array over and
     * must not write it afterwards).
     *
     * @param data the values, row-major
     * @param shape the dimensions (copied)
     * @return a leaf that does not require grad
     * @throws IllegalArgumentException if {@code data.length} is not the product of the shape
     */
    public static Tensor wrap(double[] data, int[] shape) {
        return new Tensor(data, checkedShape(data, shape));
    }

    /**
     * A non-leaf tensor over {@code data}, without copying it, that requires grad and records
     * {@code gradFn}. Generated code calls it only when {@link #needsGrad(Tensor...)} is true.
     *
     * @param data the values, row-major
     * @param shape the dimensions (copied)
     * @param gradFn the backward node that produced the values
     * @return the result tensor
     * @throws IllegalArgumentException if {@code data.length} is not the product of the shape
     */
    public static Tensor result(double[] data, int[] shape, BackwardFunction gradFn) {
        Objects.requireNonNull(gradFn, "result: gradFn is null");
        return new Tensor(data, checkedShape(data, shape)).withGradFn(gradFn);
    }

    private static int[] checkedShape(double[] data, int[] shape) {
        int numel = Shapes.checkedNumel("LossSupport", shape);
        if (numel != data.length) {
            throw new IllegalArgumentException("LossSupport: data has " + data.length + " elements but shape "
                    + Shapes.format(shape) + " needs " + numel);
        }
        return shape.clone();
    }

    /**
     * The tensor's version: the number of in-place writes it has had. A backward node records the
     * versions of the tensors it reads when it is created, and passes them to
     * {@link #checkVersion} before reading them again.
     *
     * @param t the tensor
     * @return its version
     */
    public static int version(Tensor t) {
        return t.version;
    }

    /**
     * Checks that a tensor saved by a backward node has not been written in place since the
     * forward pass, the check the built-in operations make before computing a gradient.
     *
     * @param nodeName the backward node's name, for the message
     * @param saved the tensor the backward reads
     * @param expected its {@link #version} when the node was created
     * @throws IllegalStateException if the tensor was modified in place since
     */
    public static void checkVersion(String nodeName, Tensor saved, int expected) {
        Node.checkVersion(nodeName, saved, expected);
    }

    /**
     * Checks that an input of a generated loss has not been written in place since the forward
     * pass: its backward would read the new values and return the gradient of a loss that was never
     * computed. Generated backwards call it for every tensor input before anything else.
     *
     * @param lossName the generated loss, for the message
     * @param input the parameter name of the input
     * @param saved the input tensor
     * @param expected its {@link #version} at the forward
     * @throws IllegalStateException naming the loss, the input and both versions, if it was modified
     */
    public static void checkVersion(String lossName, String input, Tensor saved, int expected) {
        int now = saved.version;
        if (now != expected) {
            throw new IllegalStateException(lossName + ": input " + input + " was modified in place after the"
                    + " forward pass (version " + expected + " at the forward, version " + now + " now), so its"
                    + " gradient would be computed from the new values; call backward() before updating " + input
                    + " in place, or run the forward again after the update");
        }
    }

    /**
     * Whether a backward node must be recorded: grad mode is enabled and the input requires grad.
     *
     * @param a the input
     * @return whether the result needs a {@code gradFn}
     */
    public static boolean needsGrad(Tensor a) {
        return a.requiresGrad() && GradMode.isEnabled();
    }

    /**
     * Whether a backward node must be recorded: grad mode is enabled and an input requires grad.
     *
     * @param a the first input
     * @param b the second input
     * @return whether the result needs a {@code gradFn}
     */
    public static boolean needsGrad(Tensor a, Tensor b) {
        return (a.requiresGrad() || b.requiresGrad()) && GradMode.isEnabled();
    }

    /**
     * Whether a backward node must be recorded: grad mode is enabled and an input requires grad.
     *
     * @param a the first input
     * @param b the second input
     * @param c the third input
     * @return whether the result needs a {@code gradFn}
     */
    public static boolean needsGrad(Tensor a, Tensor b, Tensor c) {
        return (a.requiresGrad() || b.requiresGrad() || c.requiresGrad()) && GradMode.isEnabled();
    }

    /**
     * Whether a backward node must be recorded: grad mode is enabled and any input requires grad.
     *
     * @param inputs the inputs
     * @return whether the result needs a {@code gradFn}
     */
    public static boolean needsGrad(Tensor... inputs) {
        for (Tensor t : inputs) {
            if (t.requiresGrad()) {
                return GradMode.isEnabled();
            }
        }
        return false;
    }

    /**
     * Validates the arguments of the varargs {@code forward(Tensor...)}.
     *
     * @param lossName the generated class's simple name, e.g. {@code HuberLoss}
     * @param parameterNames the tensor parameters' names, in order
     * @param inputs the arguments
     * @throws IllegalArgumentException if the count is wrong, e.g.
     *     {@code HuberLoss.forward takes 2 tensors (pred, target), got 3}
     * @throws NullPointerException if {@code inputs} or an input is null, naming the parameter
     */
    public static void checkArity(String lossName, String[] parameterNames, Tensor[] inputs) {
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

    /**
     * The batch shape of a loss whose tensor parameters are all {@code double} (or {@code int}):
     * every input must have the same shape, which is returned.
     *
     * @param lossName the generated class's simple name
     * @param names the tensor parameters' names, aligned with {@code inputs}
     * @param inputs the (non-null) inputs
     * @return the shared shape (the first input's own array, which callers must not modify);
     *     {@code []} when there are no inputs
     * @throws IllegalArgumentException naming the first two parameters whose shapes differ, e.g.
     *     {@code HuberLoss: pred has shape [3, 4] but target has shape [4]; every input must have the
     *     batch shape}
     */
    public static int[] elementBatchShape(String lossName, String[] names, Tensor[] inputs) {
        if (inputs.length == 0) {
            return Shapes.SCALAR;
        }
        int[] shape = inputs[0].shapeRef();
        for (int i = 1; i < inputs.length; i++) {
            if (!Arrays.equals(shape, inputs[i].shapeRef())) {
                throw new IllegalArgumentException(lossName + ": " + names[0] + " has shape " + Shapes.format(shape)
                        + " but " + names[i] + " has shape " + Shapes.format(inputs[i].shapeRef())
                        + "; every input must have the batch shape");
            }
        }
        return shape;
    }

    /**
     * The batch shape of a loss that mixes element ({@code double}, {@code int}) and row
     * ({@code double[]}) parameters: an element input's batch shape is its whole shape, a row
     * input's is its shape without the last dimension. All must agree.
     *
     * @param lossName the generated class's simple name
     * @param names the tensor parameters' names, aligned with {@code inputs}
     * @param rows which parameters are rows ({@code double[]}), aligned with {@code inputs}
     * @param inputs the (non-null) inputs
     * @return the shared batch shape (a new array when the first input is a row, which callers
     *     must not modify otherwise); {@code []} when there are no inputs
     * @throws IllegalArgumentException if a row input is 0-dim, or naming two parameters, their
     *     shapes and batch shapes when the batch shapes differ
     */
    public static int[] batchShape(String lossName, String[] names, boolean[] rows, Tensor[] inputs) {
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
                        + " dimension)");
            }
        }
        return rows[0] ? Arrays.copyOf(first, first.length - 1) : first;
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

    /**
     * {@code data[offset + index]}, or 0 when {@code index} lies outside the row: how generated code
     * reads a row at a label that only indexes it under a condition (an {@code ignore_index} that
     * may be any integer), so that computing the unused branch cannot fail.
     *
     * @param data the rows
     * @param offset where this position's row starts
     * @param length the row length
     * @param index the label
     * @return the element, or 0.0
     */
    public static double at(double[] data, int offset, int length, int index) {
        return index >= 0 && index < length ? data[offset + index] : 0.0;
    }

    /**
     * {@code row[index]}, or 0 when {@code index} lies outside it (see {@link #at(double[], int, int, int)}).
     *
     * @param row a {@code @Param double[]} constant
     * @param index the label
     * @return the element, or 0.0
     */
    public static double at(double[] row, int index) {
        return index >= 0 && index < row.length ? row[index] : 0.0;
    }

    /**
     * The array a generated backward adds an input's gradient into: for a leaf that requires grad,
     * its own {@link Tensor#grad()} array (created as zeros the first time, then reused, so training
     * steps allocate no gradient buffer); otherwise a fresh array of zeros, which the backward
     * returns to the engine to pass on to the input's producer.
     *
     * @param input an input that requires grad
     * @return the array to add the gradient into
     */
    public static double[] gradientBuffer(Tensor input) {
        return input.acceptsDirectGrad() ? input.gradAccumulator() : new double[input.numel()];
    }

    /**
     * Whether {@link #gradientBuffer(Tensor)} hands out the input's own gradient, in which case the
     * backward has already delivered it and returns null for that input.
     *
     * @param input an input that requires grad
     * @return true for a leaf that requires grad
     */
    public static boolean addsIntoGrad(Tensor input) {
        return input.acceptsDirectGrad();
    }

    /**
     * The gradient arrays for a fused forward: a generated element-wise loss whose inputs require
     * grad computes, in the pass that sums the loss, each input's gradient scaled by
     * {@code 1 / divisor} (what the backward would compute for an upstream gradient of 1) into these
     * arrays, and its backward delivers them with {@link #deliverFused} instead of reading the
     * inputs again. Null when any input that requires grad is a leaf whose {@code grad()} holds
     * values (call {@code zeroGrad()} first, as a training step does): then the loss runs forward
     * and backward as two passes. {@code -Dgradgen.fused=false} turns fusing off (a switch for
     * tests and measurements; both ways give the same numbers).
     *
     * @param differentiable the loss's differentiable inputs, in declaration order
     * @return one array per input (null for an input that does not require grad), or null
     */
    public static double[][] fusedGradients(Tensor... differentiable) {
        if ("false".equals(System.getProperty("gradgen.fused"))) {
            return null;
        }
        double[][] arrays = new double[differentiable.length][];
        for (int k = 0; k < differentiable.length; k++) {
            Tensor input = differentiable[k];
            if (input.requiresGrad()) {
                arrays[k] = input.fusedGradientArray();
                if (arrays[k] == null) {
                    return null;
                }
            }
        }
        return arrays;
    }

    /**
     * Delivers the gradients a fused forward computed (see {@link #fusedGradients}), when the
     * upstream gradient is exactly 1 (a {@code loss.backward()}, or a sum of losses): a leaf's
     * zeroed or absent gradient takes the array itself; a leaf whose gradient holds values gets the
     * array added, which is the same sum, bit for bit, as the two-pass backward makes; a computed
     * tensor gets the array as its gradient. Returns null for any other upstream gradient, and the
     * caller runs its two-pass backward.
     *
     * @param gradOutput the upstream gradient of the reduced loss
     * @param fused the arrays from {@link #fusedGradients}
     * @param differentiable the loss's differentiable inputs, as given to {@link #fusedGradients}
     * @return the gradient to return for each input (null where it was delivered into a leaf or
     *     is not needed), or null
     */
    public static Tensor[] deliverFused(Tensor gradOutput, double[][] fused, Tensor... differentiable) {
        if (gradOutput.numel() != 1 || gradOutput.data[0] != 1.0) {
            return null;
        }
        Tensor[] results = new Tensor[differentiable.length];
        for (int k = 0; k < differentiable.length; k++) {
            Tensor input = differentiable[k];
            double[] gradient = fused[k];
            if (gradient == null) {
                continue;
            }
            if (!input.acceptsDirectGrad()) {
                results[k] = new Tensor(gradient, input.shapeRef());
            } else if (!input.adoptGradient(gradient)) {
                input.accumulateGrad(new Tensor(gradient, input.shapeRef()));
            }
        }
        return results;
    }

    /**
     * The size of the batch's last dimension, which a {@code @LastIndex} parameter indexes: 1 for a
     * 0-dim batch.
     *
     * @param batchShape the batch shape
     * @return its last dimension, or 1
     */
    public static int lastDim(int[] batchShape) {
        return batchShape.length == 0 ? 1 : batchShape[batchShape.length - 1];
    }

    /**
     * A loss input's batch shape: its shape, without the last dimension for a row parameter.
     *
     * @param t the input
     * @param row whether it is a {@code double[]} row parameter
     * @return the batch shape (a copy)
     */
    public static int[] batchShapeOf(Tensor t, boolean row) {
        int[] shape = t.shapeRef();
        return Arrays.copyOf(shape, shape.length - (row ? 1 : 0));
    }

    /**
     * Checks, before any work, that a {@code @Param double[]} indexed by a {@code @LastIndex}
     * parameter has one entry per element of the batch's last dimension, as PyTorch requires of a
     * {@code weight} that broadcasts over it.
     *
     * @param lossName the loss, for the message
     * @param row the constant's name
     * @param rowLength its length
     * @param lastDim the batch's last dimension
     * @throws IllegalArgumentException naming the constant and both sizes if they differ
     */
    public static void checkLastDim(String lossName, String row, int rowLength, int lastDim) {
        if (rowLength != lastDim) {
            throw new IllegalArgumentException(lossName + ": " + row + " has length " + rowLength
                    + ", but the inputs' last dimension is " + lastDim + "; " + row
                    + " broadcasts over the last dimension, so it needs one entry per element of it");
        }
    }

    /**
     * Whether generated losses run their staged kernels, which compute {@code exp}, {@code log} and
     * the other transcendental calls with {@link io.gradgen.kernels.VectorMath} over blocks of
     * positions: by default exactly when VectorMath has its Vector API path (the JVM was started
     * with {@code --add-modules jdk.incubator.vector}); {@code -Dgradgen.kernels=staged} or
     * {@code =scalar} forces one path (tests run both against each other).
     *
     * @return true to run the staged kernels
     */
    public static boolean vectorKernels() {
        String forced = System.getProperty("gradgen.kernels");
        if ("staged".equals(forced)) {
            return true;
        }
        if ("scalar".equals(forced)) {
            return false;
        }
        return io.gradgen.kernels.VectorMath.isVectorized();
    }

    /**
     * The size of the first batch dimension, the divisor of {@code Reduction.BATCH_MEAN}: 1 for a
     * 0-dim batch (a single position).
     *
     * @param batchShape the batch shape
     * @return its first dimension, or 1
     */
    public static int batchSize(int[] batchShape) {
        return batchShape.length == 0 ? 1 : batchShape[0];
    }

    /**
     * The number of batch positions of a loss input: its element count, or for a row parameter
     * (the last dimension is the row) the element count without the last dimension.
     *
     * @param t the input
     * @param row whether it is a {@code double[]} row parameter
     * @return the number of batch positions
     */
    public static int positions(Tensor t, boolean row) {
        int[] shape = t.shapeRef();
        int n = 1;
        for (int d = 0; d < shape.length - (row ? 1 : 0); d++) {
            n *= shape[d];
        }
        return n;
    }

    /**
     * Checks, before any work, that two rows one loop of the loss indexes together have equal lengths.
     *
     * @param lossName the loss, for the message
     * @param first the first row parameter's name
     * @param firstLength its row length
     * @param second the second row parameter's name
     * @param secondLength its row length
     * @throws IllegalArgumentException naming both parameters and lengths if they differ
     */
    public static void checkSameLength(String lossName, String first, int firstLength, String second,
            int secondLength) {
        if (firstLength != secondLength) {
            throw new IllegalArgumentException(lossName + ": rows " + first + " and " + second
                    + " are indexed together and must have equal lengths, but " + first + " has length " + firstLength
                    + " and " + second + " has length " + secondLength);
        }
    }

    /**
     * Checks, before any work, that a constant index ({@code x[k]} with {@code @Param int k}, or a
     * literal) is within a row.
     *
     * @param lossName the loss, for the message
     * @param index the index's name or literal text
     * @param value its value
     * @param row the row parameter's name
     * @param rowLength the row's length
     * @throws IllegalArgumentException naming the index, the row and its length if out of range
     */
    public static void checkConstantIndex(String lossName, String index, int value, String row, int rowLength) {
        if (value < 0 || value >= rowLength) {
            throw new IllegalArgumentException(lossName + ": " + row + "[" + index + "] reads index " + value
                    + ", but rows of " + row + " have length " + rowLength + "; expected an index in [0, " + rowLength
                    + ")");
        }
    }

    /**
     * The length of the rows of a row ({@code double[]}) input: its last dimension.
     *
     * @param t a tensor with at least one dimension
     * @return {@code t.shape()[t.dim() - 1]}
     */
    public static int rowLength(Tensor t) {
        int[] shape = t.shapeRef();
        return shape[shape.length - 1];
    }

    /**
     * The number of elements of a shape.
     *
     * @param shape the dimensions
     * @return their product; 1 for {@code []}
     */
    public static int numel(int[] shape) {
        return Shapes.numel(shape);
    }

    /**
     * Converts the value of an {@code int} input at one batch position to an index, checking that
     * it is integral and in {@code [0, bound)}.
     *
     * @param lossName the generated class's simple name
     * @param name the parameter's name
     * @param value the tensor element
     * @param position the flat (row-major) batch position
     * @param bound the exclusive upper bound, usually the length of the row it indexes
     * @return the value as an int
     * @throws IllegalArgumentException naming the parameter, the position and the value
     */
    public static int checkIndex(String lossName, String name, double value, int position, int bound) {
        if (value >= 0 && value < bound && value == (int) value) {
            return (int) value;
        }
        throw badIndex(lossName, name, value, position, null, bound);
    }

    /**
     * {@link #checkIndex(String, String, double, int, int)} with the batch shape, so that the
     * message also shows the position as a multi-index, e.g. {@code batch position 5 ([1, 2])}.
     *
     * @param lossName the generated class's simple name
     * @param name the parameter's name
     * @param value the tensor element
     * @param position the flat (row-major) batch position
     * @param bound the exclusive upper bound, usually the length of the row it indexes
     * @param batchShape the batch shape the position refers to
     * @return the value as an int
     * @throws IllegalArgumentException naming the parameter, the position and the value
     */
    public static int checkIndex(String lossName, String name, double value, int position, int bound,
            int[] batchShape) {
        if (value >= 0 && value < bound && value == (int) value) {
            return (int) value;
        }
        throw badIndex(lossName, name, value, position, batchShape, bound);
    }

    /**
     * Converts the value of an {@code int} input at one batch position to an int, checking only
     * that it is integral and within the range of {@code int}.
     *
     * @param lossName the generated class's simple name
     * @param name the parameter's name
     * @param value the tensor element
     * @param position the flat (row-major) batch position
     * @return the value as an int
     * @throws IllegalArgumentException naming the parameter, the position and the value
     */
    public static int checkIntegral(String lossName, String name, double value, int position) {
        if (value == (int) value) {
            return (int) value;
        }
        throw badIndex(lossName, name, value, position, null, -1);
    }

    /**
     * {@link #checkIntegral(String, String, double, int)} with the batch shape, so that the message
     * also shows the position as a multi-index.
     *
     * @param lossName the generated class's simple name
     * @param name the parameter's name
     * @param value the tensor element
     * @param position the flat (row-major) batch position
     * @param batchShape the batch shape the position refers to
     * @return the value as an int
     * @throws IllegalArgumentException naming the parameter, the position and the value
     */
    public static int checkIntegral(String lossName, String name, double value, int position, int[] batchShape) {
        if (value == (int) value) {
            return (int) value;
        }
        throw badIndex(lossName, name, value, position, batchShape, -1);
    }

    private static IllegalArgumentException badIndex(String lossName, String name, double value, int position,
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
