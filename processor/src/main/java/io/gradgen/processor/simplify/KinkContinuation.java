package io.gradgen.processor.simplify;

import static io.gradgen.processor.ir.Exprs.apply;
import static io.gradgen.processor.ir.Exprs.sub;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.ChildRewriter;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Var;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A piecewise value whose two sides meet where the comparison that chooses between them turns,
 * written without the choice. In {@code a < b ? t : f}, {@code m = min(a, b)} is {@code a} on the
 * true side and {@code b} on the false side (at a tie they are equal), so one expression
 * {@code H(m)} that is {@code t} at {@code m = a} and {@code f} at {@code m = b} is the whole
 * select; {@code a > b} alike with {@code max}. Huber's value {@code d < δ ? 0.5·d·d : δ·(d − 0.5·δ)}
 * becomes {@code m·(d − 0.5·m)} with {@code m = min(d, δ)}: the form an engineer writes by hand,
 * without the select, whose both sides are computed and then chosen between through integer
 * registers, which keeps C2 from vectorising the loop (2–4× slower), and with the {@code min}
 * the gradient {@code min(d, δ)·sign(r)} computes anyway.
 *
 * <p>Two forms of {@code H} are tried, each accepted only when the canonical simplifier reduces
 * its other side to exactly the other branch (so {@code H} is the select wherever the branches are
 * defined, ties included):
 * <ul>
 *   <li>{@code f} with {@code b} replaced by {@code m}, when it is {@code t} at {@code m = a}
 *       (Huber, or {@code x > δ ? x·x : δ·(2x − δ)} with {@code max}); {@code f}'s side keeps the
 *       user's arithmetic bit for bit, {@code t}'s is the same formula up to rounding;</li>
 *   <li>{@code t} with {@code a} replaced by {@code m}, when it is {@code f} at {@code m = b}: a
 *       side clamped at the kink ({@code x > 0 ? −x : 0} is {@code −max(x, 0)}); {@code t}'s side
 *       keeps the user's arithmetic.</li>
 * </ul>
 * {@code H} evaluates on both sides what the select evaluated on one, so it may only add,
 * subtract, multiply, negate, square, take {@code abs}, {@code min}, {@code max}, and divide by a
 * nonzero constant, apart from terms both branches compute: no division or logarithm the select
 * never made (SmoothL1's {@code d²/β} at {@code β = 0}) can turn into a NaN. Applied to values and
 * to canonical gradients alike.
 */
final class KinkContinuation {
    /** The ops H may use outside terms both branches compute (division checked separately). */
    private static final Set<Op> POLYNOMIAL = Set.of(Op.ADD, Op.SUB, Op.MUL, Op.NEG, Op.SQ, Op.ABS, Op.MIN, Op.MAX);

    private final Simplifier canonical = Simplifier.full();

    private KinkContinuation() {
    }

    /**
     * {@code e} with every select that meets at its kink written without the choice, each new form
     * passed through {@code tidy} (the simplifier of what {@code e} is: exact for a value, canonical
     * for a gradient).
     */
    static Expr rewrite(Expr e, UnaryOperator<Expr> tidy) {
        if (!Indices.contains(e, x -> x instanceof Select, x -> false)) {
            return e;
        }
        KinkContinuation kinks = new KinkContinuation();
        return new ChildRewriter() {
            @Override
            public Expr visitSelect(Select s) {
                Select rewritten = (Select) super.visitSelect(s);
                Expr continued = rewritten.isPredicate() ? null : kinks.continuation(rewritten);
                return continued != null ? tidy.apply(continued) : rewritten;
            }
        }.apply(e);
    }

    /** The select as one expression in {@code min}/{@code max} of its comparison, or null. */
    private Expr continuation(Select s) {
        if (!(s.condition() instanceof Apply c) || c.args().size() != 2) {
            return null;
        }
        boolean below = c.op() == Op.LT || c.op() == Op.LE;
        boolean above = c.op() == Op.GT || c.op() == Op.GE;
        if (!below && !above) {
            return null;
        }
        // the true side is where arg0 is below (above) arg1, that is where arg1 is above (below) arg0
        Sides sides = new Sides(s.ifTrue(), s.ifFalse());
        Expr found = continuation(c.arg(0), c.arg(1), below, sides);
        return found != null ? found : continuation(c.arg(1), c.arg(0), !below, sides);
    }

    /** A select's two branches and the nodes of each, collected once for every test below. */
    private record Sides(Expr t, Expr f, Set<Expr> tNodes, Set<Expr> fNodes) {
        Sides(Expr t, Expr f) {
            this(t, f, Indices.nodes(List.of(t)), Indices.nodes(List.of(f)));
        }

        /** Whether both branches compute {@code e}, so the select computed it on either side. */
        boolean inBoth(Expr e) {
            return tNodes.contains(e) && fNodes.contains(e);
        }
    }

    /**
     * With the true side where {@code a} is below {@code b} ({@code aBelow}; else above): H(m) for
     * {@code m = min(a, b)} ({@code max}), or null.
     */
    private Expr continuation(Expr a, Expr b, boolean aBelow, Sides sides) {
        Expr t = sides.t();
        Expr f = sides.f();
        if (a instanceof Const || integral(a) || integral(b) || indexes(t, a) || indexes(f, a)
                || indexes(f, b)) {
            return null;
        }
        Expr m = apply(aBelow ? Op.MIN : Op.MAX, a, b);
        if (!(b instanceof Const) && sides.fNodes().contains(b)) {
            Expr h = replace(f, b, m);
            if (safe(h, sides) && same(replace(h, m, a), t)) {
                return h;
            }
        }
        if (sides.tNodes().contains(a)) {
            // t clamped: t(m) is f at m = b (KL divergence's gradient y > 0 ? −y : 0 is −max(y, 0))
            Expr clamped = replace(t, a, m);
            if (safe(clamped, sides) && same(replace(clamped, m, b), f)) {
                return clamped;
            }
        }
        return null;
    }

    private boolean same(Expr x, Expr y) {
        return canonical.simplify(sub(x, y)) instanceof Const zero && zero.value() == 0.0;
    }

    /**
     * Whether {@code h} computes nothing the select did not compute on both sides except with
     * {@link #POLYNOMIAL} operations and divisions by nonzero constants.
     */
    private static boolean safe(Expr h, Sides sides) {
        return !Indices.contains(h, e -> e instanceof Apply a && !polynomialStep(a) && !sides.inBoth(e), sides::inBoth);
    }

    private static boolean polynomialStep(Apply a) {
        return POLYNOMIAL.contains(a.op()) || (a.op() == Op.DIV && a.arg(1) instanceof Const c && c.value() != 0.0);
    }

    /** Whether {@code e} is an integer (an index, a length, a label, an int constant): no kink there. */
    private static boolean integral(Expr e) {
        if (e instanceof Var v) {
            return v.role() == Var.Role.LABEL || v.role() == Var.Role.INT_CONSTANT || v.role() == Var.Role.LAST_INDEX;
        }
        if (e instanceof Apply a && a.op().family() == Op.Family.OPERATOR) {
            return a.args().stream().allMatch(KinkContinuation::integral);
        }
        return !(e instanceof Const) && !(e instanceof Apply) && Indices.isIndex(e);
    }

    /** Whether {@code part} occurs in an index or a bound of {@code e}, where a number cannot stand. */
    private static boolean indexes(Expr e, Expr part) {
        return Indices.contains(e, x -> (x instanceof Elem el && el.indices().stream().anyMatch(k -> contains(k, part)))
                || (x instanceof Reduce r && (contains(r.from(), part) || contains(r.to(), part))), x -> false);
    }

    private static boolean contains(Expr e, Expr part) {
        return Indices.contains(e, part::equals, x -> false);
    }

    /** {@code e} with every occurrence of {@code from} replaced by {@code to}. */
    private static Expr replace(Expr e, Expr from, Expr to) {
        return new ChildRewriter() {
            @Override
            public Expr apply(Expr x) {
                return x.equals(from) ? to : super.apply(x);
            }
        }.apply(e);
    }
}
