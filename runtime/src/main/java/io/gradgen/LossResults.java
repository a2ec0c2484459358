package io.gradgen;

import io.gradgen.autograd.BackwardFunction;
import io.gradgen.autograd.GradMode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Building result tensors, and handing out and delivering the gradients of the inputs. */
public final class LossResults {

    private LossResults() {
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
     * A leaf tensor over {@code data}, without copying it (the caller hands the array over and
     * must not write it afterwards).
     *
     * @param data the values, row-major
     * @param shape the dimensions (copied)
     * @return a leaf that does not require grad
     * @throws IllegalArgumentException if {@code data.length} is not the product of the shape
     */
    public static Tensor wrap(double[] data, int[] shape) {
        return new Tensor(data, InputChecks.checkedShape(data, shape));
    }

    /**
     * A leaf tensor of {@code dtype} holding {@code data}: the array itself for FLOAT64 (see
     * {@link #wrap(double[], int[])}), rounded to float for FLOAT32. Generated code still calls
     * the FLOAT64 {@code wrap} where no gradient is needed, until the processor passes the type.
     *
     * @param data the values, row-major
     * @param shape the dimensions (copied)
     * @param dtype the type of the result, usually {@link #resultType} of the loss's inputs
     * @return a leaf that does not require grad
     * @throws IllegalArgumentException if {@code data.length} is not the product of the shape
     */
    public static Tensor wrap(double[] data, int[] shape, DType dtype) {
        return Tensor.fromDoubles(data, InputChecks.checkedShape(data, shape),
                Objects.requireNonNull(dtype, "wrap: dtype is null"));
    }

    /**
     * The type of a loss's result: FLOAT32 when any input is FLOAT32 (a prediction in float with
     * integral labels in {@code Tensor.labels}'s FLOAT64 gives a FLOAT32 loss), else FLOAT64.
     *
     * @param inputs the loss's tensor inputs
     * @return the result's type
     */
    public static DType resultType(Tensor... inputs) {
        return resultType(Arrays.asList(inputs));
    }

    /** {@link #resultType(Tensor...)} over a list, read in place (a backward node's inputs). */
    static DType resultType(List<Tensor> inputs) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).dtype() == DType.FLOAT32) {
                return DType.FLOAT32;
            }
        }
        return DType.FLOAT64;
    }

    /**
     * A non-leaf tensor over {@code data}, without copying it, that requires grad and records
     * {@code gradFn}. Generated code calls it only when {@link #needsGrad} is true. Its type is
     * {@link #resultType} of {@code gradFn}'s inputs; a FLOAT32 result holds a rounded copy.
     *
     * @param data the values, row-major
     * @param shape the dimensions (copied)
     * @param gradFn the backward node that produced the values
     * @return the result tensor
     * @throws IllegalArgumentException if {@code data.length} is not the product of the shape
     */
    public static Tensor result(double[] data, int[] shape, BackwardFunction gradFn) {
        Objects.requireNonNull(gradFn, "result: gradFn is null");
        // the inputs read in place: toArray(new Tensor[0]) creates its array reflectively, a cost per step
        DType dtype = resultType(gradFn.inputs());
        return Tensor.fromDoubles(data, InputChecks.checkedShape(data, shape), dtype).withGradFn(gradFn);
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
     * Whether {@link #gradientBuffer(Tensor)} hands out the input's own gradient, in which case
     * the backward has already delivered it and returns null for that input.
     *
     * @param input an input that requires grad
     * @return true for a FLOAT64 leaf that requires grad
     */
    public static boolean addsIntoGrad(Tensor input) {
        return input.acceptsDirectGrad() && input.dtype() == DType.FLOAT64;
    }

    /**
     * Turns fused forwards on or off for the whole JVM from now on, as {@code -Dgradgen.fused=false}
     * does at startup: a switch for tests and measurements (both ways give the same numbers), not
     * for training code.
     *
     * @param fuse whether generated losses may compute their gradients in the forward pass
     */
    public static void fusing(boolean fuse) {
        FusedGradients.enable(fuse);
    }

    /**
     * The gradient arrays a fused forward computes its inputs' gradients into, scaled by
     * {@code 1 / divisor}, in the pass that sums the loss (see {@link FusedGradients} for when it
     * pays and when it returns null; {@code -Dgradgen.fused=false} turns it off).
     *
     * @param differentiable the loss's differentiable inputs, in declaration order
     * @return one array per input (null for an input that does not require grad), or null
     */
    public static double[][] fusedGradients(Tensor... differentiable) {
        return FusedGradients.arrays(differentiable);
    }

    /**
     * Delivers the gradients a fused forward computed when the upstream gradient is exactly 1
     * (see {@link FusedGradients}); null for any other, and the caller runs its two-pass backward.
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
     * As {@link #fusedGradients}, for a loss's float kernels: {@code float} arrays, a FLOAT32
     * leaf's zeroed gradient array reused from step to step.
     *
     * @param differentiable the loss's differentiable inputs, in declaration order
     * @return one array per input (null for an input that does not require grad), or null
     */
    public static float[][] fusedFloatGradients(Tensor... differentiable) {
        return FusedGradients.floatArrays(differentiable);
    }

    /**
     * {@link #deliverFused(Tensor, double[][], Tensor...)} for either kind of fused arrays: a
     * generated backward keeps what its forward computed, the {@code double[][]} of
     * {@link #fusedGradients} or the {@code float[][]} of {@link #fusedFloatGradients}.
     *
     * @param gradOutput the upstream gradient of the reduced loss
     * @param fused a {@code double[][]} or {@code float[][]} from the forward
     * @param differentiable the loss's differentiable inputs
     * @return as {@link #deliverFused(Tensor, double[][], Tensor...)}
     * @throws IllegalArgumentException if {@code fused} is neither
     */
    public static Tensor[] deliverFused(Tensor gradOutput, Object fused, Tensor... differentiable) {
        if (fused instanceof double[][] || fused instanceof float[][]) {
            return FusedGradients.deliver(gradOutput, (Object[]) fused, differentiable);
        }
        throw new IllegalArgumentException("LossResults.deliverFused: expected double[][] or float[][], got "
                + (fused == null ? "null" : fused.getClass().getSimpleName()));
    }
}
