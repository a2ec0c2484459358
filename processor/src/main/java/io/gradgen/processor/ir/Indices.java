package io.gradgen.processor.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Index calculus over the IR: the children of a node, the indices free in an expression, and
 * substitution of an index ({@code Σ_i f(i)·δ(i, j) = f(j)}).
 */
public final class Indices {
    private static final Map<Expr, Set<Idx>> FREE = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private Indices() {
    }

    /**
     * Whether {@code e} is an integer expression that may index a row or bound a loop: a loop index,
     * an {@code int} label or constant, a row's length, a whole number, or their sums, differences,
     * products, negations, maxima and minima.
     */
    public static boolean isIndex(Expr e) {
        if (e instanceof Idx || e instanceof Length || (e instanceof Var v && v.role() != Var.Role.INPUT && v.role() != Var.Role.TABLE)
                || (e instanceof Elem el && el.isIntegral()) || (e instanceof Field f && f.integral())) {
            return true;
        }
        if (e instanceof Const c) {
            return c.isWhole();
        }
        return e instanceof Apply a && INTEGER_OPS.contains(a.op()) && a.args().stream().allMatch(Indices::isIndex);
    }

    /** The operations that keep integer expressions integral. */
    private static final Set<Op> INTEGER_OPS = Set.of(Op.ADD, Op.SUB, Op.MUL, Op.NEG, Op.MAX, Op.MIN);

    /** The direct subexpressions of {@code e} (a reduction's body; an element's row and index). */
    public static List<Expr> children(Expr e) {
        return e.accept(CHILDREN);
    }

    private static final ExprVisitor<List<Expr>> CHILDREN = new ExprVisitor<>() {
        @Override
        public List<Expr> visitConst(Const c) {
            return List.of();
        }

        @Override
        public List<Expr> visitVar(Var v) {
            return List.of();
        }

        @Override
        public List<Expr> visitFlag(Flag f) {
            return List.of();
        }

        @Override
        public List<Expr> visitIdx(Idx i) {
            return List.of();
        }

        @Override
        public List<Expr> visitLength(Length l) {
            return List.of(l.row());
        }

        @Override
        public List<Expr> visitField(Field f) {
            return List.of();
        }

        @Override
        public List<Expr> visitElem(Elem el) {
            List<Expr> out = new ArrayList<>(el.indices().size() + 1);
            out.add(el.row());
            out.addAll(el.indices());
            return out;
        }

        @Override
        public List<Expr> visitApply(Apply a) {
            return a.args();
        }

        @Override
        public List<Expr> visitSelect(Select s) {
            return List.of(s.condition(), s.ifTrue(), s.ifFalse());
        }

        @Override
        public List<Expr> visitReduce(Reduce r) {
            return List.of(r.from(), r.to(), r.body());
        }

        @Override
        public List<Expr> visitAttains(Attains a) {
            return List.of(a.reduction(), a.term());
        }

        @Override
        public List<Expr> visitSoftmax(Softmax s) {
            return List.of(s.lse(), s.term());
        }
    };

    /** The indices that occur in {@code e} without being bound by a reduction inside it. */
    public static Set<Idx> free(Expr e) {
        Set<Idx> known = FREE.get(e);
        if (known != null) {
            return known;
        }
        Set<Idx> out;
        if (e instanceof Idx i) {
            out = Set.of(i);
        } else {
            Set<Idx> acc = new LinkedHashSet<>();
            for (Expr c : children(e)) {
                acc.addAll(free(c));
            }
            if (e instanceof Reduce r) {
                acc.remove(r.index());
            }
            out = acc.isEmpty() ? Set.of() : Set.copyOf(acc);
        }
        FREE.put(e, out);
        return out;
    }

    /**
     * Whether {@code e} has a node that {@code match}es, looking through children but not below a
     * node that {@code stop}s the search (or matches). Each shared node is visited once.
     */
    public static boolean contains(Expr e, java.util.function.Predicate<Expr> match,
            java.util.function.Predicate<Expr> stop) {
        return contains(e, match, stop, new java.util.HashSet<>());
    }

    private static boolean contains(Expr e, java.util.function.Predicate<Expr> match,
            java.util.function.Predicate<Expr> stop, Set<Expr> seen) {
        if (match.test(e)) {
            return true;
        }
        if (stop.test(e) || !seen.add(e)) {
            return false;
        }
        for (Expr c : children(e)) {
            if (contains(c, match, stop, seen)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every distinct node of the DAGs under {@code roots}, each once (shared subexpressions are
     * visited once, so this is linear in the DAG, not the tree), parents before their children.
     */
    public static Set<Expr> nodes(java.util.Collection<? extends Expr> roots) {
        Set<Expr> out = new LinkedHashSet<>();
        for (Expr root : roots) {
            nodes(root, out);
        }
        return out;
    }

    private static void nodes(Expr e, Set<Expr> out) {
        if (!out.add(e)) {
            return;
        }
        for (Expr c : children(e)) {
            nodes(c, out);
        }
    }

    public static boolean dependsOn(Expr e, Idx i) {
        return free(e).contains(i);
    }

    /** {@code e} with every free occurrence of {@code from} replaced by {@code to}. */
    public static Expr substitute(Expr e, Idx from, Expr to) {
        return new Substitution(from, to).apply(e);
    }

    /** Replaces the free occurrences of one index; a node without them is returned as it is. */
    private static final class Substitution extends ChildRewriter {
        private final Idx from;
        private final Expr to;

        Substitution(Idx from, Expr to) {
            this.from = from;
            this.to = to;
        }

        @Override
        protected boolean unchanged(Expr e) {
            return !dependsOn(e, from);
        }

        @Override
        public Expr visitIdx(Idx i) {
            return i.equals(from) ? to : i;
        }
    }
}
