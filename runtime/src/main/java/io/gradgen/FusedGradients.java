package io.gradgen;

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
 * {@code -Dgradgen.fused=false} turns fusing off (a switch for tests and measurements; both ways
 * give the same numbers).
 *
 * <p>{@link #deliver} acts only when the upstream gradient is exactly 1 (a {@code loss.backward()},
 * or a sum of losses): a leaf's zeroed or absent gradient takes the array itself; a leaf whose
 * gradient holds values gets the array added, which is the same sum, bit for bit, as the two-pass
 * backward makes; a computed tensor gets the array as its gradient.
 */
final class FusedGradients {

    private FusedGradients() {
    }

    /** See {@link LossResults#fusedGradients}. */
    static double[][] arrays(Tensor... differentiable) {
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

    /** See {@link LossResults#fusedFloatGradients}. */
    static float[][] floatArrays(Tensor... differentiable) {
        if ("false".equals(System.getProperty("gradgen.fused"))) {
            return null;
        }
        float[][] arrays = new float[differentiable.length][];
        for (int k = 0; k < differentiable.length; k++) {
            Tensor input = differentiable[k];
            if (input.requiresGrad()) {
                arrays[k] = input.fusedFloatGradientArray();
                if (arrays[k] == null) {
                    return null;
                }
            }
        }
        return arrays;
    }

    /** See {@link LossResults#deliverFused(Tensor, Object, Tensor...)}: the float arrays of the float kernels. */
    static Tensor[] deliver(Tensor gradOutput, float[][] fused, Tensor... differentiable) {
        if (gradOutput.numel() != 1 || gradOutput.storage.get(0) != 1.0) {
            return null;
        }
        Tensor[] results = new Tensor[differentiable.length];
        for (int k = 0; k < differentiable.length; k++) {
            Tensor input = differentiable[k];
            float[] gradient = fused[k];
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

    /** See {@link LossResults#deliverFused}. */
    static Tensor[] deliver(Tensor gradOutput, double[][] fused, Tensor... differentiable) {
        if (gradOutput.numel() != 1 || gradOutput.storage.get(0) != 1.0) {
            return null;
        }
        Tensor[] results = new Tensor[differentiable.length];
        for (int k = 0; k < differentiable.length; k++) {
            Tensor input = differentiable[k];
            double[] gradient = fused[k];
            if (gradient == null) {
                continue;
            }
            // a FLOAT32 input's gradient is rounded to float, by the engine or by accumulateGrad
            if (!input.acceptsDirectGrad()) {
                results[k] = new Tensor(gradient, input.shapeRef());
            } else if (!input.adoptGradient(gradient)) {
                input.accumulateGrad(new Tensor(gradient, input.shapeRef()));
            }
        }
        return results;
    }
}
