package io.gradgen.spark;

import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A serialisable stand-in for a loss class that is not itself {@code Serializable}: it ships the
 * recipe ({@code MSELoss::new}) and rebuilds the loss on the other side.
 */
final class Recreated implements SecondOrderLoss, Serializable {
    private static final long serialVersionUID = 1L;

    /** A supplier that Java serialisation can ship (a serialisable lambda or method reference). */
    interface Recipe extends Supplier<SecondOrderLoss>, Serializable {
    }

    private final Recipe recipe;
    private transient SecondOrderLoss loss;

    Recreated(Recipe recipe) {
        this.recipe = recipe;
    }

    private SecondOrderLoss loss() {
        if (loss == null) {
            loss = recipe.get();
        }
        return loss;
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        return loss().forward(inputs);
    }

    @Override
    public void gradientAndHessian(Tensor pred, double[] grad, double[] hessian, Tensor... others) {
        loss().gradientAndHessian(pred, grad, hessian, others);
    }

    @Override
    public String toString() {
        return "Recreated(" + loss() + ")";
    }
}
