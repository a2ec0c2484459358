package io.gradgen;

import io.gradgen.autograd.GradMode;
import java.util.Arrays;

/**
 * Fused parameter updates for {@code io.gradgen.optim}: one loop over a parameter's elements instead
 * of a chain of tensor operations, each of which would allocate its result. Public only so that the
 * optimizers, in another package, can call it; each update computes exactly what its optimizer's
 * composed form computes, operation by operation (in float arithmetic for FLOAT32 tensors, as the
 * tensor operations do), so the fused and the composed updates give the same bits.
 */
public final class OptimizerSupport {
    private OptimizerSupport() {
    }

    /**
     * Adam's update without weight decay and AMSGrad, in place, when {@code param}, {@code grad},
     * {@code expAvg} and {@code expAvgSq} are plain arrays of one type and size: per element
     * <pre>{@code
     * m = m·β1; m += (1 − β1)·g; v = v·β2; v += (1 − β2)·g·g
     * p += stepSize·m / (sqrt(v) / biasCorrection2Sqrt + eps)
     * }</pre>
     * as {@code expAvg.mulInPlace(β1).addInPlace(g, 1 − β1)}, {@code expAvgSq.mulInPlace(β2)
     * .addcmulInPlace(g, g, 1 − β2)} and {@code param.addcdivInPlace(m, v.sqrt().div(c).add(eps),
     * stepSize)} compute it. Bumps the three updated tensors' versions, as those in-place operations do.
     *
     * @return false, having changed nothing, when the tensors do not qualify (the caller then runs
     *     the composed form)
     * @throws IllegalStateException if {@code param} requires grad and grad mode is enabled
     */
    public static boolean adam(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double beta1,
            double beta2, double eps, double stepSize, double biasCorrection2Sqrt) {
        DType dtype = param.dtype();
        int n = param.numel();
        for (Tensor t : new Tensor[] {grad, expAvg, expAvgSq}) {
            if (t.dtype() != dtype || !Arrays.equals(t.shapeRef(), param.shapeRef())) {
                return false;
            }
        }
        for (Tensor t : new Tensor[] {param, grad, expAvg, expAvgSq}) {
            if (t.storage.length() != n) {
                return false; // a view of a larger storage
            }
        }
        if (param.requiresGrad() && GradMode.isEnabled()) {
            throw new IllegalStateException("Adam: a parameter that requires grad cannot be updated while grad mode is"
                    + " enabled; Optimizer.step() disables it");
        }
        if (dtype == DType.FLOAT64) {
            adam(param.storage.f64(), grad.storage.f64(), expAvg.storage.f64(), expAvgSq.storage.f64(), beta1, beta2,
                    eps, stepSize, biasCorrection2Sqrt);
        } else {
            adam(param.storage.f32(), grad.storage.f32(), expAvg.storage.f32(), expAvgSq.storage.f32(), beta1, beta2,
                    eps, stepSize, biasCorrection2Sqrt);
        }
        param.storage.bumpVersion();
        expAvg.storage.bumpVersion();
        expAvgSq.storage.bumpVersion();
        return true;
    }

    private static void adam(double[] p, double[] g, double[] m, double[] v, double beta1, double beta2, double eps,
            double stepSize, double c) {
        double a1 = 1 - beta1;
        double a2 = 1 - beta2;
        for (int i = 0; i < p.length; i++) {
            m[i] *= beta1;
            m[i] += a1 * g[i];
            v[i] *= beta2;
            v[i] += a2 * g[i] * g[i];
            p[i] += stepSize * m[i] / (Math.sqrt(v[i]) / c + eps);
        }
    }

    /** The same in float: every factor rounded to float first, every operation rounded to float. */
    private static void adam(float[] p, float[] g, float[] m, float[] v, double beta1, double beta2, double eps,
            double stepSize, double c) {
        float b1 = (float) beta1;
        float a1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float a2 = (float) (1 - beta2);
        float epsilon = (float) eps;
        float step = (float) stepSize;
        float correction = (float) c;
        for (int i = 0; i < p.length; i++) {
            m[i] *= b1;
            m[i] += a1 * g[i];
            v[i] *= b2;
            v[i] += a2 * g[i] * g[i];
            // a float's square root rounded from the double one is the correctly rounded float root
            p[i] += step * m[i] / ((float) Math.sqrt(v[i]) / correction + epsilon);
        }
    }
}
