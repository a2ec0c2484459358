package io.gradgen.annotations;

/**
 * How a generated loss combines the per-position values of a batch, as PyTorch's
 * {@code reduction=} argument.
 *
 * <pre>{@code @Loss(reduction = Reduction.NONE) static double l1(double x, double y) { ... }}</pre>
 */
public enum Reduction {
    /** The average over all batch positions; the result is a 0-dim tensor. PyTorch's default. */
    MEAN,
    /** The sum over all batch positions; the result is a 0-dim tensor. */
    SUM,
    /** No reduction; the result has the batch shape. */
    NONE
}
