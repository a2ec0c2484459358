package io.gradgen.nn;

import io.gradgen.Tensor;
import java.util.List;

/** The elementwise activation {@code tanh(x)}, as a module without parameters (see {@link Tensor#tanh()}). */
public final class Tanh implements Module {

    /** Creates the activation; it has no state. */
    public Tanh() {
    }

    /**
     * Applies {@link Tensor#tanh()} elementwise.
     *
     * @param input a tensor of any shape
     * @return a tensor of the same shape ({@code TanhBackward})
     */
    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
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
     * @return {@code Tanh()}
     */
    @Override
    public String toString() {
        return "Tanh()";
    }
}
