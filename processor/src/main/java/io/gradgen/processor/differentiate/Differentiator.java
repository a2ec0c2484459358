package io.gradgen.processor.differentiate;

import static io.gradgen.processor.ir.Exprs.*;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Attains;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.ExprVisitor;
import io.gradgen.processor.ir.Field;
import io.gradgen.processor.ir.Flag;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Softmax;
import io.gradgen.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Symbolic differentiation by the chain rule over the IR DAG, with each shared subexpression
 * differentiated once. A subexpression that does not depend on the variable contributes no term at
 * all (a structural zero), which is what an autograd engine does for inputs that need no grad: so
 * {@code a·0} terms never appear and no NaN or infinity of {@code a} can leak into a gradient.
 *
 * <p>For a row input the variable is one element {@code x[j]} with a free index {@code j}: an
 * element {@code x[k]} differentiates to the Kronecker delta {@code (k == j ? 1 : 0)}, a reduction
 * to a reduction of its body's derivative (see {@link #dReduce}), and the simplifier later sums the
 * deltas away ({@code Σ_i f(i)·δ(i, j) = f(j)}).
 */
public final class Differentiator {
    private final Expr wrt;
    private final Map<Expr, Expr> memo = new HashMap<>();

    private Differentiator(Expr wrt) {
        this.wrt = wrt;
    }

    /** ∂e/∂wrt, unsimplified; {@link Const#ZERO} when {@code e} does not depend on {@code wrt}. */
    public static Expr derivative(Expr e, Var wrt) {
        return new Differentiator(wrt).d(e);
    }

    /**
     * ∂e/∂row[j] as an expression in the free index {@code j}: one element of the row gradient.
     * When {@code j} occurs in {@code e} (a row gradient differentiated again), an element
     * {@code row[j]} of it differentiates to 1: the diagonal of the row's Hessian.
     */
    public static Expr derivative(Expr e, Var row, Idx j) {
        return new Differentiator(new Elem(row, j)).d(e);
    }

    /**
     * ∂e/∂x[b][j] for a {@code double[][]} batch input: one element of its gradient, an expression in
     * the free indices {@code b} (the row) and {@code j} (the column).
     */
    public static Expr derivative(Expr e, Var matrix, Idx b, Idx j) {
        return new Differentiator(new Elem(matrix, List.of(b, j))).d(e);
    }

    private Expr d(Expr e) {
        Expr known = memo.get(e);
        if (known != null) {
            return known;
        }
        Expr result = e.accept(rules);
        memo.put(e, result);
        return result;
    }

    /** What each kind of node differentiates to; integers and predicates have no derivative. */
    private final ExprVisitor<Expr> rules = new ExprVisitor<>() {
        @Override
        public Expr visitConst(Const c) {
            return Const.ZERO;
        }

        @Override
        public Expr visitVar(Var v) {
            return v.equals(wrt) ? Const.ONE : Const.ZERO;
        }

        @Override
        public Expr visitFlag(Flag f) {
            return Const.ZERO; // a boolean @Param
        }

        @Override
        public Expr visitIdx(Idx i) {
            return Const.ZERO; // an integer
        }

        @Override
        public Expr visitLength(Length l) {
            return Const.ZERO; // an integer
        }

        @Override
        public Expr visitField(Field f) {
            return Const.ZERO; // a constant
        }

        @Override
        public Expr visitElem(Elem el) {
            if (!(wrt instanceof Elem w) || !w.row().equals(el.row())) {
                return Const.ZERO;
            }
            // ∂z[a][k]/∂z[b][j] = δ(a, b)·δ(k, j): one Kronecker delta per index, each summed away on its own
            Expr delta = null;
            for (int k = 0; k < el.indices().size(); k++) {
                Expr d = select(eq(el.indices().get(k), w.indices().get(k)), Const.ONE, Const.ZERO);
                delta = delta == null ? d : mul(delta, d);
            }
            return delta;
        }

        @Override
        public Expr visitApply(Apply a) {
            return dApply(a);
        }

        @Override
        public Expr visitSelect(Select s) {
            return dSelect(s);
        }

        @Override
        public Expr visitReduce(Reduce r) {
            return dReduce(r);
        }

        @Override
        public Expr visitAttains(Attains a) {
            return Const.ZERO; // a predicate
        }

        @Override
        public Expr visitSoftmax(Softmax s) {
            return d(s.asWritten()); // exp(term − lse), whose derivative the rules above give
        }
    };

    private Expr dSelect(Select s) {
        Expr dTrue = d(s.ifTrue());
        Expr dFalse = d(s.ifFalse());
        if (isZero(dTrue) && isZero(dFalse)) {
            return Const.ZERO;
        }
        return select(s.condition(), dTrue, dFalse);
    }

