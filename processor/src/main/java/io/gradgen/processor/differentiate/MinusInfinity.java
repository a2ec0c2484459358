package io.gradgen.processor.differentiate;

import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Reduce;

/**
 * Which expressions may be −∞ by construction: a masked term ({@code c ? t : −∞}, from a conditional
 * {@code s = logAddExp(s, t)}) and a log-sum-exp over a range that may be empty
 * ({@code for (int j = 0; j < i; j++)}), and whatever contains either. The log-sum-exp rules weight
 * by {@code exp(t − L)}, which is {@code exp(−∞ + ∞)} = NaN where {@code L} is −∞; they guard the
 * weight only where this says it can happen, so ordinary losses keep their plain derivatives.
 */
final class MinusInfinity {
    private MinusInfinity() {
    }

    static boolean possible(Expr e) {
        return Indices.contains(e, MinusInfinity::isSource, x -> false);
    }

    /** {@code derivative} where {@code value} is above −∞, else 0: the guard both rules put on their weights. */
    static Expr onlyAbove(Expr value, Expr derivative) {
        return Exprs.select(Exprs.gt(value, new Const(Double.NEGATIVE_INFINITY)), derivative, Const.ZERO);
    }

    /** Whether {@code e} is the number −∞ itself (the mask of a conditional accumulation). */
    static boolean isConstant(Expr e) {
        return e instanceof Const c && c.value() == Double.NEGATIVE_INFINITY;
    }

    private static boolean isSource(Expr e) {
        return isConstant(e)
                || e instanceof Reduce r && r.kind() == Reduce.Kind.LOG_SUM_EXP && r.wholeRow() == null;
    }
}
