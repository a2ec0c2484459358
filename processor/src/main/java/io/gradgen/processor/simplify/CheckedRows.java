package io.gradgen.processor.simplify;

import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Var;

/**
 * What the generated code checks about rows before any work (rows that one loop indexes together
 * have equal lengths, a label lies inside the rows it names), on which the index calculus may rely
 * to sum a Kronecker delta {@code Σ_i δ(i, b)} over a whole row without a range condition.
 */
@FunctionalInterface
public interface CheckedRows {

    /** Whether every value of the index {@code b} lies in {@code [0, row.length)} once the checks have passed. */
    boolean inside(Expr b, Var row);

    /**
     * Whether every value of the index {@code b} lies in {@code [0, extent)} once the checks have
     * passed: for a one-dimensional row, {@link #inside}; a batch loss's checks also answer for the
     * rows and columns of its {@code double[][]} inputs.
     */
    default boolean within(Expr b, Length extent) {
        return extent.axis() == 0 && extent.row().rank() == 1 && inside(b, extent.row());
    }

    /** Nothing checked: only the free index of the gradient of {@code row} itself lies inside it. */
    CheckedRows NONE = (b, row) -> b instanceof Idx j && j.isGradientIndex() && j.bound() instanceof Length l
            && l.axis() == 0 && l.row().equals(row);
}
