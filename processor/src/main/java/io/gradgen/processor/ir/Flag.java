package io.gradgen.processor.ir;

/**
 * A {@code @Param boolean} constant of the generated class (PyTorch's {@code log_target},
 * {@code full}, {@code swap}): a predicate, used in conditions, never differentiated.
 *
 * @param name the parameter's name
 */
public record Flag(String name) implements Expr {

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitFlag(this);
    }

    @Override
    public boolean isPredicate() {
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
