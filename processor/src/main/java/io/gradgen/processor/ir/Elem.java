package io.gradgen.processor.ir;

import java.util.Objects;

/**
 * One element of a row, {@code row[index]}: the row is a {@code double[]} input or {@code @Param}
 * constant, the index an {@link Idx}, an {@code int} label, or a whole-number constant.
 *
 * @param row the row (a {@link Var} of role {@link Var.Role#INPUT} or {@link Var.Role#CONSTANT})
 * @param index an integer-valued expression
 */
public record Elem(Var row, Expr index) implements Expr {

    public Elem {
        Objects.requireNonNull(row);
        if (!Indices.isIndex(index)) {
            throw new IllegalArgumentException("not an index: " + index);
        }
    }

    @Override
    public boolean isPredicate() {
        return false;
    }

    @Override
    public String toString() {
        return ExprText.of(this);
    }
}
