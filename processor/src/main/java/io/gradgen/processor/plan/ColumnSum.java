package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loop interchange for a sum over the batch inside a batch gradient's column loop. NT-Xent's
 * {@code ∂L/∂z1[r][j]} holds {@code Σ_b w_rb · z2[b][j]}: written as it reads, the loop over the
 * columns {@code j} runs the loop over {@code b} inside, reading {@code z2} down a column (a stride
 * of a whole row), which neither caches nor vectorises. Interchanged, the rows {@code b} are read
 * along their length into one accumulator per column, and the column loop reads the accumulator.
 * Each accumulator adds its terms in the loop's own order, so the sums are the same bit for bit.
 *
 * <p>The loop of the columns runs inside the loop of the sum then, so what a term reads of the
 * column's own (an element {@code z1[r][j]}, a mask {@code j < len}) is computed there again: only
 * sums whose terms read cheap column values (no reduction) are interchanged, and only sums without
 * loops or vectorised calls of their own.
 *
 * @param sum the binding of the sum in the column loop's kernel
 * @param accumulator the Java name of the array of its values, one per column
 * @param columnBindings the column kernel's bindings the terms read, computed per term again
 * @param rowBindings the term kernel's bindings that do not depend on the column: once per term row
 * @param elementBindings the term kernel's other bindings, once per term and column
 */
public record ColumnSum(Binding sum, String accumulator, List<Binding> columnBindings, List<Binding> rowBindings,
        List<Binding> elementBindings) {
    public ColumnSum {
        columnBindings = List.copyOf(columnBindings);
        rowBindings = List.copyOf(rowBindings);
        elementBindings = List.copyOf(elementBindings);
    }

    /** The loop over the sum's terms. */
    public Kernel terms() {
        return sum.loop();
    }

    /**
     * The column kernel with each interchanged sum read from its accumulator:
     * {@code double total = totalColumns[j];}.
     */
    public static Kernel readingAccumulators(Kernel columns, List<ColumnSum> sums) {
        List<Binding> bindings = new ArrayList<>();
        for (Binding b : columns.bindings()) {
            ColumnSum interchanged = sums.stream().filter(s -> s.sum() == b).findFirst().orElse(null);
            bindings.add(interchanged == null ? b : new Binding(b.name(),
                    new Elem(new Var(interchanged.accumulator(), Var.Role.TABLE, 1), columns.loop().index())));
        }
        return new Kernel(columns.loop(), bindings, columns.names(), columns.outputs(), columns.rows());
    }

    /** The sums of the column loop {@code columns} of the gradient row {@code row} that can be interchanged. */
    static List<ColumnSum> find(Kernel columns, Idx row, NameAllocator scope) {
        Kernel.Loop loop = columns.loop();
        Idx column = loop.index();
        List<ColumnSum> out = new ArrayList<>();
        // one accumulator per chunk of rows, as long as a row
        if (!(loop.from() instanceof Const c && c.value() == 0) || Indices.dependsOn(loop.to(), row)) {
            return out;
        }
        List<Binding> before = new ArrayList<>();
        for (Binding b : columns.bindings()) {
            ColumnSum sum = interchange(b, before, column, scope);
            if (sum != null) {
                out.add(sum);
            }
            before.add(b);
        }
        return out;
    }

    private static ColumnSum interchange(Binding b, List<Binding> before, Idx column, NameAllocator scope) {
        if (!(b.expr() instanceof Reduce r) || r.kind() != Reduce.Kind.SUM || b.loop() == null
                || Indices.dependsOn(r.from(), column) || Indices.dependsOn(r.to(), column)) {
            return null;
        }
        Kernel terms = b.loop();
        List<Expr> termExprs = new ArrayList<>(terms.outputs());
        for (Binding t : terms.bindings()) {
            if (t.loop() != null) {
                return null;
            }
            termExprs.add(t.expr());
        }
        Idx termIndex = terms.loop().index();
        if (termExprs.stream().anyMatch(e -> hasVectorisedCall(e, termIndex) || hasVectorisedCall(e, column))) {
            return null;
        }
        List<Binding> needed = needed(before, termExprs);
        if (needed == null) {
            return null;
        }
        Set<Expr> columnValues = new HashSet<>();
        needed.forEach(n -> columnValues.add(n.expr()));
        List<Binding> rowBindings = new ArrayList<>();
        List<Binding> elementBindings = new ArrayList<>();
        for (Binding t : terms.bindings()) {
            boolean perColumn = Indices.dependsOn(t.expr(), column)
                    || Indices.contains(t.expr(), columnValues::contains, x -> false);
            if (perColumn) {
                elementBindings.add(t);
                columnValues.add(t.expr());
            } else {
                rowBindings.add(t);
            }
        }
        return new ColumnSum(b, scope.allocate(b.name() + "Columns"), needed, rowBindings, elementBindings);
    }

    /** The column bindings the terms read, directly or through each other, in order; null if one is a reduction. */
    private static List<Binding> needed(List<Binding> before, List<Expr> reads) {
        Set<Expr> read = Indices.nodes(reads);
        List<Binding> needed = new ArrayList<>();
        for (int k = before.size() - 1; k >= 0; k--) {
            Binding c = before.get(k);
            if (read.contains(c.expr())) {
                if (c.loop() != null) {
                    return null;
                }
                needed.add(0, c);
                read.addAll(Indices.nodes(List.of(c.expr())));
            }
        }
        return needed;
    }

    private static boolean hasVectorisedCall(Expr e, Idx index) {
        return Indices.contains(e, x -> x instanceof Apply a && a.op().hasVectorKernel() && Indices.dependsOn(x, index),
                x -> false);
    }
}
