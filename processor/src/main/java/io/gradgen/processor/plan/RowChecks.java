package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Var;
import io.gradgen.processor.simplify.CheckedRows;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the generated forward checks before any work, so that every row access is in bounds: rows
 * that one loop indexes together have equal lengths, and each label or constant index is within the
 * rows it indexes.
 *
 * @param sameLength groups of row names (in parameter order) that must have equal lengths
 * @param labelBounds for each {@code int} label, the rows it indexes, or names an element of by an
 *     equality with a loop's index ({@code i == target}): it must lie in {@code [0, length)}
 * @param labelLimits for each {@code int} label compared by an ordering with a loop's index
 *     ({@code i < count}), the rows that loop runs over: it counts elements, in {@code [0, length]}
 * @param constantIndices for each {@code @Param int} or literal index (its Java text), the rows it indexes
 * @param lastIndexRows the rows a {@code @LastIndex} parameter indexes: each must be as long as the
 *     last dimension of the batch
 * @param labelGuards for a label whose every use as an index sits under a condition on labels and
 *     constants only ({@code target == ignoreIndex ? 0 : -x[target]}), that condition per row: the
 *     label is checked against the row only where the condition holds, and reads of the row by it
 *     are bounds-safe elsewhere, so an ignored label may lie outside the row, as in PyTorch
 */
