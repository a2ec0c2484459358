package io.gradgen.processor.normalise;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Select;
import java.util.HashSet;
import java.util.Set;

/**
 * Separates what a loss returns into its value and its weight in the mean, for a body that returns
 * {@code Functions.weighted(value, weight)} (on some or all paths; a plain return has weight 1).
 */
final class WeightSplit {
    private WeightSplit() {
    }

    /** Thrown when {@code weighted(...)} sits inside a computation instead of being what is returned. */
    static final class Misplaced extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Misplaced() {
            super("Functions.weighted(...) is not the returned value", null, false, false);
        }
    }

    /** The value with every {@code weighted(v, w)} replaced by {@code v}, and the weight (null when there is none). */
    static Expr[] split(Expr returned) {
        if (!contains(returned, new HashSet<>())) {
            return new Expr[] {returned, null};
        }
        return new Expr[] {part(returned, 0), part(returned, 1)};
    }

    private static Expr part(Expr e, int which) {
        if (e instanceof Apply a && a.op() == Op.WEIGHTED) {
            if (contains(a.arg(0), new HashSet<>()) || contains(a.arg(1), new HashSet<>())) {
                throw new Misplaced();
            }
            return a.arg(which);
        }
        if (e instanceof Select s && !contains(s.condition(), new HashSet<>())) {
            return new Select(s.condition(), part(s.ifTrue(), which), part(s.ifFalse(), which));
        }
        if (contains(e, new HashSet<>())) {
            throw new Misplaced();
        }
        return which == 0 ? e : Const.ONE;
    }

    private static boolean contains(Expr e, Set<Expr> seen) {
        if (!seen.add(e)) {
            return false;
        }
        if (e instanceof Apply a && a.op() == Op.WEIGHTED) {
            return true;
        }
        for (Expr c : Indices.children(e)) {
            if (contains(c, seen)) {
                return true;
            }
        }
        return false;
    }
}
