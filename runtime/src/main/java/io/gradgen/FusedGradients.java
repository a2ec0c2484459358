package io.gradgen;

/**
 * The fused forward-and-backward of generated element-wise losses: the forward computes each
 * input's gradient in the pass that sums the loss, into arrays handed out here, and the backward
 * delivers them (see {@link LossSupport#fusedGradients} and {@link LossSupport#deliverFused}).
 */
final class FusedGradients {

    private FusedGradients() {
    }

    /** See {@link LossSupport#fusedGradients}. */
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

    /** See {@link LossSupport#fusedFloatGradients}. */
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

    /** See {@link LossSupport#deliverFused(Tensor, Object, Tensor...)}: the float arrays of the float kernels. */
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

    /** See {@link LossSupport#deliverFused}. */
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
