package io.gradgen;

import java.util.function.Function;

/**
 * The fused forward-and-backward of generated element-wise losses (see
 * {@link LossResults#fusedGradients} and {@link LossResults#deliverFused}).
 *
 * <p>A generated loss whose inputs require grad computes, in the pass that sums the loss, each
 * input's gradient scaled by {@code 1 / divisor} (what the backward would compute for an upstream
 * gradient of 1) into the arrays {@link #arrays} hands out, and its backward delivers them with
 * {@link #deliver} instead of reading the inputs again. {@link #arrays} is null when any input
 * that requires grad is a leaf whose {@code grad()} holds values (call {@code zeroGrad()} first,
 * as a training step does): then the loss runs forward and backward as two passes.
 * {@code -Dgradgen.fused=false} turns fusing off, as does {@link LossResults#fusing(boolean)} at run
 * time (a switch for tests and measurements; both ways give the same numbers).
 *
 * <p>{@link #deliver} acts only when the upstream gradient is exactly 1 (a {@code loss.backward()},
 * or a sum of losses): a leaf's zeroed or absent gradient takes the array itself; a leaf whose
 * gradient holds values gets the array added, which is the same sum, bit for bit, as the two-pass
 * backward makes; a computed tensor gets the array as its gradient.
 */
final class FusedGradients {

    private FusedGradients() {
    }

    /**
     * Whether forwards may fuse: {@code -Dgradgen.fused=false} at startup, or {@link #enable} later.
     * Read once per forward, so not {@code System.getProperty} there: that lookup was a tenth of
     * the tutorial's step time.
     */
    private static volatile boolean enabled = !"false".equals(System.getProperty("gradgen.fused"));

    /** See {@link LossResults#fusing(boolean)}. */
    static void enable(boolean fuse) {
        enabled = fuse;
    }

    /** See {@link LossResults#fusedGradients}. */
    static double[][] arrays(Tensor... differentiable) {
        return collect(new double[differentiable.length][], differentiable, Tensor::fusedGradientArray);
    }

    /** See {@link LossResults#fusedFloatGradients}. */
    static float[][] floatArrays(Tensor... differentiable) {
        return collect(new float[differentiable.length][], differentiable, Tensor::fusedFloatGradientArray);
    }

    private static <A> A[] collect(A[] arrays, Tensor[] differentiable, Function<Tensor, A> arrayOf) {
        if (!enabled) {
            return null;
        }
        for (int k = 0; k < differentiable.length; k++) {
            Tensor input = differentiable[k];
            if (input.requiresGrad()) {
                arrays[k] = arrayOf.apply(input);
                if (arrays[k] == null) {
                    return null;
                }
            }
        }
        return arrays;
    }

    /**
     * See {@link LossResults#deliverFused}: {@code fused} is the {@code double[][]} of the double
     * kernels or the {@code float[][]} of the float ones.
     */
    static Tensor[] deliver(Tensor gradOutput, Object[] fused, Tensor... differentiable) {
        if (gradOutput.numel() != 1 || gradOutput.storage.get(0) != 1.0) {
            return null;
        }
        Tensor[] results = new Tensor[differentiable.length];
        for (int k = 0; k < differentiable.length; k++) {
            Tensor input = differentiable[k];
            Object gradient = fused[k];
            if (gradient == null) {
                continue;
            }
            // a gradient of another type than its input is converted, by the engine or by accumulateGrad
            if (!input.acceptsDirectGrad()) {
                results[k] = GradientArrays.wrap(gradient, input.shapeRef());
            } else if (!input.adoptGradient(gradient)) {
                input.accumulateGrad(GradientArrays.wrap(gradient, input.shapeRef()));
            }
        }
        return results;
    }
}