public record RowChecks(List<List<String>> sameLength, Map<String, List<String>> labelBounds,
        Map<String, List<String>> labelLimits, Map<String, List<String>> constantIndices, List<String> lastIndexRows,
        Map<String, Map<String, Expr>> labelGuards) implements CheckedRows {

    /**
     * Whether {@code b} lies inside {@code row} once these checks have passed: the free index of the
     * gradient of a row whose length is checked equal to {@code row}'s, or a label checked, without a
     * guard, against such a row.
     */
    @Override
    public boolean inside(Expr b, Var row) {
        if (b instanceof Idx j && j.isGradientIndex() && j.bound() instanceof Length l && l.axis() == 0) {
            return equalLengths(l.row().name(), row.name());
        }
        if (b instanceof Var label && label.role() == Var.Role.LABEL) {
            return labelBounds.getOrDefault(label.name(), List.of()).stream()
                    .anyMatch(r -> guard(label.name(), r) == null && equalLengths(r, row.name()));
        }
        return false;
    }

    private boolean equalLengths(String a, String b) {
        return a.equals(b) || sameLength.stream().anyMatch(g -> g.contains(a) && g.contains(b));
    }

    /** The condition under which {@code label} indexes {@code row}, or null when it always does. */
    public Expr guard(String label, String row) {
        Map<String, Expr> byRow = labelGuards.get(label);
        return byRow == null ? null : byRow.get(row);
    }

    /** Collects the rows a {@code @LastIndex} parameter indexes, apart from the constant indices. */
    private static final String LAST_INDEX_KEY = "\u0000lastIndex";

    public static RowChecks of(Expr value, List<String> rowOrder) {
        Map<String, String> parent = new LinkedHashMap<>();
        rowOrder.forEach(r -> parent.put(r, r));
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        Map<String, Set<String>> limits = new LinkedHashMap<>();
        Map<String, Set<String>> constants = new LinkedHashMap<>();
        Map<Idx, String> rangeOf = new LinkedHashMap<>();
        walk(value, new HashSet<>(), parent, labels, limits, constants, rangeOf);
        // a @Param row read at a label (a class weight, weight[target]) has one element per class, as
        // the input rows that label indexes: checked as equal lengths, so that a weight of the wrong
        // length is reported as such before any label is blamed
        Set<Elem> elements = new LinkedHashSet<>();
        for (Expr e : Indices.nodes(List.of(value))) {
            if (e instanceof Elem el && el.index() instanceof Var v && v.role() == Var.Role.LABEL) {
                elements.add(el);
            }
        }
        for (Elem constant : elements) {
            if (constant.row().role() != Var.Role.CONSTANT) {
                continue;
            }
            elements.stream()
                    .filter(input -> input.row().role() == Var.Role.INPUT && input.index().equals(constant.index()))
                    .findFirst()
                    .ifPresent(input -> union(parent, input.row().name(), constant.row().name()));
        }
        Set<String> lastIndexed = constants.remove(LAST_INDEX_KEY);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String r : rowOrder) {
            groups.computeIfAbsent(find(parent, r), k -> new ArrayList<>()).add(r);
        }
        List<List<String>> same = groups.values().stream().filter(g -> g.size() > 1).map(List::copyOf).toList();
        List<String> lastIndexRows = lastIndexed == null ? List.of()
                : rowOrder.stream().filter(lastIndexed::contains).toList();
        return new RowChecks(same, ordered(labels, rowOrder), ordered(limits, rowOrder), ordered(constants, rowOrder),
                lastIndexRows,
                Guards.of(value));
    }

    /**
     * A label compared with a loop's index, {@code i == target} or {@code i < count}: it is checked
     * against the row the index runs over.
     *
     * @param label the {@code int} label
     * @param row the row the loop runs over
     * @param counts whether the comparison is an ordering (the label counts elements) rather than an equality
     */
    record Comparison(Var label, String row, boolean counts) {
        static Comparison of(Expr e, Map<Idx, String> rangeOf) {
            if (!(e instanceof io.gradgen.processor.ir.Apply a)
                    || a.op().family() != io.gradgen.processor.ir.Op.Family.COMPARISON) {
                return null;
            }
            for (int k = 0; k < 2; k++) {
                if (a.arg(k) instanceof Var v && v.role() == Var.Role.LABEL && a.arg(1 - k) instanceof Idx i
                        && rangeOf.containsKey(i)) {
                    boolean equality = a.op() == io.gradgen.processor.ir.Op.EQ
                            || a.op() == io.gradgen.processor.ir.Op.NE;
                    return new Comparison(v, rangeOf.get(i), !equality);
                }
            }
            return null;
        }
    }

    private static void walk(Expr e, Set<Expr> seen, Map<String, String> parent, Map<String, Set<String>> labels,
            Map<String, Set<String>> limits, Map<String, Set<String>> constants, Map<Idx, String> rangeOf) {
        if (!seen.add(e)) {
            return;
        }
        if (e instanceof Reduce r) {
            if (r.wholeRow() != null) {
                rangeOf.put(r.index(), r.wholeRow().name());
            }
        }
        Comparison compared = Comparison.of(e, rangeOf);
        if (compared != null) {
            (compared.counts() ? limits : labels).computeIfAbsent(compared.label().name(), k -> new LinkedHashSet<>())
                    .add(compared.row());
        }
        if (e instanceof Elem el) {
            String row = el.row().name();
            if (el.index() instanceof Idx i) {
                String range = rangeOf.get(i);
                if (range != null) {
                    union(parent, range, row);
                }
            } else if (el.index() instanceof Var v && v.role() == Var.Role.LAST_INDEX) {
                constants.computeIfAbsent(LAST_INDEX_KEY, k -> new LinkedHashSet<>()).add(row);
            } else if (el.index() instanceof Var v && v.role() == Var.Role.LABEL) {
                labels.computeIfAbsent(v.name(), k -> new LinkedHashSet<>()).add(row);
            } else if (el.index() instanceof Var v) {
                constants.computeIfAbsent(v.name(), k -> new LinkedHashSet<>()).add(row);
            } else if (el.index() instanceof Const c) {
                constants.computeIfAbsent(Integer.toString((int) c.value()), k -> new LinkedHashSet<>()).add(row);
            }
        }
        for (Expr c : Indices.children(e)) {
            walk(c, seen, parent, labels, limits, constants, rangeOf);
        }
    }

    private static Map<String, List<String>> ordered(Map<String, Set<String>> m, List<String> rowOrder) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, rows) -> out.put(k, rowOrder.stream().filter(rows::contains).toList()));
        return out;
    }

    private static String find(Map<String, String> parent, String r) {
        String p = parent.get(r);
        return p.equals(r) ? r : find(parent, p);
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }
}
