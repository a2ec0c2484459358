package io.gradgen.optim;

import io.gradgen.OptimizerSupport;
import io.gradgen.Tensor;
import java.util.List;

/**
 * Adam, with exactly {@code torch.optim.Adam}'s update (bias-corrected, {@code eps} added after
 * the square root, weight decay as an L2 term added to the gradient). For each parameter
 * {@code p} with gradient {@code grad}, counting its steps {@code t = 1, 2, ...}:
 *
 * <pre>
 * g = grad + weightDecay * p
 * m = beta1 * m + (1 - beta1) * g                 (m and v start at 0)
 * v = beta2 * v + (1 - beta2) * g * g
 * vMax = max(vMax, v)                             (amsgrad only; then vMax replaces v below)
 * p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * Parameters whose gradient is null are skipped and their step count does not advance. A
 * {@code FLOAT32} parameter keeps {@code FLOAT32} state and is updated in float32 arithmetic.
 */
public final class Adam extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean amsgrad;
    private final int[] steps;
    private final Tensor[] expAvg;
    private final Tensor[] expAvgSq;
    private final Tensor[] maxExpAvgSq;

    /**
     * Adam with PyTorch's defaults besides the learning rate: {@code betas = (0.9, 0.999)},
     * {@code eps = 1e-8}, no weight decay, no AMSGrad.
     *
     * @param params the tensors to optimize: leaves, each listed once
     * @param lr the learning rate, {@code >= 0} (PyTorch's default is {@code 1e-3})
     * @throws IllegalArgumentException as {@link #Adam(List, double, double, double, double, double, boolean)}
     */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    /**
     * Adam with every option of {@code torch.optim.Adam}.
     *
     * @param params the tensors to optimize: leaves, each listed once
     * @param lr the learning rate, {@code >= 0}
     * @param beta1 the decay of the running mean of gradients, in {@code [0, 1)}
     * @param beta2 the decay of the running mean of squared gradients, in {@code [0, 1)}
     * @param eps the term added to the denominator, {@code >= 0}
     * @param weightDecay the L2 penalty factor, {@code >= 0}
     * @param amsgrad whether to use the maximum of past squared-gradient averages (AMSGrad)
     * @throws IllegalArgumentException with PyTorch's messages: {@code Invalid learning rate: ...},
     *     {@code Invalid epsilon value: ...}, {@code Invalid beta parameter at index 0: ...} (or 1),
     *     {@code Invalid weight_decay value: ...}; and for an empty parameter list, non-leaf or
     *     repeated parameters
     */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
            boolean amsgrad) {
        super(params, lr);
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("Invalid epsilon value: " + eps);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 0: " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 1: " + beta2);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("Invalid weight_decay value: " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.amsgrad = amsgrad;
        int n = params.size();
        this.steps = new int[n];
        this.expAvg = new Tensor[n];
        this.expAvgSq = new Tensor[n];
        this.maxExpAvgSq = new Tensor[n];
    }

    @Override
    protected void update(int index, Tensor param, Tensor grad) {
        if (expAvg[index] == null || expAvg[index].dtype() != param.dtype()) {
            // the state takes the parameter's type, as in PyTorch (again after a Module.to)
            expAvg[index] = state(param, expAvg[index]);
            expAvgSq[index] = state(param, expAvgSq[index]);
            if (amsgrad) {
                maxExpAvgSq[index] = state(param, maxExpAvgSq[index]);
            }
        }
        int t = ++steps[index];
        double biasCorrection1 = 1 - Math.pow(beta1, t);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        if (weightDecay == 0 && !amsgrad && OptimizerSupport.adam(param, grad, expAvg[index], expAvgSq[index], beta1,
                beta2, eps, -lr() / biasCorrection1, biasCorrection2Sqrt)) {
            return; // the update below in one loop, without its temporaries: the same bits
        }
        Tensor g = weightDecay != 0 ? grad.add(param.mul(weightDecay)) : grad;
        Tensor m = expAvg[index].mulInPlace(beta1).addInPlace(g, 1 - beta1);
        Tensor v = expAvgSq[index].mulInPlace(beta2).addcmulInPlace(g, g, 1 - beta2);
        if (amsgrad) {
            v = maxExpAvgSq[index].copyInPlace(maxExpAvgSq[index].maximum(v));
        }
        Tensor denominator = v.sqrt().div(biasCorrection2Sqrt).add(eps);
        param.addcdivInPlace(m, denominator, -lr() / biasCorrection1);
    }

    /** Zeros of {@code param}'s shape and type, or {@code previous} converted to its type. */
    private static Tensor state(Tensor param, Tensor previous) {
        return (previous == null ? Tensor.zeros(param.shape()) : previous).to(param.dtype());
    }

    /**
     * The decay of the running mean of gradients.
     *
     * @return beta1
     */
    public double beta1() {
        return beta1;
    }

    /**
     * The decay of the running mean of squared gradients.
     *
     * @return beta2
     */
    public double beta2() {
        return beta2;
    }

    /**
     * The term added to the denominator.
     *
     * @return eps
     */
    public double eps() {
        return eps;
    }

    /**
     * The L2 penalty factor.
     *
     * @return the weight decay
     */
    public double weightDecay() {
        return weightDecay;
    }

    /**
     * Whether AMSGrad is used.
     *
     * @return the AMSGrad flag
     */
    public boolean amsgrad() {
        return amsgrad;
    }

    /**
     * As PyTorch prints the hyperparameters.
     *
     * @return e.g. {@code Adam(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weight_decay=0.0, amsgrad=false)}
     */
    @Override
    public String toString() {
        return "Adam(lr=" + lr() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weight_decay=" + weightDecay
                + ", amsgrad=" + amsgrad + ")";
    }
}
