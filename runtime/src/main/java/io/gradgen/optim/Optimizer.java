package io.gradgen.optim;

import io.gradgen.Tensor;
import io.gradgen.autograd.GradMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Updates parameters from their gradients, like PyTorch's {@code torch.optim.Optimizer}. The
 * usual loop:
 *
 * <pre>{@code
 * Optimizer opt = new SGD(model.parameters(), 0.1);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     opt.zeroGrad();
 *     Tensor loss = lossFn.forward(model.forward(x), y);
 *     loss.backward();
 *     opt.step();
 * }
 * }</pre>
 *
 * <p>{@link #step()} updates each parameter <em>in place</em> with the {@code ...InPlace}
 * methods of {@link Tensor}, so the parameter tensors keep their identity and the model keeps
 * using them; it runs with grad mode disabled, so the updates record no graph. Subclasses
 * implement {@link #update(int, Tensor, Tensor)} for one parameter.
 */
public abstract class Optimizer {

    private final List<Tensor> params;
    private double lr;

    /**
     * Validates and stores the parameters and the learning rate.
     *
     * @param params the tensors to optimize: leaves, each listed once
     * @param lr the learning rate, {@code >= 0}
     * @throws IllegalArgumentException if the list is empty, a parameter is not a leaf or appears
     *     twice, or {@code lr} is negative or NaN ({@code Invalid learning rate: -0.1})
     * @throws NullPointerException if the list or a parameter is null
     */
    protected Optimizer(List<Tensor> params, double lr) {
        Objects.requireNonNull(params, "optimizer: params is null");
        if (params.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> copy = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            Tensor p = Objects.requireNonNull(params.get(i), "optimizer: parameter " + i + " is null");
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor: parameter " + i + " was computed by "
                        + p.gradFn().name() + "; optimize the leaf tensors it was computed from");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException("optimizer: parameter " + i
                        + " appears more than once in the parameter list; it would be updated twice per step");
            }
            copy.add(p);
        }
        this.params = List.copyOf(copy);
        this.lr = checkLr(lr);
    }

    private static double checkLr(double lr) {
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("Invalid learning rate: " + lr);
        }
        return lr;
    }

    /**
     * Performs one optimization step: calls {@link #update(int, Tensor, Tensor)} for every
     * parameter whose gradient is not null, with grad mode disabled.
     */
    public final void step() {
        GradMode.Scope scope = GradMode.disable();
        try {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor grad = p.grad();
                if (grad != null) {
                    update(i, p, grad);
                }
            }
        } finally {
            scope.close();
        }
    }

    /**
     * Updates one parameter in place. Called by {@link #step()} with grad mode disabled, only
     * for parameters that have a gradient.
     *
     * @param index the parameter's position in {@link #parameters()}, for per-parameter state
     * @param param the parameter to update in place
     * @param grad its gradient; not to be modified
     */
    protected abstract void update(int index, Tensor param, Tensor grad);

    /**
     * Sets every parameter's gradient to zero in place (see {@link Tensor#zeroGrad()}).
     */
    public void zeroGrad() {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).zeroGrad();
        }
    }

    /**
     * The parameters, in the order given to the constructor.
     *
     * @return an unmodifiable list
     */
    public final List<Tensor> parameters() {
        return params;
    }

    /**
     * The learning rate.
     *
     * @return the current learning rate
     */
    public final double lr() {
        return lr;
    }

    /**
     * Changes the learning rate for later steps, e.g. from a schedule.
     *
     * @param lr the new learning rate, {@code >= 0}
     * @throws IllegalArgumentException if {@code lr} is negative or NaN
     */
    public final void setLr(double lr) {
        this.lr = checkLr(lr);
    }
}
