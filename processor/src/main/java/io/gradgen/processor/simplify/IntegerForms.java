package io.gradgen.processor.simplify;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.ExprOrder;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Op;
import java.util.Map;
import java.util.TreeMap;

/**
 * Integer expressions (indices, lengths, labels) as linear forms {@code c + Σ k·atom}, and what
 * can be decided about them for every input: lengths and the free indices of gradient rows are
 * never negative. Used to sum Kronecker deltas over ranges ({@code i = j + 1} lies in
 * {@code [1, x.length)} exactly when {@code j < x.length − 1}) and to fold comparisons whose answer
 * never depends on the inputs.
 */
final class IntegerForms {
    private IntegerForms() {
    }

    /** {@code constant + Σ terms}, atoms in a fixed order. */
    record Form(long constant, Map<Expr, Long> terms) {
        Form plus(Form o, long sign) {
            Map<Expr, Long> t = new TreeMap<>(ExprOrder.INSTANCE);
            t.putAll(terms);
            o.terms.forEach((k, v) -> t.merge(k, sign * v, Long::sum));
            t.values().removeIf(v -> v == 0);
            return new Form(constant + sign * o.constant, t);
        }

        Form times(long k) {
            Map<Expr, Long> t = new TreeMap<>(ExprOrder.INSTANCE);
            terms.forEach((key, v) -> t.put(key, v * k));
            t.values().removeIf(v -> v == 0);
            return new Form(constant * k, t);
        }

        /**
         * Whether it is never negative, whatever the inputs: every term a non-negative atom with a
         * positive coefficient, after a gradient index with a negative one is replaced by its
         * largest value ({@code j ≤ x.length − 1}).
         */
        boolean provenNonNegative() {
            for (Map.Entry<Expr, Long> t : terms.entrySet()) {
                if (t.getValue() < 0 && t.getKey() instanceof Idx j && j.bound() != null) {
                    Form bound = of(j.bound());
                    if (bound == null) {
                        return false;
                    }
                    Form largest = bound.plus(new Form(1, Map.of()), -1);
                    Map<Expr, Long> rest = new TreeMap<>(ExprOrder.INSTANCE);
                    rest.putAll(terms);
                    rest.remove(j);
                    return new Form(constant, rest).plus(largest.times(t.getValue()), 1).provenNonNegative();
                }
            }
            return constant >= 0 && terms.entrySet().stream()
                    .allMatch(t -> t.getValue() > 0 && neverNegative(t.getKey()));
        }
    }

    private static boolean neverNegative(Expr atom) {
        return atom instanceof Length || (atom instanceof Idx i && i.isGradientIndex());
    }

    /** The linear form of an integer expression, or null when it is not linear. */
    static Form of(Expr e) {
        if (e instanceof Const c) {
            return c.isWhole() ? new Form((long) c.value(), Map.of()) : null;
        }
        if (e instanceof Apply a && (a.op() == Op.ADD || a.op() == Op.SUB)) {
            Form x = of(a.arg(0));
            Form y = of(a.arg(1));
            return x == null || y == null ? null : x.plus(y, a.op() == Op.ADD ? 1 : -1);
        }
        if (e instanceof Apply a && a.op() == Op.NEG) {
            Form x = of(a.arg(0));
            return x == null ? null : x.times(-1);
        }
        if (e instanceof Apply a && a.op() == Op.MUL) {
            Form x = of(a.arg(0));
            Form y = of(a.arg(1));
            if (x == null || y == null) {
                return null;
            }
            return x.terms.isEmpty() ? y.times(x.constant) : y.terms.isEmpty() ? x.times(y.constant) : null;
        }
        if (!Indices.isIndex(e)) {
            return null;
        }
        Map<Expr, Long> t = new TreeMap<>(ExprOrder.INSTANCE);
        t.put(e, 1L);
        return new Form(0, t);
    }

    /**
     * {@code s} such that {@code e = i + s} with {@code s} free of {@code i}, or null when {@code e}
     * is not {@code i} shifted ({@code 2i}, {@code x[i]}, ...).
     */
    static Expr shift(Expr e, Idx i) {
        Form f = of(e);
        if (f == null || !Long.valueOf(1).equals(f.terms.get(i))) {
            return null;
        }
        Form rest = f.plus(new Form(0, Map.of(i, 1L)), -1);
        for (Expr atom : rest.terms.keySet()) {
            if (Indices.dependsOn(atom, i)) {
                return null;
            }
        }
        return expr(rest);
    }

    /** TRUE or FALSE when the comparison of two integer expressions is the same for every input, else null. */
    static Boolean decide(Op op, Expr left, Expr right) {
        Form l = of(left);
        Form r = of(right);
        if (l == null || r == null) {
            return null;
        }
        Form rMinusL = r.plus(l, -1);
        Form lMinusR = l.plus(r, -1);
        Form one = new Form(1, Map.of());
        return switch (op) {
            case LT -> decide(rMinusL.plus(one, -1), lMinusR);      // r − l ≥ 1, or l − r ≥ 0
            case LE -> decide(rMinusL, lMinusR.plus(one, -1));
            case GT -> decide(lMinusR.plus(one, -1), rMinusL);
            case GE -> decide(lMinusR, rMinusL.plus(one, -1));
            case EQ -> rMinusL.terms.isEmpty() ? rMinusL.constant == 0 : null;
            case NE -> rMinusL.terms.isEmpty() ? rMinusL.constant != 0 : null;
            default -> null;
        };
    }

    /** TRUE when {@code holds ≥ 0} always, FALSE when {@code fails ≥ 0} always. */
    private static Boolean decide(Form holds, Form fails) {
        if (holds.provenNonNegative()) {
            return Boolean.TRUE;
        }
        return fails.provenNonNegative() ? Boolean.FALSE : null;
    }

    /** The form written out: {@code Σ k·atom + c}. */
    static Expr expr(Form f) {
        Expr out = null;
        for (Map.Entry<Expr, Long> t : f.terms.entrySet()) {
            long k = t.getValue();
            Expr term = Math.abs(k) == 1 ? t.getKey() : Exprs.mul(new Const(Math.abs(k)), t.getKey());
            out = out == null ? (k < 0 ? Exprs.neg(term) : term) : k < 0 ? Exprs.sub(out, term) : Exprs.add(out, term);
        }
        if (out == null) {
            return new Const(f.constant);
        }
        return f.constant == 0 ? out : f.constant < 0 ? Exprs.sub(out, new Const(-f.constant))
                : Exprs.add(out, new Const(f.constant));
    }
}
