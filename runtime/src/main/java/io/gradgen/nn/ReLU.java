package io.gradgen.nn;

import io.gradgen.Tensor;
import java.util.List;

/** The elementwise activation {@code max(x, 0)}, as a module without parameters (see {@link Tensor#relu()}). */
public final class ReLU implements Module {

    /** Creates the activation; it has no state. */
    public ReLU() {
    }

    /**
     * Applies {@link Tensor#relu()} elementwise.
     *
     * @param input a tensor of any shape
     * @return a tensor of the same shape ({@code ReluBackward})
     */
    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }

    /**
     * None.
     *
     * @return an empty list
     */
    @Override
    public List<Tensor> parameters() {
        return List.of();
    }

    /**
     * As PyTorch prints it.
     *
     * @return {@code ReLU()}
     */
    @Override
    public String toString() {
        return "ReLU()";
    }
}
