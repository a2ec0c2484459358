package io.gradgen.processor.simplify;

import static io.gradgen.processor.ir.Exprs.*;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Attains;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.ExprOrder;
import io.gradgen.processor.ir.ExprVisitor;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Rewriter;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Softmax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites expressions into a smaller, canonical form, bottom-up and memoised, so that equal
 * subexpressions become equal nodes everywhere they appear.
 *
 * <p>Two strengths:
 * <ul>
 *   <li>{@link #light()} only applies rewrites that cannot change a single bit of the result:
 *       identities ({@code x*1}, {@code x+0}, {@code --x}), folding of constant subtrees with exact
 *       IEEE arithmetic, constant predicates and selects. The forward uses it, so generated values
 *       equal the user's method.</li>
 *   <li>{@link #full()} also brings sums and products into a canonical form: constants gathered,
 *       like terms and like factors combined ({@code x+x → 2·x}, {@code x·x → x²}), integer powers
 *       as products, common factors pulled out of selects. Gradients use it, so they read like
 *       derivations on paper. It never folds {@code a·0} to 0 (that would hide a NaN or infinity
 *       of {@code a}); structural zeros are already dropped by the
 *       {@link io.gradgen.processor.differentiate.Differentiator}.</li>
 * </ul>
 */
public final class Simplifier {
    private static final int MAX_INTEGER_POWER = 16;

    private final boolean canonical;
    private final Set<Expr> named;
    private final CheckedRows checked;
    private final Set<Expr> atoms = new HashSet<>();
    private final Map<Expr, Expr> memo = new HashMap<>();
    private final Map<Expr, Linear> flatMemo = new HashMap<>();
    /** The exact twin of a canonical simplifier, for the operands of comparisons; made on first use. */
    private Simplifier exact;

    private Simplifier(boolean canonical, Set<Expr> named, CheckedRows checked) {
        this.canonical = canonical;
        this.named = named;
        this.checked = checked;
    }

    public static Simplifier light() {
        return new Simplifier(false, Set.of(), CheckedRows.NONE);
    }

    public static Simplifier full() {
        return new Simplifier(true, Set.of(), CheckedRows.NONE);
    }

    /**
     * A canonical simplifier that keeps each of {@code named} (the user's locals) whole: a sum the
     * user called {@code pt} stays {@code 1 - pt} rather than being merged into the sum around it,
     * so gradients keep speaking the user's vocabulary.
     */
    public static Simplifier full(Set<Expr> named) {
        return full(named, CheckedRows.NONE);
    }

    /**
     * {@link #full(Set)}, relying on what the generated code checks about rows ({@code checked}) where
     * a sum of a Kronecker delta would otherwise keep a range condition.
     */
    public static Simplifier full(Set<Expr> named, CheckedRows checked) {
        return new Simplifier(true, Set.copyOf(named), checked);
    }

    private Simplifier exact() {
        if (exact == null) {
            exact = canonical ? light() : this;
        }
        return exact;
    }

    /** The exact twin if this simplifier has used one (for comparison operands), else null. */
    Simplifier exactTwin() {
        return exact == this ? null : exact;
    }

    /** What each expression simplified so far became (originals and results as keys). */
    Map<Expr, Expr> results() {
        return java.util.Collections.unmodifiableMap(memo);
    }

    /** What the generated code checks about rows. */
    CheckedRows checked() {
        return checked;
    }

    public Expr simplify(Expr e) {
        Expr known = memo.get(e);
        if (known != null) {
            return known;
        }
        Expr result = e.accept(rewrites);
        memo.put(e, result);
        memo.putIfAbsent(result, result);
        // a local that is a constant (double t = 1.0) stays a number: as an atom, every 1.0 of
        // every sum would become a factor that factored() pulls out forever
        if (named.contains(e) && !(result instanceof Const)) {
            atoms.add(result);
        }
        return result;
    }

    /** What each kind of node simplifies to; leaves are already as simple as they get. */
    private final ExprVisitor<Expr> rewrites = new Rewriter() {
        @Override
        public Expr visitElem(Elem el) {
            List<Expr> indices = new ArrayList<>();
            el.indices().forEach(k -> indices.add(index(k)));
            return indices.equals(el.indices()) ? el : new Elem(el.row(), indices);
        }

        @Override
        public Expr visitApply(Apply a) {
            return simplifyApply(a);
        }

        @Override
        public Expr visitSelect(Select s) {
            return simplifySelect(s);
        }

        @Override
        public Expr visitReduce(Reduce r) {
            return simplifyReduce(r);
        }

        @Override
        public Expr visitAttains(Attains a) {
            // the term is re-derived from the simplified reduction, so both are computed alike
            return simplify(a.reduction()) instanceof Reduce r ? new Attains(r, a.at()) : a;
        }

        @Override
        public Expr visitSoftmax(Softmax sm) {
            Expr lse = simplify(sm.lse());
            return lse instanceof Reduce r && r.kind() == Reduce.Kind.LOG_SUM_EXP ? new Softmax(r, sm.at())
                    : simplify(sm.asWritten());
        }
    };

    // ---------------------------------------------------------------- selects

    private Expr simplifySelect(Select s) {
        Expr cond = simplify(s.condition());
        Expr t = simplify(s.ifTrue());
        Expr f = simplify(s.ifFalse());
        return select(cond, t, f);
    }

    private Expr select(Expr cond, Expr t, Expr f) {
        if (isTrue(cond)) {
            return t;
        }
        if (isFalse(cond)) {
            return f;
        }
        if (t.equals(f)) {
            return t;
        }
        if (isTrue(t) && isFalse(f)) {
            return cond;
        }
        if (isFalse(t) && isTrue(f)) {
            return apply(Op.NOT, cond);
        }
        if (cond instanceof Apply n && n.op() == Op.NOT) {
            return select(n.arg(0), f, t);
        }
        // c ? (c ? a : b) : d  →  c ? a : d, which early returns produce
        if (t instanceof Select inner && inner.condition().equals(cond)) {
            return select(cond, inner.ifTrue(), f);
        }
        if (f instanceof Select inner && inner.condition().equals(cond)) {
            return select(cond, t, inner.ifFalse());
        }
        if (canonical && !t.isPredicate()) {
            Expr extremum = extremum(cond, t, f);
            if (extremum != null) {
                return extremum;
            }
            Expr step = halfStep(cond, t, f);
            if (step != null) {
                return step;
            }
            Expr delta = pullDelta(cond, t, f);
            if (delta != null) {
                return delta;
            }
            Expr factored = pullCommonFactor(cond, t, f);
            if (factored != null) {
                return factored;
            }
        }
        return new Select(cond, t, f);
    }

    /**
     * a ≤ b ? a : b  →  min(a, b), and the other orders and max alike: Huber's gradient
     * {@code sign(r)·(d ≤ δ ? d : δ)} becomes {@code sign(r)·min(d, δ)}, branch-free in Java. The
     * two differ only where a or b is NaN (min propagates it, the select picks the other side)
     * and in the sign of a zero at a tie, so gradients only.
     */
    private Expr extremum(Expr cond, Expr t, Expr f) {
        if (!(cond instanceof Apply c) || c.op().family() != Op.Family.COMPARISON || c.args().size() != 2) {
            return null;
        }
        boolean below = c.op() == Op.LT || c.op() == Op.LE;
        boolean above = c.op() == Op.GT || c.op() == Op.GE;
        boolean same = t.equals(c.arg(0)) && f.equals(c.arg(1));
        boolean swapped = t.equals(c.arg(1)) && f.equals(c.arg(0));
        if ((below && same) || (above && swapped)) {
            return apply(Op.MIN, c.arg(0), c.arg(1));
        }
        if ((above && same) || (below && swapped)) {
            return apply(Op.MAX, c.arg(0), c.arg(1));
        }
        return null;
    }

    /**
     * a > c ? 1 : (a == c ? 0.5 : 0)  →  0.5·sign(a − c) + 0.5 for a finite constant c (and
     * a < c alike, 0.5 − 0.5·sign(a − c)): the derivative of {@code max(a, c)} (of {@code min}),
     * ties split, without two branches. Exact, since a − c is zero exactly when a == c and has
     * the sign of the comparison otherwise; only a NaN differs (NaN, not 0), so gradients only.
     */
    private Expr halfStep(Expr cond, Expr t, Expr f) {
        if (!(cond instanceof Apply c) || (c.op() != Op.GT && c.op() != Op.LT)
                || !(c.arg(1) instanceof Const k) || !Double.isFinite(k.value())
                || !(t instanceof Const one) || one.value() != 1.0 || !(f instanceof Select tie)
                || !(tie.ifTrue() instanceof Const half) || half.value() != 0.5
                || !(tie.ifFalse() instanceof Const zero) || zero.value() != 0.0
                || !tie.condition().equals(eq(c.arg(0), c.arg(1)))) {
            return null;
        }
        Expr difference = k.value() == 0.0 ? c.arg(0) : sub(c.arg(0), k);
        Expr halfSign = mul(new Const(0.5), apply(Op.SIGNUM, difference));
        return simplify(c.op() == Op.GT ? add(halfSign, new Const(0.5)) : sub(new Const(0.5), halfSign));
    }

    /**
     * c ? δ·a : 0  →  δ·(c ? a : 0) for a Kronecker delta δ (which is 0 or 1), so that a sum over
     * the delta's index can find it and sum it away.
     */
    private Expr pullDelta(Expr cond, Expr t, Expr f) {
        boolean zeroFalse = isConst(f, 0.0);
        if (!zeroFalse && !isConst(t, 0.0)) {
            return null;
        }
        Mono m = mono(zeroFalse ? t : f);
        for (Map.Entry<Expr, Integer> factor : m.factors.entrySet()) {
            if (factor.getValue() == 1 && IndexCalculus.isDelta(factor.getKey())) {
                Mono delta = Mono.factor(factor.getKey());
                Expr rest = m.divide(delta).build();
                Expr inner = zeroFalse ? select(cond, rest, f) : select(cond, t, rest);
                return product(List.of(delta, mono(inner)));
            }
        }
        return null;
    }

    /** c ? k·a : k·b  →  k·(c ? a : b), which is how a person writes a piecewise derivative. */
    private Expr pullCommonFactor(Expr cond, Expr t, Expr f) {
        if (t instanceof Const || f instanceof Const) {
            return null;
        }
        Mono mt = mono(t);
        Mono mf = mono(f);
        Mono common = mt.commonWith(mf);
        if (common.factors.isEmpty() && (common.coef == 1 || mt.coef != mf.coef)) {
            return null;
        }
        Expr rest = select(cond, mt.divide(common).build(), mf.divide(common).build());
        return product(List.of(common, mono(rest)));
    }

    // ---------------------------------------------------------------- reductions

    private Expr simplifyReduce(Reduce r) {
        Expr from = index(r.from());
        Expr to = index(r.to());
        if (!from.equals(r.from()) || !to.equals(r.to())) {
            r = new Reduce(r.kind(), r.index(), from, to, r.body());
        }
        Expr body = simplify(r.body());
        if (!canonical || r.kind() != Reduce.Kind.SUM) {
            return r.withBody(body);
        }
        return sumOver(r, body);
    }

    /**
     * Σ_i of a canonical body, by the index calculus a person uses on paper: a term without
     * {@code i} is multiplied by the row length, a term with a Kronecker delta {@code δ(i, j)} is
     * evaluated at {@code i = j}, and factors without {@code i} move in front of the sum.
     */
    private Expr sumOver(Reduce r, Expr body) {
        Idx i = r.index();
        Linear total = new Linear(0);
        Map<Expr, Linear> inside = new java.util.LinkedHashMap<>(); // outside factor → terms summed over i
        Map<Expr, Mono> outsideMonos = new HashMap<>();
        Linear l = linear(body);
        List<Mono> terms = new ArrayList<>();
        for (Mono m : l.liveTerms()) {
            terms.addAll(IndexCalculus.expandDeltas(m, i, this));
        }
        Mono count = mono(count(r));
        if (l.constant != 0) {
            total = total.plusTerm(new Mono(l.constant, new java.util.TreeMap<>(ExprOrder.INSTANCE)).times(count));
        }
        for (Mono m : terms) {
            Expr summedAway = IndexCalculus.sumDelta(m, r, this);
            if (summedAway != null) {
                total = total.plus(linear(simplify(summedAway)), 1);
                continue;
            }
            Mono out = new Mono(m.coef, new java.util.TreeMap<>(ExprOrder.INSTANCE));
            Mono in = Mono.ONE;
            for (Map.Entry<Expr, Integer> f : m.factors.entrySet()) {
                Mono power = Mono.factor(f.getKey()).power(f.getValue());
                if (Indices.dependsOn(f.getKey(), i)) {
                    in = in.times(power);
                } else {
                    out = out.times(power);
                }
            }
            if (in.factors.isEmpty()) {
                total = total.plusTerm(out.times(count));
                continue;
            }
            Expr key = out.withCoef(1).build();
            outsideMonos.putIfAbsent(key, out.withCoef(1));
            inside.merge(key, new Linear(0).plusTerm(in.scale(out.coef)), (a, b) -> a.plus(b, 1));
        }
        for (Map.Entry<Expr, Linear> group : inside.entrySet()) {
            Linear summed = group.getValue();
            List<Mono> live = summed.liveTerms();
            double coef = 1;
            if (summed.constant == 0 && live.size() == 1) {
                coef = live.get(0).coef; // Σ_i −f(i) is −Σ_i f(i): the sum a person would name
                summed = new Linear(0).plusTerm(live.get(0).withCoef(1));
            }
            Reduce sum = r.over(Reduce.Kind.SUM, i, factored(summed));
            memo.put(sum, sum);
            total = total.plusTerm(outsideMonos.get(group.getKey()).times(Mono.factor(sum)).scale(coef));
        }
        return factored(total);
    }

    /** An integer expression in canonical linear form ({@code j + 1 − 1} is {@code j}), exact as integers are. */
    private Expr index(Expr k) {
        IntegerForms.Form form = k instanceof Apply ? IntegerForms.of(k) : null;
        return form != null ? IntegerForms.expr(form) : k instanceof Apply ? simplify(k) : k;
    }

    /**
     * How many indices a reduction runs over: the row's length for a whole row, else
     * {@code max(to − from, 0)} (an empty range has no terms).
     */
    private Expr count(Reduce r) {
        if (r.from() instanceof Const c && c.value() == 0 && r.to() instanceof Length) {
            return r.to();
        }
        return simplify(apply(Op.MAX, sub(r.to(), r.from()), Const.ZERO));
    }

    // ---------------------------------------------------------------- applications

    private Expr simplifyApply(Apply a) {
        // a comparison of doubles decides a branch, which the backward must take exactly where the
        // forward did: its operands keep the forward's arithmetic bit for bit (x < x·(a/b) must not
        // become x < x·a/b, which rounds differently), so only exact rewrites apply to them
        boolean branchOperands = canonical && a.op().family() == Op.Family.COMPARISON
                && !(Indices.isIndex(a.arg(0)) && Indices.isIndex(a.arg(1)));
        Simplifier operands = branchOperands ? exact() : this;
        List<Expr> args = new ArrayList<>(a.args().size());
        for (Expr arg : a.args()) {
            args.add(operands.simplify(arg));
        }
        if (a.op() == Op.DETACH) {
            return args.get(0); // its zero gradient was taken by the differentiator; the value is x
        }
        Expr folded = ConstantFolding.fold(a.op(), args);
        if (folded != null) {
            return folded;
        }
        Expr logical = simplifyLogic(a.op(), args);
        if (logical != null) {
            return logical;
        }
        if (a.op().family() == Op.Family.COMPARISON && Indices.isIndex(args.get(0)) && Indices.isIndex(args.get(1))) {
            // integers: exact, never NaN; decided when the answer is the same for every input
            Boolean decided = IntegerForms.decide(a.op(), args.get(0), args.get(1));
            if (decided != null) {
                return apply(decided ? Op.TRUE : Op.FALSE);
            }
        }
        return canonical ? canonical(a, args) : identities(a.op(), args);
    }

    private static Expr simplifyLogic(Op op, List<Expr> args) {
        switch (op) {
            case AND -> {
                if (isTrue(args.get(0))) {
                    return args.get(1);
                }
                if (isTrue(args.get(1)) || args.get(0).equals(args.get(1))) {
                    return args.get(0);
                }
                if (isFalse(args.get(0)) || isFalse(args.get(1))) {
                    return apply(Op.FALSE);
                }
            }
            case OR -> {
                if (isFalse(args.get(0))) {
                    return args.get(1);
                }
                if (isFalse(args.get(1)) || args.get(0).equals(args.get(1))) {
                    return args.get(0);
                }
                if (isTrue(args.get(0)) || isTrue(args.get(1))) {
                    return apply(Op.TRUE);
                }
            }
            case NOT -> {
                if (args.get(0) instanceof Apply inner && inner.op() == Op.NOT) {
                    return inner.arg(0);
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    /** Rewrites that are exact in IEEE arithmetic for every input, NaN and infinities included. */
    private static Expr identities(Op op, List<Expr> args) {
        if (args.isEmpty()) {
            return new Apply(op, args);
        }
        Expr x = args.get(0);
        Expr y = args.size() > 1 ? args.get(1) : null;
        switch (op) {
            case ADD -> {
                // -0.0 + x is x for every x (including -0.0); +0.0 + (-0.0) is not, so only fold -0.0
                if (isConst(x, -0.0)) {
                    return y;
                }
                if (isConst(y, -0.0)) {
                    return x;
                }
            }
            case SUB -> {
                if (isConst(y, 0.0)) {
                    return x;
                }
            }
            case MUL -> {
                if (isConst(x, 1)) {
                    return y;
                }
                if (isConst(y, 1)) {
                    return x;
                }
                // −1·x is −x bit for bit (an optional row's default 1 folded into −w·x leaves −1·x)
                if (isConst(x, -1)) {
                    return new Apply(Op.NEG, List.of(y));
                }
                if (isConst(y, -1)) {
                    return new Apply(Op.NEG, List.of(x));
                }
            }
            case DIV -> {
                if (isConst(y, 1)) {
                    return x;
                }
            }
            case NEG -> {
                if (x instanceof Apply inner && inner.op() == Op.NEG) {
                    return inner.arg(0);
                }
            }
            default -> {
            }
        }
        return new Apply(op, args);
    }

    private Expr canonical(Apply original, List<Expr> args) {
        Op op = original.op();
        return switch (op) {
            case ADD, SUB, NEG -> factored(flatSumOf(original));
            case MUL -> cancelling(mono(args.get(0)).times(mono(args.get(1))));
            case DIV -> {
                Mono den = mono(args.get(1));
                yield den.coef == 0 ? new Apply(op, args) : cancelling(mono(args.get(0)).times(den.reciprocal()));
            }
            case POW, SQ -> {
                Mono power = mono(new Apply(op, args));
                yield power.build();
            }
            default -> identities(op, args);
        };
    }

    /**
     * Builds a sum, first pulling out a factor every term shares: {@code y·(1−p)·p − (1−y)·(1−p)·p}
     * becomes {@code (1−p)·p·(2·y − 1)}, the way the derivative of a sigmoid is written by hand.
     */
    private Expr factored(Linear sum) {
        List<Mono> terms = sum.liveTerms();
        if (terms.size() < 2 || sum.constant != 0) {
            return sum.build();
        }
        Mono common = terms.get(0).withCoef(1);
        for (Mono t : terms) {
            common = common.commonWith(t.withCoef(1)).withCoef(1);
        }
        common = common.positivePart();
        if (common.factors.isEmpty()) {
            return sum.build();
        }
        Linear rest = new Linear(0);
        for (Mono t : terms) {
            rest = rest.plus(linear(simplify(t.divide(common).build())), 1);
        }
        return product(List.of(common, mono(simplify(rest.build()))));
    }

    /**
     * The sum {@code e} denotes, flattened through every {@code +}, {@code −} and unary {@code −} of
     * the tree as given (not as simplified), with only the non-sum operands simplified. Factoring
     * {@link #factored} a partial sum on its own would depend on how the sum happens to be
     * associated: {@code (y − y·l) − c} gave {@code y·(1 − l) − c} while the equal {@code y − y·l − c}
     * stayed as is, so simplifying a simplified expression changed it again (found by the
     * idempotence property test). Flattening first makes the common factor a property of the whole
     * sum. Memoised, since sums inside a DAG are shared.
     */
    private Linear flatSumOf(Apply sum) {
        return switch (sum.op()) {
            case ADD -> flatSum(sum.arg(0)).plus(flatSum(sum.arg(1)), 1);
            case SUB -> flatSum(sum.arg(0)).plus(flatSum(sum.arg(1)), -1);
            default -> flatSum(sum.arg(0)).times(-1);
        };
    }

    /** An operand of a sum: itself flattened if it is an unnamed sum, else its simplified form. */
    private Linear flatSum(Expr e) {
        Linear known = flatMemo.get(e);
        if (known != null) {
            return known;
        }
        Linear sum = e instanceof Apply a && !named.contains(e)
                        && (a.op() == Op.ADD || a.op() == Op.SUB || a.op() == Op.NEG)
                ? flatSumOf(a)
                : linear(simplify(e));
        flatMemo.put(e, sum);
        return sum;
    }

    /**
     * A product, distributed over a sum factor when that lets a factor cancel: {@code (a − S·b)/S}
     * becomes {@code a/S − b}, so that the {@code − b} can meet a {@code + b} elsewhere in the sum.
     * This is how the max-shift in a hand-written log-sum-exp drops out of its gradient.
     */
    private Expr cancelling(Mono p) {
        for (Map.Entry<Expr, Integer> f : p.factors.entrySet()) {
            if (f.getValue() != 1 || atoms.contains(f.getKey()) || !(f.getKey() instanceof Apply a)
                    || (a.op() != Op.ADD && a.op() != Op.SUB)) {
                continue;
            }
            Mono others = p.divide(Mono.factor(f.getKey()));
            Linear sum = linear(f.getKey());
            boolean cancels = false;
            for (Mono t : sum.liveTerms()) {
                for (Map.Entry<Expr, Integer> tf : t.factors.entrySet()) {
                    Integer k = others.factors.get(tf.getKey());
                    cancels |= k != null && k + tf.getValue() == 0;
                }
            }
            if (!cancels) {
                continue;
            }
            Linear expanded = new Linear(0);
            if (sum.constant != 0) {
                expanded = expanded.plusTerm(others.scale(sum.constant));
            }
            for (Mono t : sum.liveTerms()) {
                expanded = expanded.plusTerm(others.times(t));
            }
            return factored(expanded);
        }
        return distributeSign(p.build());
    }

    /**
     * −1 times a sum is written as the negated sum, {@code b − a} rather than {@code −(a − b)}: the
     * form a second simplification would produce, so that simplifying stays idempotent.
     */
    private Expr distributeSign(Expr product) {
        if (product instanceof Apply n && n.op() == Op.NEG && !atoms.contains(n.arg(0))
                && n.arg(0) instanceof Apply sum && (sum.op() == Op.ADD || sum.op() == Op.SUB)) {
            return factored(linear(product));
        }
        return product;
    }

    static Expr product(List<Mono> monos) {
        Mono p = Mono.ONE;
        for (Mono m : monos) {
            p = p.times(m);
        }
        return p.build();
    }

    // ---------------------------------------------------------------- canonical forms

    /** Splits a canonical expression into a constant plus a sum of coefficient·monomial terms. */
    Linear linear(Expr e) {
        if (atoms.contains(e)) {
            return new Linear(0).plusTerm(Mono.factor(e));
        }
        if (e instanceof Const c) {
            return new Linear(c.value());
        }
        if (e instanceof Apply a) {
            switch (a.op()) {
                case ADD -> {
                    return linear(a.arg(0)).plus(linear(a.arg(1)), 1);
                }
                case SUB -> {
                    return linear(a.arg(0)).plus(linear(a.arg(1)), -1);
                }
                case NEG -> {
                    return linear(a.arg(0)).times(-1);
                }
                default -> {
                }
            }
        }
        return new Linear(0).plusTerm(mono(e));
    }

    /** Splits a canonical expression into a coefficient times a product of powers. */
    Mono mono(Expr e) {
        if (atoms.contains(e)) {
            return Mono.factor(e);
        }
        if (e instanceof Const c) {
            return new Mono(c.value(), new java.util.TreeMap<>(ExprOrder.INSTANCE));
        }
        if (e instanceof Apply a) {
            switch (a.op()) {
                case MUL -> {
                    return mono(a.arg(0)).times(mono(a.arg(1)));
                }
                case DIV -> {
                    Mono den = mono(a.arg(1));
                    if (den.coef != 0) {
                        return mono(a.arg(0)).times(den.reciprocal());
                    }
                }
                case NEG -> {
                    return mono(a.arg(0)).scale(-1);
                }
                case SQ -> {
                    return mono(a.arg(0)).power(2);
                }
                case POW -> {
                    if (a.arg(1) instanceof Const k && k.isWhole() && Math.abs(k.value()) <= MAX_INTEGER_POWER) {
                        return mono(a.arg(0)).power((int) k.value());
                    }
                }
                case ADD, SUB -> {
                    Linear l = linear(e);
                    List<Mono> live = l.liveTerms();
                    if (l.constant == 0 && live.size() == 1) {
                        return live.get(0);
                    }
                }
                default -> {
                }
            }
        }
        return Mono.factor(e);
    }

    static boolean isConst(Expr e, double v) {
        return e instanceof Const c && Double.compare(c.value(), v) == 0;
    }

    static boolean isTrue(Expr e) {
        return e instanceof Apply a && a.op() == Op.TRUE;
    }

    static boolean isFalse(Expr e) {
        return e instanceof Apply a && a.op() == Op.FALSE;
    }
}
