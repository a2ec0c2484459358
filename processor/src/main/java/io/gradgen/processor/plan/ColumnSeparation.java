package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.ChildRewriter;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Separates a sum over the batch inside a gradient's column loop into column values times
 * coefficients. NT-Xent's {@code ∂L/∂z1[r][j]} holds
 * {@code Σ_b (z2[b][j] / n_b − z1[r][j] · s_b / m_b) · w_b}: as written, every term of every
 * column divides twice. Affine in the column's values, it is
 * {@code Σ_b z2[b][j] · (w_b / n_b) − z1[r][j] · Σ_b (s_b · w_b / m_b)}: the coefficients are
 * numbers of {@code b} alone (tables, computed once per row), a column value that does not depend
 * on {@code b} leaves the sum, and what stays is a multiply-add along each row
 * ({@link ColumnSum} then runs it interchanged). This is how the gradient is derived by hand.
 *
 * <p>The terms are regrouped, so the sum rounds differently from the body as written; a term that
 * is not affine in the column's values (a product of two of them, a quotient by one, a function of
 * one) is a column value itself, with its coefficient.
 */
final class ColumnSeparation {
    /** More terms than this and the separated sum costs more than the body it replaces. */
    private static final int MAX_TERMS = 4;

    private ColumnSeparation() {
    }

    /** {@code gradient} with every sum over a range the column {@code column} does not reach separated. */
    static Expr apply(Expr gradient, Idx column) {
        return new ChildRewriter() {
            @Override
            public Expr visitReduce(Reduce r) {
                Reduce inner = (Reduce) super.visitReduce(r);
                Expr separated = separate(inner, column);
                return separated != null ? separated : inner;
            }
        }.apply(gradient);
    }

    private static Expr separate(Reduce r, Idx column) {
        if (r.kind() != Reduce.Kind.SUM || !Indices.dependsOn(r.body(), column)
                || Indices.dependsOn(r.from(), column) || Indices.dependsOn(r.to(), column)) {
            return null;
        }
        Map<Expr, Expr> terms = terms(r.body(), column);
        if (terms == null || (terms.size() == 1 && terms.values().iterator().next().equals(Const.ONE))) {
            return null; // not affine, or nothing to move: the body is a column value itself
        }
        Expr inside = null;
        Expr outside = null;
        for (Map.Entry<Expr, Expr> t : terms.entrySet()) {
            Expr value = t.getKey();
            Expr coefficient = t.getValue();
            if (Indices.dependsOn(value, r.index())) {
                inside = plus(inside, times(value, coefficient));
            } else {
                // Σ_b v·c_b = v · Σ_b c_b for a column value v of the row alone
                outside = plus(outside, times(value, r.withBody(coefficient)));
            }
        }
        Expr sum = inside == null ? null : r.withBody(inside);
        return plus(sum, outside);
    }

    /**
     * {@code e} as column values (keys; {@code 1} for none) with their coefficients (free of the
     * column), or null when it has more terms than are worth separating.
     */
    private static Map<Expr, Expr> terms(Expr e, Idx column) {
        if (e instanceof Const c && Double.compare(c.value(), 0.0) == 0) {
            return new LinkedHashMap<>(); // no term: the masked branch of a select
        }
        if (!Indices.dependsOn(e, column)) {
            return single(Const.ONE, e);
        }
        if (e instanceof Select s && !Indices.dependsOn(s.condition(), column)) {
            Map<Expr, Expr> out = new LinkedHashMap<>();
            if (!merge(out, terms(s.ifTrue(), column), c -> Exprs.select(s.condition(), c, Const.ZERO))
                    || !merge(out, terms(s.ifFalse(), column), c -> Exprs.select(s.condition(), Const.ZERO, c))) {
                return null;
            }
            return out;
        }
        if (!(e instanceof Apply a)) {
            return single(e, Const.ONE);
        }
        switch (a.op()) {
            case ADD, SUB -> {
                Map<Expr, Expr> out = new LinkedHashMap<>();
                boolean minus = a.op() == Op.SUB;
                if (!merge(out, terms(a.arg(0), column), c -> c)
                        || !merge(out, terms(a.arg(1), column), c -> minus ? Exprs.neg(c) : c)) {
                    return null;
                }
                return out;
            }
            case NEG -> {
                Map<Expr, Expr> out = new LinkedHashMap<>();
                return merge(out, terms(a.arg(0), column), Exprs::neg) ? out : null;
            }
            case MUL -> {
                boolean leftFree = !Indices.dependsOn(a.arg(0), column);
                boolean rightFree = !Indices.dependsOn(a.arg(1), column);
                if (leftFree || rightFree) {
                    Expr factor = leftFree ? a.arg(0) : a.arg(1);
                    Map<Expr, Expr> out = new LinkedHashMap<>();
                    return merge(out, terms(leftFree ? a.arg(1) : a.arg(0), column), c -> times(c, factor)) ? out : null;
                }
                return single(e, Const.ONE);
            }
            case DIV -> {
                if (!Indices.dependsOn(a.arg(1), column)) {
                    Map<Expr, Expr> out = new LinkedHashMap<>();
                    return merge(out, terms(a.arg(0), column), c -> Exprs.div(c, a.arg(1))) ? out : null;
                }
                return single(e, Const.ONE);
            }
            default -> {
                return single(e, Const.ONE);
            }
        }
    }

    private static Map<Expr, Expr> single(Expr value, Expr coefficient) {
        Map<Expr, Expr> out = new LinkedHashMap<>();
        out.put(value, coefficient);
        return out;
    }

    /** Adds {@code more}'s terms into {@code into}, each coefficient mapped; false when there are too many. */
    private static boolean merge(Map<Expr, Expr> into, Map<Expr, Expr> more,
            java.util.function.UnaryOperator<Expr> coefficient) {
        if (more == null) {
            return false;
        }
        for (Map.Entry<Expr, Expr> t : more.entrySet()) {
            into.merge(t.getKey(), coefficient.apply(t.getValue()), ColumnSeparation::plus);
        }
        return into.size() <= MAX_TERMS;
    }

    private static Expr times(Expr a, Expr b) {
        if (a.equals(Const.ONE)) {
            return b;
        }
        return b.equals(Const.ONE) ? a : Exprs.mul(a, b);
    }

    private static Expr plus(Expr a, Expr b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Exprs.add(a, b);
    }
}
