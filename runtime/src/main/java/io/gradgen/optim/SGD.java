package io.gradgen.optim;

import io.gradgen.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, dampening, weight decay and Nesterov
 * momentum, with exactly {@code torch.optim.SGD}'s update. For each parameter {@code p} with
 * gradient {@code grad}, at step {@code t}:
 *
 * <pre>
 * g = grad + weightDecay * p
 * if momentum != 0:
 *     buf = g                                         at the first step (no dampening)
 *     buf = momentum * buf + (1 - dampening) * g      afterwards
 *     g = nesterov ? g + momentum * buf : buf
 * p = p - lr * g
 * </pre>
 *
 * Parameters whose gradient is null are skipped, and their momentum buffer is left as it was. A
 * {@code FLOAT32} parameter is updated in float32 arithmetic, its momentum buffer kept in float32.
 */
public final class SGD extends Optimizer {

    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final Tensor[] momentumBuffers;

    /**
     * Plain gradient descent: {@code p = p - lr * grad}.
     *
     * @param params the tensors to optimize: leaves, each listed once
     * @param lr the learning rate, {@code >= 0}
     * @throws IllegalArgumentException as {@link #SGD(List, double, double, double, double, boolean)}
     */
    public SGD(List<Tensor> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    /**
     * Gradient descent with (heavy-ball) momentum, no dampening and no weight decay.
     *
     * @param params the tensors to optimize: leaves, each listed once
     * @param lr the learning rate, {@code >= 0}
     * @param momentum the momentum factor, {@code >= 0}
     * @throws IllegalArgumentException as {@link #SGD(List, double, double, double, double, boolean)}
     */
    public SGD(List<Tensor> params, double lr, double momentum) {
        this(params, lr, momentum, 0, 0, false);
    }

    /**
     * Gradient descent with every option of {@code torch.optim.SGD}.
     *
     * @param params the tensors to optimize: leaves, each listed once
     * @param lr the learning rate, {@code >= 0}
     * @param momentum the momentum factor, {@code >= 0}
     * @param dampening the dampening for momentum
     * @param weightDecay the L2 penalty factor, {@code >= 0}
     * @param nesterov whether to use Nesterov momentum (needs {@code momentum > 0} and
     *     {@code dampening == 0})
     * @throws IllegalArgumentException with PyTorch's messages: {@code Invalid learning rate: -0.1},
     *     {@code Invalid momentum value: ...}, {@code Invalid weight_decay value: ...},
     *     {@code Nesterov momentum requires a momentum and zero dampening}; and for an empty
     *     parameter list, non-leaf or repeated parameters
     */
    public SGD(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay,
            boolean nesterov) {
        super(params, lr);
        if (!(momentum >= 0)) {
            throw new IllegalArgumentException("Invalid momentum value: " + momentum);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("Invalid weight_decay value: " + weightDecay);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.momentumBuffers = new Tensor[params.size()];
    }

    @Override
    protected void update(int index, Tensor param, Tensor grad) {
        Tensor g = weightDecay != 0 ? grad.add(param.mul(weightDecay)) : grad;
        if (momentum != 0) {
            Tensor buf = momentumBuffers[index];
            if (buf == null || buf.dtype() != g.dtype()) {
                buf = buf == null ? g.detach() : buf.to(g.dtype());
                momentumBuffers[index] = buf;
            } else {
                buf.mulInPlace(momentum).addInPlace(g, 1 - dampening);
            }
            g = nesterov ? g.add(buf.mul(momentum)) : buf;
        }
        param.addInPlace(g, -lr());
    }

    /**
     * The momentum factor.
     *
     * @return the momentum, 0 when disabled
     */
    public double momentum() {
        return momentum;
    }

    /**
     * The dampening for momentum.
     *
     * @return the dampening
     */
    public double dampening() {
        return dampening;
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
     * Whether Nesterov momentum is used.
     *
     * @return the Nesterov flag
     */
    public boolean nesterov() {
        return nesterov;
    }

    /**
     * As PyTorch prints the hyperparameters.
     *
     * @return e.g. {@code SGD(lr=0.1, momentum=0.9, dampening=0.0, weight_decay=0.0, nesterov=false)}
     */
    @Override
    public String toString() {
        return "SGD(lr=" + lr() + ", momentum=" + momentum + ", dampening=" + dampening + ", weight_decay="
                + weightDecay + ", nesterov=" + nesterov + ")";
    }
}
