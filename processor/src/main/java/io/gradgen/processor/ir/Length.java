package io.gradgen.processor.ir;

/**
 * The length of a row, {@code x.length}: a whole number, constant within a batch, with zero
 * gradient.
 *
 * @param row the row
 */
public record Length(Var row) implements Expr {

    @Override
    public boolean isPredicate() {
        return false;
    }

    @Override
    public String toString() {
        return row.name() + ".length";
    }
}
