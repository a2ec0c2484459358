package io.gradgen.processor.normalise;

import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Var;
import java.util.List;

/**
 * What a name holds while the normaliser runs a body: a number (an expression, also an integer or
 * a predicate), or a row, which is never an expression itself but gives its length and its
 * elements.
 */
sealed interface Value {

    /** A number, an integer or a predicate. */
    record Num(Expr expr) implements Value {
    }

    /** A row: {@code x[k]} for an index {@code k}, and {@code x.length}. */
    sealed interface Row extends Value {
        Expr length();

        Expr element(Expr index);
    }

    /** A {@code double[]} parameter or {@code @Param double[]}, or an {@code int[]} batch of labels. */
    record ParameterRow(Var array) implements Row {
        @Override
        public Expr length() {
            return new Length(array);
        }

        @Override
        public Expr element(Expr index) {
            return new Elem(array, index);
        }
    }

    /** {@code z[b]}: one row of a {@code double[][]} batch. */
    record BatchRow(Var matrix, Expr row) implements Row {
        @Override
        public Expr length() {
            return new Length(matrix, 1);
        }

        @Override
        public Expr element(Expr index) {
            return new Elem(matrix, List.of(row, index));
        }
    }

    /** A {@code double[][]} batch itself: indexed, it gives a {@link BatchRow}; its length is the number of rows. */
    record Batch(Var matrix) implements Value {
        Expr length() {
            return new Length(matrix, 0);
        }

        BatchRow row(Expr index) {
            return new BatchRow(matrix, index);
        }
    }

    /**
     * A local array ({@code new double[n]}), filled by one loop: element {@code k} is the fill's
     * value at {@code k} where the loop wrote it and 0 elsewhere, as Java's arrays start.
     *
     * @param length its length
     * @param fill how a loop filled it, or null while it holds zeros
     */
    record Table(Expr length, Fill fill) implements Row {
        @Override
        public Expr length() {
            return length;
        }

        @Override
        public Expr element(Expr index) {
            if (fill == null) {
                return Const.ZERO;
            }
            Expr value = Indices.substitute(fill.value(), fill.index(), index);
            return fill.covers(index) ? value
                    : Exprs.select(Exprs.and(Exprs.apply(Op.LE, fill.from(), index), Exprs.lt(index, fill.to())),
                            value, Const.ZERO);
        }
    }

    /**
     * The loop that filled a local array: {@code t[i] = value} for {@code i} in {@code [from, to)}.
     *
     * @param index the loop's index, free in {@code value}
     * @param from the loop's first index
     * @param to the loop's end
     * @param value the element at {@code index}
     * @param ranges where each loop index in scope runs, to tell a read that stays inside the fill
     */
    record Fill(Idx index, Expr from, Expr to, Expr value, java.util.Map<Idx, Expr[]> ranges) {
        /** Whether every value {@code k} takes lies in {@code [from, to)}: a read by an index over the same range. */
        boolean covers(Expr k) {
            if (k instanceof Const c) {
                return from instanceof Const lo && to instanceof Const hi && c.value() >= lo.value() && c.value() < hi.value();
            }
            Expr[] range = k instanceof Idx i ? ranges.get(i) : null;
            return range != null && range[0].equals(from) && range[1].equals(to);
        }
    }
}
