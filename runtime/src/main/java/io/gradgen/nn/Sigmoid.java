package io.gradgen.nn;

import io.gradgen.Tensor;
import java.util.List;

/** The elementwise activation {@code 1 / (1 + e^-x)}, as a module without parameters (see {@link Tensor#sigmoid()}). */
public final class Sigmoid implements Module {

    /** Creates the activation; it has no state. */
    public Sigmoid() {
    }

    /**
     * Applies {@link Tensor#sigmoid()} elementwise.
     *
     * @param input a tensor of any shape
     * @return a tensor of the same shape ({@code SigmoidBackward})
     */
    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
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
     * @return {@code Sigmoid()}
     */
    @Override
    public String toString() {
        return "Sigmoid()";
    }
}
