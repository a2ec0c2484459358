package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Expr;

/**
 * A per-position value the forward computes anyway and the backward needs (a row's maximum, its
 * log-sum-exp): the forward stores it, one {@code double} per batch position, so that the backward
 * reads it instead of looping over the row again.
 *
 * @param expr the reduction
 * @param forwardLocal its local in the forward kernel
 * @param backwardLocal its local in the backward kernel
 * @param array the name of the array that carries it from forward to backward
 */
public record Saved(Expr expr, String forwardLocal, String backwardLocal, String array) {
}