    /**
     * The derivative of a reduction, in terms of its body's derivative {@code f'(i)} and its result:
     * <ul>
     *   <li>{@code Σ_i f(i)}: {@code Σ_i f'(i)};</li>
     *   <li>{@code log Σ_i exp f(i) = L}: {@code Σ_i exp(f(i) − L)·f'(i)} (softmax weights: stable);</li>
     *   <li>{@code max_i f(i) = M} (and min): {@code Σ_i [f(i) = M]·f'(i) / Σ_k [f(k) = M]}, so ties
     *       split the gradient evenly, as PyTorch's {@code amax} does;</li>
     *   <li>{@code Π_i f(i)}: {@code Σ_i (Π_{k} (k = i ? 1 : f(k)))·f'(i)}, exact even where a
     *       factor is zero (no division by the product).</li>
     * </ul>
     */
    private Expr dReduce(Reduce r) {
        Expr db = d(r.body());
        if (isZero(db)) {
            return Const.ZERO;
        }
        Idx i = r.index();
        return switch (r.kind()) {
            case SUM -> r.over(Reduce.Kind.SUM, i, db);
            case LOG_SUM_EXP -> {
                Expr terms = r.over(Reduce.Kind.SUM, i, weighted(r, db));
                // the log-sum-exp is −∞ over a range that may be empty (for (int j = 0; j < i; j++)),
                // where a term that reads no j is summed as count · exp(t − L) = 0 · ∞, and where every
                // term may be masked (c ? t : −∞, also inside a nested reduction), where each weight is
                // exp(−∞ + ∞): nothing to differentiate there, so the derivative is taken only above −∞
                yield MinusInfinity.possible(r) ? MinusInfinity.onlyAbove(r, terms) : terms;
            }
            case MAX, MIN -> {
                Expr attains = new Attains(r, i);
                Expr count = r.over(Reduce.Kind.SUM, i, select(attains, Const.ONE, Const.ZERO));
                if (r.wholeRow() == null) {
                    // a range that may be empty (a loop from 1 over a row of one element) has no term
                    // attaining its max: the count is 0 and so is every term, which max(count, 1) keeps
                    // from being 0/0; a non-empty range always has a count of 1 or more
                    count = apply(Op.MAX, count, Const.ONE);
                }
                yield div(r.over(Reduce.Kind.SUM, i, select(attains, db, Const.ZERO)), count);
            }
            case PRODUCT -> {
                Idx k = other(i);
                Expr others = r.over(Reduce.Kind.PRODUCT, k, select(eq(k, i), Const.ONE,
                        Indices.substitute(r.body(), i, k)));
                yield r.over(Reduce.Kind.SUM, i, mul(others, db));
            }
        };
    }

    /**
     * The terms of {@code Σ_i exp(f(i) − L)·f'(i)} for a log-sum-exp {@code r}. A masked term
     * ({@code c ? t : −∞}, from a conditional {@code s = logAddExp(s, t)}) has the derivative
     * {@code c ? t' : 0}: its weight goes inside that select as {@code exp(t − L)}, since where every
     * term is masked {@code L} is −∞ and {@code exp(−∞ − L)} NaN, which must not reach a gradient
     * as {@code NaN · 0}.
     */
    private static Expr weighted(Reduce r, Expr db) {
        if (r.body() instanceof Select mask && db instanceof Select s && mask.condition().equals(s.condition())) {
            if (MinusInfinity.isConstant(mask.ifFalse()) && isZero(s.ifFalse())) {
                return select(s.condition(), mul(apply(Op.EXP, sub(mask.ifTrue(), r)), s.ifTrue()), Const.ZERO);
            }
            if (MinusInfinity.isConstant(mask.ifTrue()) && isZero(s.ifTrue())) {
                return select(s.condition(), Const.ZERO, mul(apply(Op.EXP, sub(mask.ifFalse(), r)), s.ifFalse()));
            }
        }
        return mul(apply(Op.EXP, sub(r.body(), r)), db);
    }

    /** A second index over the same row, derived from {@code i} so that equal derivations give equal nodes. */
    private static Idx other(Idx i) {
        return new Idx(i.name(), -i.id() - 1);
    }

    private Expr dApply(Apply a) {
        if (a.op().isPredicate()) {
            return Const.ZERO;
        }
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < a.args().size(); i++) {
            Expr dArg = d(a.arg(i));
            if (isZero(dArg)) {
                continue;
            }
            Expr partial = Derivatives.partial(a.op(), a.args(), a, i);
            if (isZero(partial)) {
                continue;
            }
            terms.add(partial instanceof Const c && c.is(1) ? dArg : mul(partial, dArg));
        }
        if (terms.isEmpty()) {
            return Const.ZERO;
        }
        Expr sum = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            sum = add(sum, terms.get(i));
        }
        return sum;
    }

    /** A structural zero: the derivative of something independent of the variable. */
    public static boolean isZero(Expr e) {
        return e instanceof Const c && c.value() == 0;
    }
}
