package io.gradgen.processor.ir;

/**
 * The length of an array along one dimension: {@code x.length} of a row ({@code axis} 0), or of a
 * {@code double[][]} batch {@code z.length} (its number of rows, {@code axis} 0) and
 * {@code z[b].length} (the length of each row, {@code axis} 1). A whole number, constant within a
 * batch, with zero gradient.
 *
 * @param row the array
 * @param axis the dimension, 0 for the outermost
 */
public record Length(Var row, int axis) implements Expr {

    public Length {
        if (axis < 0 || axis > 1) {
            throw new IllegalArgumentException("arrays have one or two dimensions: axis " + axis);
        }
    }

    /** {@code x.length}. */
    public Length(Var row) {
        this(row, 0);
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitLength(this);
    }

    @Override
    public boolean isPredicate() {
        return false;
    }

    @Override
    public String toString() {
        return row.name() + (axis == 1 ? "[·]" : "") + ".length";
    }
}
