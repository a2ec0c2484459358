package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Var;
import io.gradgen.processor.simplify.CheckedRows;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a batch loss's inputs must satisfy before any work, found in its value: arrays that one loop
 * indexes together have equal extents along that axis (a loop over {@code z1}'s rows that reads
 * {@code z2[a]} needs as many rows in {@code z2}; a loop along {@code a[i]} that reads {@code b[j][k]}
 * needs rows of one length), and labels that index rows lie inside them.
 *
 * @param sameExtents pairs of arrays with one axis in common: the loop's array first
 * @param labelBounds a label array and the array whose rows (axis 0) its values index
 */
public record BatchChecks(List<SameExtent> sameExtents, List<LabelBound> labelBounds) implements CheckedRows {
    public BatchChecks {
        sameExtents = List.copyOf(sameExtents);
        labelBounds = List.copyOf(labelBounds);
    }

    /** A batch loss's arrays are {@code double[][]} and {@code int[]}: see {@link #within}. */
    @Override
    public boolean inside(Expr b, Var row) {
        return false;
    }

    /**
     * Whether {@code b} is the free row or column index of the gradient of an input whose extent
     * along that axis is checked equal to {@code extent}'s ({@code j < z1Length} holds for the
     * columns of {@code z2} once {@code z1} and {@code z2} are checked to have rows of one length).
     */
    @Override
    public boolean within(Expr b, Length extent) {
        return b instanceof Idx j && j.isGradientIndex() && j.bound() instanceof Length own
                && own.axis() == extent.axis() && sameExtent(own.row(), extent.row(), extent.axis());
    }

    /** Whether the checks make {@code a} and {@code b} equal along {@code axis}, directly or through others. */
    private boolean sameExtent(Var a, Var b, int axis) {
        Set<Var> reached = new LinkedHashSet<>(List.of(a));
        for (boolean grew = true; grew; ) {
            grew = false;
            for (SameExtent s : sameExtents) {
                if (s.axis() == axis && reached.contains(s.first()) != reached.contains(s.second())) {
                    reached.add(s.first());
                    reached.add(s.second());
                    grew = true;
                }
            }
        }
        return reached.contains(b);
    }

    /** {@code first} and {@code second} have equal extents along {@code axis}. */
    public record SameExtent(Var first, Var second, int axis) {
    }

    /** Every value of {@code labels} indexes {@code rows}: {@code 0 <= y[b] < rows.length}. */
    public record LabelBound(Var labels, Var rows) {
    }

    public static BatchChecks of(Expr value) {
        Set<SameExtent> same = new LinkedHashSet<>();
        Set<LabelBound> labels = new LinkedHashSet<>();
        for (Expr e : Indices.nodes(List.of(value))) {
            if (e instanceof Reduce r && r.from() instanceof io.gradgen.processor.ir.Const c && c.value() == 0
                    && r.to() instanceof Length l) {
                collectSame(r.body(), r.index(), l, same);
            }
            if (e instanceof Elem el && el.indices().get(0) instanceof Elem label && label.isIntegral()
                    && label.row().rank() == 1) {
                labels.add(new LabelBound(label.row(), el.row()));
            }
        }
        return new BatchChecks(new ArrayList<>(same), new ArrayList<>(labels));
    }

    /** Every other array the loop over {@code l}'s axis indexes with its own index on the same axis. */
    private static void collectSame(Expr body, Idx i, Length l, Set<SameExtent> out) {
        for (Expr e : Indices.nodes(List.of(body))) {
            if (e instanceof Elem el && el.indices().size() > l.axis() && el.indices().get(l.axis()).equals(i)
                    && !el.row().equals(l.row()) && el.row().role() != Var.Role.TABLE
                    && (l.axis() == 0 || el.row().rank() == 2)) {
                out.add(new SameExtent(l.row(), el.row(), l.axis()));
            }
        }
    }
}
