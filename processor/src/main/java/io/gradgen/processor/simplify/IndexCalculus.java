package io.gradgen.processor.simplify;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kronecker-delta rules the canonical simplifier applies inside {@code Σ_i}: a delta is the
 * select {@code (a == b ? 1 : 0)} of two indices, which the {@link Differentiator} writes for
 * {@code ∂x[a]/∂x[b]}.
 */
final class IndexCalculus {
    private IndexCalculus() {
    }

    /** Whether {@code e} is a Kronecker delta {@code (a == b ? 1 : 0)} of two indices. */
    static boolean isDelta(Expr e) {
        return e instanceof Select s && s.condition() instanceof Apply c && c.op() == Op.EQ
                && Indices.isIndex(c.arg(0)) && Indices.isIndex(c.arg(1))
                && Simplifier.isConst(s.ifTrue(), 1.0) && Simplifier.isConst(s.ifFalse(), 0.0);
    }

    /**
     * {@code Σ_i m} over {@code [from, to)} when {@code m} has a factor {@code δ(i + s, b)} with
     * {@code s} and {@code b} free of {@code i}: the rest of {@code m} at {@code i = b − s}, where that
     * lies in the range. Over a whole row with no shift, {@code b} does when the generated code has
     * checked so ({@link CheckedRows}): the free index of the gradient of a row whose length is
     * checked equal to the loop's ({@code δ(i, j)} for {@code x[i]} in a loop over {@code x}), or a
     * label checked against such a row. Any other {@code b} may lie outside: the index of another
     * loop over a row of another length, a constant, a {@code @Param int}, or a gradient index
     * brought into this loop by summing another delta ({@code Σ_i Σ_k (i == k)·x[k]} reads
     * {@code x[i]} in a loop over a row {@code x} was never checked against). Then the range is a
     * condition ({@code j + 1 < x.length} for {@code x[i − 1]} in a loop from 1), decided here when
     * it is the same for every input. Null when there is no such factor.
     */
    static Expr sumDelta(Mono m, Reduce r, Simplifier simplifier) {
        Idx i = r.index();
        for (Map.Entry<Expr, Integer> f : m.factors.entrySet()) {
            if (f.getValue() < 1 || !isDelta(f.getKey())) {
                continue;
            }
            Apply eq = (Apply) ((Select) f.getKey()).condition();
            boolean leftHasI = Indices.dependsOn(eq.arg(0), i);
            if (leftHasI == Indices.dependsOn(eq.arg(1), i)) {
                continue;
            }
            Expr withI = leftHasI ? eq.arg(0) : eq.arg(1);
            Expr other = leftHasI ? eq.arg(1) : eq.arg(0);
            Expr shift = IntegerForms.shift(withI, i);
            if (shift == null) {
                continue;
            }
            boolean unshifted = shift instanceof Const c && c.value() == 0;
            Expr at = unshifted ? other : simplifier.simplify(Exprs.sub(other, shift));
            TreeMap<Expr, Integer> rest = new TreeMap<>(m.factors);
            rest.remove(f.getKey()); // δ^k = δ
            Expr value = Indices.substitute(new Mono(m.coef, rest).build(), i, at);
            if (unshifted && r.from() instanceof Const from && from.value() == 0 && r.to() instanceof Length extent
                    && simplifier.checked().within(other, extent)) {
                return value;
            }
            Expr inRange = simplifier.simplify(Exprs.and(Exprs.apply(Op.LE, r.from(), at), Exprs.lt(at, r.to())));
            return Exprs.select(inRange, value, Const.ZERO);
        }
        return null;
    }

    /**
     * Distributes {@code m} over each factor that is a sum containing a delta in {@code i}:
     * {@code g·(δ(i, j) + δ(k, j))} becomes {@code g·δ(i, j) + g·δ(k, j)}, so each delta can be
     * summed on its own.
     */
    static List<Mono> expandDeltas(Mono m, Idx i, Simplifier simplifier) {
        for (Map.Entry<Expr, Integer> f : m.factors.entrySet()) {
            // c ? (δ1 − δ2)·g : 0  →  (c ? δ1·g : 0) − (c ? δ2·g : 0), each of which gives up its delta
            if (f.getValue() == 1 && f.getKey() instanceof Select sel && containsDelta(sel, i)) {
                boolean zeroFalse = Simplifier.isConst(sel.ifFalse(), 0.0);
                Expr branch = zeroFalse ? sel.ifTrue() : sel.ifFalse();
                if (!zeroFalse && !Simplifier.isConst(sel.ifTrue(), 0.0)) {
                    continue;
                }
                Mono rest = m.divide(Mono.factor(f.getKey()));
                List<Mono> out = new ArrayList<>();
                for (Mono t : expandDeltas(simplifier.mono(branch), i, simplifier)) {
                    Expr piece = zeroFalse ? new Select(sel.condition(), t.build(), sel.ifFalse())
                            : new Select(sel.condition(), sel.ifTrue(), t.build());
                    out.add(rest.times(simplifier.mono(simplifier.simplify(piece))));
                }
                return out;
            }
            if (f.getValue() != 1 || !(f.getKey() instanceof Apply a)
                    || (a.op() != Op.ADD && a.op() != Op.SUB) || !containsDelta(f.getKey(), i)) {
                continue;
            }
            Mono rest = m.divide(Mono.factor(f.getKey()));
            Linear sum = simplifier.linear(f.getKey());
            List<Mono> out = new ArrayList<>();
            if (sum.constant != 0) {
                out.addAll(expandDeltas(rest.scale(sum.constant), i, simplifier));
            }
            for (Mono t : sum.liveTerms()) {
                out.addAll(expandDeltas(rest.times(t), i, simplifier));
            }
            return out;
        }
        return List.of(m);
    }

    private static boolean containsDelta(Expr e, Idx i) {
        if (isDelta(e)) {
            return Indices.dependsOn(e, i);
        }
        if (e instanceof Select s && (Simplifier.isConst(s.ifFalse(), 0.0) || Simplifier.isConst(s.ifTrue(), 0.0))) {
            return containsDelta(s.ifTrue(), i) || containsDelta(s.ifFalse(), i);
        }
        if (e instanceof Apply a && (a.op() == Op.ADD || a.op() == Op.SUB || a.op() == Op.NEG || a.op() == Op.MUL)) {
            return a.args().stream().anyMatch(x -> containsDelta(x, i));
        }
        if (e instanceof Apply a && a.op() == Op.DIV) {
            return containsDelta(a.arg(0), i);
        }
        return false;
    }
}
