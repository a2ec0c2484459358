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
 *
 * <h2>FLOAT32 inputs, until generated kernels read floats</h2>
 * Generated code of this release computes in double. For a {@link DType#FLOAT32} input it stays
 * correct, not fast: {@link #data} hands out a widened copy of the elements (a new array per call,
 * so a kernel never writes through it into the tensor), {@link #gradientBuffer} and
 * {@link #fusedGradients} give out fresh double arrays, and the gradients computed into them
 * reach the input rounded to float (the engine converts every gradient to its input's type). A
 * result built by {@link #result} is FLOAT32 when any of its backward's inputs is
 * ({@link #resultType}); {@link #wrap(double[], int[])} and {@code Tensor.scalar}, which generated
 * code calls where no gradient is needed, still make FLOAT64 results, until the processor passes the
 * type with {@link #wrap(double[], int[], DType)}.
 */
public final class LossSupport {

    private LossSupport() {
    }

    /**
     * The tensor's backing array, row-major, without copying. Generated kernels read it and never
     * write it; writing into it would bypass the version check that protects saved values.
     *
     * @param t the tensor
     * @return its backing array; for a FLOAT32 tensor, a new array with the elements widened to
     *     double
     */
    public static double[] data(Tensor t) {
        return t.doubles();
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
     * A leaf tensor of {@code dtype} holding {@code data}: the array itself for FLOAT64 (see
     * {@link #wrap(double[], int[])}), rounded to float for FLOAT32.
     *
     * @param data the values, row-major
     * @param shape the dimensions (copied)
     * @param dtype the type of the result, usually {@link #resultType} of the loss's inputs
     * @return a leaf that does not require grad
     * @throws IllegalArgumentException if {@code data.length} is not the product of the shape
     */
    public static Tensor wrap(double[] data, int[] shape, DType dtype) {
        return Tensor.fromDoubles(data, checkedShape(data, shape), Objects.requireNonNull(dtype, "wrap: dtype is null"));
    }

    /**
     * The type of a loss's result: FLOAT32 when any input is FLOAT32 (a prediction in float with
     * integral labels in {@code Tensor.labels}'s FLOAT64 gives a FLOAT32 loss), else FLOAT64.
     *
     * @param inputs the loss's tensor inputs
     * @return the result's type
     */
    public static DType resultType(Tensor... inputs) {
        for (Tensor t : inputs) {
            if (t.dtype() == DType.FLOAT32) {
                return DType.FLOAT32;
            }
        }
        return DType.FLOAT64;
    }

    /**
     * A non-leaf tensor over {@code data}, without copying it, that requires grad and records
     * {@code gradFn}. Generated code calls it only when {@link #needsGrad(Tensor...)} is true. Its
     * type is {@link #resultType} of {@code gradFn}'s inputs; a FLOAT32 result holds a rounded copy.
     *
     * @param data the values, row-major
     * @param shape the dimensions (copied)
     * @param gradFn the backward node that produced the values
     * @return the result tensor
     * @throws IllegalArgumentException if {@code data.length} is not the product of the shape
     */
    public static Tensor result(double[] data, int[] shape, BackwardFunction gradFn) {
        Objects.requireNonNull(gradFn, "result: gradFn is null");
        DType dtype = resultType(gradFn.inputs().toArray(new Tensor[0]));
        return Tensor.fromDoubles(data, checkedShape(data, shape), dtype).withGradFn(gradFn);
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
        return t.version();
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
        int now = saved.version();
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
        LossInputs.checkArity(lossName, parameterNames, inputs);
    }

    /**
     * The error of a requirement a loss's body has on its inputs (an index the processor could not
     * prove inside its row, such as {@code x[i + 1]} in a loop whose end is a label) that fails at a
     * batch position.
     *
     * @param lossName the generated class's simple name
     * @param requirement what the body reads outside which row, in the user's code
     * @param position the flat batch position
     * @return the exception to throw
     */
    public static IllegalArgumentException unmet(String lossName, String requirement, int position) {
        return new IllegalArgumentException(lossName + ": at batch position " + position + ", " + requirement
                + "; pass inputs whose lengths and labels keep every index inside its row");
    }

    /**
     * The inputs of {@code SecondOrderLoss.gradientAndHessian}: the prediction and the other inputs
     * as one array in declaration order, checked like {@code forward}'s, and the output arrays
     * checked to hold one element per element of the prediction.
     *
     * @param lossName the generated class's simple name
     * @param parameterNames the names of its tensor parameters, in declaration order
     * @param pred the prediction, the first tensor parameter
     * @param others the other tensor inputs
     * @param grad the array of first derivatives
     * @param hessian the array of second derivatives
     * @return {@code pred} followed by {@code others}
     * @throws IllegalArgumentException if the number of inputs is wrong or an array has the wrong length
     * @throws NullPointerException if an input or an array is null, naming it
     */
    public static Tensor[] secondOrderInputs(String lossName, String[] parameterNames, Tensor pred, Tensor[] others,
            double[] grad, double[] hessian) {
        java.util.Objects.requireNonNull(others, "others");
        Tensor[] inputs = new Tensor[others.length + 1];
        inputs[0] = pred;
        System.arraycopy(others, 0, inputs, 1, others.length);
        LossInputs.checkArity(lossName, parameterNames, inputs);
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
        return LossInputs.elementBatchShape(lossName, names, inputs);
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
        return LossInputs.batchShape(lossName, names, rows, inputs);
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
     * The array a generated backward adds an input's gradient into: for a FLOAT64 leaf that
     * requires grad, its own {@link Tensor#grad()} array (created as zeros the first time, then
     * reused, so training steps allocate no gradient buffer); otherwise a fresh array of zeros,
     * which the backward returns to the engine to pass on (rounded to float for a FLOAT32 input).
     *
     * @param input an input that requires grad
     * @return the array to add the gradient into
     */
    public static double[] gradientBuffer(Tensor input) {
        return addsIntoGrad(input) ? input.gradAccumulator() : new double[input.numel()];
    }

    /**
     * Whether {@link #gradientBuffer(Tensor)} hands out the input's own gradient, in which case the
     * backward has already delivered it and returns null for that input.
     *
     * @param input an input that requires grad
     * @return true for a FLOAT64 leaf that requires grad
     */
    public static boolean addsIntoGrad(Tensor input) {
        return input.acceptsDirectGrad() && input.dtype() == DType.FLOAT64;
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
        return FusedGradients.arrays(differentiable);
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
        return FusedGradients.deliver(gradOutput, fused, differentiable);
    }

    /**
     * Whether a generated element-wise loss runs its float kernels on these inputs: every input is
     * a {@code FLOAT32} tensor (then the kernels read the inputs' {@code float[]} arrays themselves
     * and write {@code float} gradients, summing the loss in double); {@code -Dgradgen.float32=false}
     * turns them off (the inputs are then widened to double, as before; a switch for tests and
     * measurements).
     *
     * @param inputs the loss's tensor inputs
     * @return true when all are FLOAT32
     */
    public static boolean floatKernels(Tensor... inputs) {
        for (Tensor t : inputs) {
            if (t.dtype() != DType.FLOAT32) {
                return false;
            }
        }
        return !"false".equals(System.getProperty("gradgen.float32"));
    }

    /**
     * A FLOAT32 tensor's backing array, row-major, without copying. Generated float kernels read it
     * and never write it.
     *
     * @param t a FLOAT32 tensor
     * @return its backing array
     * @throws IllegalArgumentException if {@code t} is FLOAT64
     */
    public static float[] floats(Tensor t) {
        float[] f = t.storage.f32();
        if (f == null) {
            throw new IllegalArgumentException("LossSupport.floats: the tensor is " + t.dtype()
                    + "; call floatKernels(...) first and use data(...) for FLOAT64 tensors");
        }
        return f;
    }

    /**
     * As {@link #fusedGradients}, for the float kernels: {@code float} arrays, a FLOAT32 leaf's
     * zeroed gradient array reused from step to step.
     *
     * @param differentiable the loss's differentiable inputs, in declaration order
     * @return one array per input (null for an input that does not require grad), or null
     */
    public static float[][] fusedFloatGradients(Tensor... differentiable) {
        return FusedGradients.floatArrays(differentiable);
    }

    /**
     * {@link #deliverFused} for either kind of fused arrays: a generated backward keeps what its
     * forward computed, the {@code double[][]} of {@link #fusedGradients} or the {@code float[][]}
     * of {@link #fusedFloatGradients}.
     *
     * @param gradOutput the upstream gradient of the reduced loss
     * @param fused a {@code double[][]} or {@code float[][]} from the forward
     * @param differentiable the loss's differentiable inputs
     * @return as {@link #deliverFused}
     * @throws IllegalArgumentException if {@code fused} is neither
     */
    public static Tensor[] deliverFused(Tensor gradOutput, Object fused, Tensor... differentiable) {
        if (fused instanceof double[][] d) {
            return FusedGradients.deliver(gradOutput, d, differentiable);
        }
        if (fused instanceof float[][] f) {
            return FusedGradients.deliver(gradOutput, f, differentiable);
        }
        throw new IllegalArgumentException("LossSupport.deliverFused: expected double[][] or float[][], got "
                + (fused == null ? "null" : fused.getClass().getSimpleName()));
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
        LossInputs.checkLastDim(lossName, row, rowLength, lastDim);
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
        LossInputs.checkSameLength(lossName, first, firstLength, second, secondLength);
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
        LossInputs.checkConstantIndex(lossName, index, value, row, rowLength);
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
        throw LossInputs.badIndex(lossName, name, value, position, null, bound);
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
        throw LossInputs.badIndex(lossName, name, value, position, batchShape, bound);
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
        throw LossInputs.badIndex(lossName, name, value, position, null, -1);
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
        throw LossInputs.badIndex(lossName, name, value, position, batchShape, -1);
    }
}
