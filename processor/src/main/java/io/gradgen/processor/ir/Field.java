package io.gradgen.processor.ir;

/**
 * A {@code static final} field the loss reads whose value is not a compile-time constant
 * ({@code static final double LOG_2PI = Math.log(2 * Math.PI)}): generated code reads the field
 * itself, so it computes with exactly the value the user's method sees. A constant: zero gradient.
 *
 * @param owner the canonical name of the class declaring it
 * @param name the field's name
 * @param integral whether it is an {@code int} (or {@code long}, {@code short}, {@code byte})
 */
public record Field(String owner, String name, boolean integral) implements Expr {

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitField(this);
    }

    @Override
    public boolean isPredicate() {
        return false;
    }

    @Override
    public String toString() {
        return owner.substring(owner.lastIndexOf('.') + 1) + "." + name;
    }
}
