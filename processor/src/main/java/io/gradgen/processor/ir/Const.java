package io.gradgen.processor.ir;

/** A double constant. Equality follows {@link Double#compare}, so {@code -0.0 != 0.0} and NaN equals NaN. */
public record Const(double value) implements Expr {

    public static final Const ZERO = new Const(0);
    public static final Const ONE = new Const(1);
    public static final Const HALF = new Const(0.5);
    public static final Const TWO = new Const(2);
    public static final Const MINUS_ONE = new Const(-1);

    public boolean is(double v) {
        return Double.compare(value, v) == 0 || (value == 0 && v == 0);
    }

    public boolean isWhole() {
        return value == Math.rint(value) && !Double.isInfinite(value);
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitConst(this);
    }

    @Override
    public boolean isPredicate() {
        return false;
    }
}
