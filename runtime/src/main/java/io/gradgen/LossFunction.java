package io.gradgen;

/**
 * A loss that maps tensors to a tensor. gradgen generates one implementation per {@code @Loss}
 * method; each also has a {@code forward} overload with one named {@code Tensor} parameter per
 * input, which is what most callers use. This interface lets code handle losses generically:
 *
 * <pre>{@code
 * LossFunction loss = new HuberLoss(0.5);
 * Tensor value = loss.forward(prediction, target);
 * value.backward();
 * }</pre>
 */
public interface LossFunction {

    /**
     * Applies the loss to its tensor inputs, in the order of the loss method's non-{@code @Param}
     * parameters.
     *
     * @param inputs one tensor per non-{@code @Param} parameter of the loss method
     * @return a 0-dim tensor for the {@code MEAN} and {@code SUM} reductions, a tensor of the batch
     *     shape for {@code NONE}
     * @throws IllegalArgumentException if the number of inputs is wrong, their batch shapes differ,
     *     or an integer input holds a value that is not a valid index
     * @throws NullPointerException if an input is null
     */
    Tensor forward(Tensor... inputs);
}
