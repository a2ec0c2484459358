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

    /**
     * This loss with the same options and another reduction, like PyTorch's {@code reduction=}
     * argument: {@code MEAN} averages the per-position losses, {@code SUM} adds them, {@code NONE}
     * returns them with the batch shape, {@code BATCH_MEAN} divides the sum by the first batch
     * dimension. Generated losses return their own type; a batch loss (one that takes whole
     * batches, {@code double[][]} parameters) has no per-position losses and throws.
     *
     * @param reduction how to reduce over the batch
     * @return a new loss; this one is unchanged
     * @throws UnsupportedOperationException if the loss has no per-position values to reduce
     *     otherwise (a batch loss, or an implementation that does not support it)
     */
    default LossFunction withReduction(io.gradgen.annotations.Reduction reduction) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support withReduction("
                + reduction + "); it computes its reduction itself");
    }
}
