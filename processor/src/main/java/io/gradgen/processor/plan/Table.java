package io.gradgen.processor.plan;

import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Var;

/**
 * A value a batch kernel computes once and reads many times (see {@link Tabulation}): a number,
 * or a row of numbers {@code var[index − from] = body} for {@code index} in {@code [from, to)}.
 *
 * @param var the table, a {@link Var.Role#TABLE} variable (rank 1 for a row, 0 for a number)
 * @param index the index the body is written in, or null for a number
 * @param from the first index (an integer expression of the table's scope), or null for a number
 * @param to the end, exclusive, or null for a number
 * @param body what each entry holds
 * @param perRow whether it is computed once per row of a batch gradient (its body reads that row's
 *     index), rather than once for the whole batch
 */
public record Table(Var var, Idx index, Expr from, Expr to, Expr body, boolean perRow) {

    public boolean isRow() {
        return index != null;
    }
}
