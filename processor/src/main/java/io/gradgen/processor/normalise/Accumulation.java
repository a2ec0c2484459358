package io.gradgen.processor.normalise;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What one iteration of a loop did to a local: {@code acc + term} (a sum), {@code acc·term} (a
 * product), {@code max(acc, term)}, {@code min(acc, term)}, possibly only under a condition, in
 * which case the skipped iterations contribute the reduction's identity ({@code c ? acc + t : acc}
 * is {@code acc + (c ? t : 0)}).
 *
 * @param kind the reduction, or null when the iteration left the local unchanged
 * @param term the per-iteration term
 */
record Accumulation(Reduce.Kind kind, Expr term) {

    /**
     * Reads {@code value} as an accumulation into {@code acc}, or null when it is not one, or when the
     * term reads any of {@code placeholders} (a loop-carried dependency the reader should have rejected).
     */
    static Accumulation of(Expr value, Var acc, Collection<Var> placeholders) {
        Accumulation a = read(value, acc);
        if (a == null || (a.term != null && mentions(a.term, placeholders))) {
            return null;
        }
        return a;
    }

    private static Accumulation read(Expr value, Var acc) {
        if (value.equals(acc)) {
            return new Accumulation(null, null);
        }
        if (value instanceof Select s) {
            Accumulation t = read(s.ifTrue(), acc);
            Accumulation f = read(s.ifFalse(), acc);
            if (t == null || f == null || (t.kind != null && f.kind != null && t.kind != f.kind)) {
                return null;
            }
            Reduce.Kind kind = t.kind != null ? t.kind : f.kind;
            if (kind == null) {
                return t;
            }
            return new Accumulation(kind, new Select(s.condition(), t.termOr(kind), f.termOr(kind)));
        }
        if (!(value instanceof Apply a) || a.args().size() != 2) {
            return null;
        }
        Reduce.Kind kind = switch (a.op()) {
            case ADD, SUB -> Reduce.Kind.SUM;
            case MUL -> Reduce.Kind.PRODUCT;
            case MAX -> Reduce.Kind.MAX;
            case MIN -> Reduce.Kind.MIN;
            case LOG_ADD_EXP -> Reduce.Kind.LOG_SUM_EXP;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        boolean left = dependsOn(a.arg(0), acc);
        boolean right = dependsOn(a.arg(1), acc);
        if (left == right || (a.op() == Op.SUB && right)) {
            return null;
        }
        Accumulation inner = read(left ? a.arg(0) : a.arg(1), acc);
        if (inner == null || (inner.kind != null && inner.kind != kind)) {
            return null;
        }
        Expr other = left ? a.arg(1) : a.arg(0);
        Expr step = a.op() == Op.SUB ? Exprs.neg(other) : other;
        if (inner.kind == null) {
            return new Accumulation(kind, step);
        }
        Expr term = switch (kind) {
            case SUM -> Exprs.add(inner.term, step);
            case PRODUCT -> Exprs.mul(inner.term, step);
            case MAX -> Exprs.apply(Op.MAX, inner.term, step);
            case LOG_SUM_EXP -> Exprs.apply(Op.LOG_ADD_EXP, inner.term, step);
            default -> Exprs.apply(Op.MIN, inner.term, step);
        };
        return new Accumulation(kind, term);
    }

    /**
     * The term as parts whose reductions, combined, are the reduction of the term. A log-sum-exp
     * that takes two candidates an iteration, one of them only under a condition
     * ({@code s = logAddExp(s, t1); if (b != a) s = logAddExp(s, t2);}, NT-Xent's other view and its
     * own view but itself), is {@code logAddExp(log Σ e^{t1}, log Σ e^{b ≠ a ? t2 : −∞})}: each part
     * a log-sum-exp of its own, whose gradient the simplifier collapses where a term reads the
     * gradient's row, instead of one over {@code logAddExp(t1, t2)} whose every term would keep it.
     * Other reductions are one part.
     */
    List<Expr> parts() {
        if (kind != Reduce.Kind.LOG_SUM_EXP) {
            return List.of(term);
        }
        List<Expr> parts = logSumExpParts(term);
        return parts.isEmpty() ? List.of(term) : parts;
    }

    /**
     * The reduction of the terms over {@code index} in {@code [from, to)}: one {@link Reduce} per
     * part, a log-sum-exp's parts combined by {@code logAddExp}.
     */
    Expr reduction(Idx index, Expr from, Expr to) {
        Expr reduced = null;
        for (Expr part : parts()) {
            Expr r = new Reduce(kind, index, from, to, part);
            reduced = reduced == null ? r : Exprs.apply(Op.LOG_ADD_EXP, reduced, r);
        }
        return reduced;
    }

    private static List<Expr> logSumExpParts(Expr t) {
        if (t instanceof Const c && c.value() == Double.NEGATIVE_INFINITY) {
            return List.of(); // the identity: no candidate
        }
        if (t instanceof Apply a && a.op() == Op.LOG_ADD_EXP) {
            List<Expr> out = new ArrayList<>(logSumExpParts(a.arg(0)));
            out.addAll(logSumExpParts(a.arg(1)));
            return out;
        }
        if (t instanceof Select s) {
            List<Expr> yes = logSumExpParts(s.ifTrue());
            List<Expr> no = new ArrayList<>(logSumExpParts(s.ifFalse()));
            if (yes.size() + no.size() <= 1) {
                return List.of(t);
            }
            List<Expr> out = new ArrayList<>();
            List<Expr> onlyYes = new ArrayList<>();
            for (Expr p : yes) {
                if (no.remove(p)) {
                    out.add(p); // a candidate of both branches is one of every iteration
                } else {
                    onlyYes.add(p);
                }
            }
            Const none = new Const(Double.NEGATIVE_INFINITY);
            onlyYes.forEach(p -> out.add(new Select(s.condition(), p, none)));
            no.forEach(p -> out.add(new Select(s.condition(), none, p)));
            return out;
        }
        return List.of(t);
    }

    private Expr termOr(Reduce.Kind k) {
        return kind == null ? new Const(k.identity()) : term;
    }

    /** The local after the loop: its value before, combined with the reduction of the terms. */
    Expr combine(Expr before, Expr reduced) {
        boolean identity = before instanceof Const c && c.is(kind.identity());
        if (identity && (kind != Reduce.Kind.SUM || Double.compare(((Const) before).value(), 0.0) == 0)) {
            return reduced;
        }
        return switch (kind) {
            case SUM -> Exprs.add(before, reduced);
            case PRODUCT -> Exprs.mul(before, reduced);
            case MAX -> Exprs.apply(Op.MAX, before, reduced);
            case LOG_SUM_EXP -> Exprs.apply(Op.LOG_ADD_EXP, before, reduced);
            default -> Exprs.apply(Op.MIN, before, reduced);
        };
    }

    private static boolean dependsOn(Expr e, Var v) {
        return Indices.contains(e, v::equals, x -> false);
    }

    private static boolean mentions(Expr e, Collection<Var> vars) {
        return Indices.contains(e, vars::contains, x -> false);
    }
}
