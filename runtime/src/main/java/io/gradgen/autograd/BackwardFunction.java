package io.gradgen.autograd;

import io.gradgen.Tensor;
import java.util.List;

/**
 * One node of the autograd graph: the backward of the operation that produced a tensor, as in
 * PyTorch's {@code grad_fn}. The built-in operations and the classes gradgen generates for
 * {@code @Loss} methods implement it; so can users who write their own differentiable operation.
 *
 * <p>The engine calls {@link #apply} at most once per {@link Tensor#backward()} call, after it has
 * summed the gradients that every consumer of the output sent back. It then skips the inputs that
 * do not require grad, checks that each returned gradient has its input's shape, and adds it to
 * whatever that input has already received. {@code apply} runs with grad mode disabled, so tensor
 * operations used inside it record no graph.
 *
 * <p>Implementations must not modify {@code gradOutput} or the tensors they saved from the
 * forward pass; they may return {@code gradOutput} itself when the gradient passes through
 * unchanged (the engine never writes into a gradient it did not allocate).
 */
public interface BackwardFunction {

    /**
     * A readable name, e.g. "MulBackward" or "HuberLossBackward".
     *
     * @return the name shown by {@link Tensor#toString()} and in error messages
     */
    String name();

    /**
     * The tensors this node feeds gradients to, in a fixed order (may include tensors that do not
     * require grad).
     *
     * @return the inputs of the forward operation, in the order {@link #apply} answers for them
     */
    List<Tensor> inputs();

    /**
     * Given the gradient of the node's output (same shape as the output), returns one gradient per
     * input, aligned with {@link #inputs()}; null entries for inputs that need none.
     *
     * @param gradOutput the gradient of the loss with respect to this node's output
     * @return an array with one entry per input; each non-null entry has that input's shape
     */
    Tensor[] apply(Tensor gradOutput);
}
