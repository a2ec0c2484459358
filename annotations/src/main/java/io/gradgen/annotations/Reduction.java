package io.gradgen.annotations;

/**
 * How a generated loss combines the per-position values of a batch, as PyTorch's
 * {@code reduction=} argument.
 *
 * <pre>{@code @Loss(reduction = Reduction.NONE) static double l1(double x, double y) { ... }}</pre>
 *
 * <p>The annotation fixes a loss's default; every generated loss can be switched at run time with
 * {@code withReduction(Reduction)}, as PyTorch's losses take {@code reduction=} in their constructor.
 */
public enum Reduction {
    /** The average over all batch positions; the result is a 0-dim tensor. PyTorch's default. */
    MEAN,
    /** The sum over all batch positions; the result is a 0-dim tensor. */
    SUM,
    /** No reduction; the result has the batch shape. */
    NONE,
    /**
     * The sum over all batch positions divided by the size of the first batch dimension (1 for a
     * single position): PyTorch's {@code reduction='batchmean'} of {@code KLDivLoss}, the
     * mathematically correct mean of a per-sample sum.
     */
    BATCH_MEAN
}
