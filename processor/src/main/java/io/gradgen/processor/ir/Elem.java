package io.gradgen.processor.ir;

import java.util.List;
import java.util.Objects;

/**
 * One element of an array: {@code x[k]} of a {@code double[]} input or {@code @Param} constant
 * (one index), {@code z[b][k]} of a {@code double[][]} batch input (a row index, then the index
 * within the row), or {@code y[b]} of an {@code int[]} batch of labels, which is an integer itself.
 * Indices are integer expressions: loop indices, labels, constants, lengths and their arithmetic.
 *
 * @param row the array (a {@link Var})
 * @param indices one index per dimension, outermost first
 */
public record Elem(Var row, List<Expr> indices) implements Expr {

    public Elem {
        Objects.requireNonNull(row);
        indices = List.copyOf(indices);
        if (indices.isEmpty()) {
            throw new IllegalArgumentException("an element needs an index: " + row);
        }
        for (Expr index : indices) {
            if (!Indices.isIndex(index)) {
                throw new IllegalArgumentException("not an index: " + index);
            }
        }
    }

    /** {@code row[index]}: an element of a one-dimensional array. */
    public Elem(Var row, Expr index) {
        this(row, List.of(index));
    }

    /** The innermost index: the position within the row. */
    public Expr index() {
        return indices.get(indices.size() - 1);
    }

    /** Whether the element is an integer: a label of an {@code int[]} batch. */
    public boolean isIntegral() {
        return row.isIntegral();
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitElem(this);
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
