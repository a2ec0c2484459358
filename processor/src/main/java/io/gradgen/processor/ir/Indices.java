package io.gradgen.processor.ir;

import java.util.ArrayList;
import java.util.HashMap;
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

    /** Whether {@code e} may index a row: a loop index, an {@code int} label or constant, or a whole number. */
    public static boolean isIndex(Expr e) {
        return e instanceof Idx
                || (e instanceof Var v && v.role() != Var.Role.INPUT)
                || (e instanceof Const c && c.isWhole() && c.value() >= 0);
    }

    /** The direct subexpressions of {@code e} (a reduction's body; an element's row and index). */
    public static List<Expr> children(Expr e) {
        if (e instanceof Apply a) {
            return a.args();
        }
        if (e instanceof Select s) {
            return List.of(s.condition(), s.ifTrue(), s.ifFalse());
        }
        if (e instanceof Elem el) {
            return List.of(el.row(), el.index());
        }
        if (e instanceof Length l) {
            return List.of(l.row());
        }
        if (e instanceof Reduce r) {
            return List.of(r.range(), r.body());
        }
        if (e instanceof Attains a) {
            return List.of(a.reduction(), a.term());
        }
        if (e instanceof Softmax s) {
            return List.of(s.lse(), s.term());
        }
        return List.of();
    }

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

    private static final class Substitution {
        private final Idx from;
        private final Expr to;
        private final Map<Expr, Expr> memo = new HashMap<>();

        Substitution(Idx from, Expr to) {
            this.from = from;
            this.to = to;
        }

        Expr apply(Expr e) {
            if (!dependsOn(e, from)) {
                return e;
            }
            Expr known = memo.get(e);
            if (known != null) {
                return known;
            }
            Expr out;
            if (e.equals(from)) {
                out = to;
            } else if (e instanceof Apply a) {
                List<Expr> args = new ArrayList<>();
                a.args().forEach(x -> args.add(apply(x)));
                out = new Apply(a.op(), args);
            } else if (e instanceof Select s) {
                out = new Select(apply(s.condition()), apply(s.ifTrue()), apply(s.ifFalse()));
            } else if (e instanceof Elem el) {
                out = new Elem(el.row(), apply(el.index()));
            } else if (e instanceof Reduce r) {
                out = r.withBody(apply(r.body()));
            } else if (e instanceof Attains a) {
                Expr reduction = apply(a.reduction());
                out = new Attains((Reduce) reduction, apply(a.at()));
            } else if (e instanceof Softmax sm) {
                out = new Softmax((Reduce) apply(sm.lse()), apply(sm.at()));
            } else {
                out = e;
            }
            memo.put(e, out);
            return out;
        }
    }
}
