package io.gradgen.processor.plan;

import static io.gradgen.processor.ir.Exprs.*;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Var;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The conditions under which each label indexes each row: the disjunction, over every path from
 * the loss's value to a read {@code row[label]}, of the select conditions along the path. Only
 * conditions on labels and constants count (they can be tested before anything is computed); a
 * read under any other condition, or under none, is unconditional.
 */
final class Guards {
    /** Paths are explored up to this many steps; a larger body counts every read as unconditional. */
    private static final int BUDGET = 20_000;

    private final Map<String, Map<String, Expr>> guards = new LinkedHashMap<>();
    private final Set<String> unconditional = new HashSet<>();
    private final Map<Expr, Set<Expr>> visited = new HashMap<>();
    /** The row each loop index runs over, as the walk meets the reductions that bind them. */
    private final Map<io.gradgen.processor.ir.Idx, String> rangeOf = new HashMap<>();
    private int steps;

    private Guards() {
    }

    static Map<String, Map<String, Expr>> of(Expr value) {
        Guards g = new Guards();
        try {
            g.walk(value, apply(Op.TRUE));
        } catch (OutOfBudget e) {
            return Map.of();
        }
        Map<String, Map<String, Expr>> out = new LinkedHashMap<>();
        g.guards.forEach((label, rows) -> rows.forEach((row, cond) -> {
            if (!g.unconditional.contains(label + "[" + row)) {
                out.computeIfAbsent(label, k -> new LinkedHashMap<>()).put(row, cond);
            }
        }));
        return out;
    }

    private static final class OutOfBudget extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfBudget() {
            super(null, null, false, false);
        }
    }

    private void walk(Expr e, Expr cond) {
        if (++steps > BUDGET) {
            throw new OutOfBudget();
        }
        if (!visited.computeIfAbsent(e, k -> new HashSet<>()).add(cond)) {
            return;
        }
        if (e instanceof io.gradgen.processor.ir.Reduce r) {
            if (r.wholeRow() != null) {
                rangeOf.put(r.index(), r.wholeRow().name());
            }
        }
        if (e instanceof Elem el && el.index() instanceof Var label && label.role() == Var.Role.LABEL) {
            use(label, el.row().name(), cond);
        }
        RowChecks.Comparison compared = RowChecks.Comparison.of(e, rangeOf);
        if (compared != null) {
            use(compared.label(), compared.row(), cond);
        }
        if (e instanceof Select s) {
            walk(s.condition(), cond);
            if (isEarly(s.condition())) {
                walk(s.ifTrue(), conj(cond, s.condition()));
                walk(s.ifFalse(), conj(cond, not(s.condition())));
            } else {
                walk(s.ifTrue(), cond);
                walk(s.ifFalse(), cond);
            }
            return;
        }
        for (Expr c : Indices.children(e)) {
            walk(c, cond);
        }
    }

    /** Records that {@code label} is used against {@code row} (read there, or compared with its index) under {@code cond}. */
    private void use(Var label, String row, Expr cond) {
        String key = label.name() + "[" + row;
        if (isTrue(cond)) {
            unconditional.add(key);
        } else {
            guards.computeIfAbsent(label.name(), k -> new LinkedHashMap<>())
                    .merge(row, cond, (a, b) -> a.equals(b) ? a : or(a, b));
        }
    }

    private static Expr conj(Expr a, Expr b) {
        return isTrue(a) ? b : and(a, b);
    }

    private static boolean isTrue(Expr e) {
        return e instanceof Apply a && a.op() == Op.TRUE;
    }

    /** A predicate over labels, constants and numbers only: testable before any work. */
    static boolean isEarly(Expr e) {
        if (e instanceof Const) {
            return true;
        }
        if (e instanceof Var v) {
            return v.role() != Var.Role.INPUT;
        }
        if (e instanceof io.gradgen.processor.ir.Flag) {
            return true;
        }
        if (e instanceof Apply a) {
            return a.args().stream().allMatch(Guards::isEarly);
        }
        if (e instanceof Select s) {
            return isEarly(s.condition()) && isEarly(s.ifTrue()) && isEarly(s.ifFalse());
        }
        return false;
    }
}
