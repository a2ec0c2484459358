package io.gradgen.processor.ir;

/**
 * An integer index: the variable of a loop over a row ({@code for (int i = 0; i < x.length; i++)}),
 * bound by a {@link Reduce}, or the free index {@code j} of a row gradient {@code ∂loss/∂x[j]}.
 * Two indices are the same only if their ids are; the name is what the generated code calls it.
 *
 * @param name the user's name for it ({@code i}), a hint for the generated code
 * @param id unique within one loss, so that loops that reuse a name never capture each other
 * @param bound for the free index of a gradient row, the length it runs up to ({@code x.length});
 *     null for a loop's index, whose range is its reduction's
 */
public record Idx(String name, int id, Expr bound) implements Expr {

    /** A loop's index. */
    public Idx(String name, int id) {
        this(name, id, null);
    }

    /** Ids at and above this are the free indices of gradient rows, above those of loops. */
    private static final int GRADIENT_IDS = 1_000_000;

    /** The free index of the k-th gradient row: {@code ∂loss/∂x[j]}, running over {@code [0, bound)}. */
    public static Idx gradient(String name, int k, Expr bound) {
        return new Idx(name, GRADIENT_IDS + k, bound);
    }

    /** Whether it is the free index of a gradient row, which is never negative. */
    public boolean isGradientIndex() {
        return id >= GRADIENT_IDS;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitIdx(this);
    }

    @Override
    public boolean isPredicate() {
        return false;
    }

    @Override
    public String toString() {
        return name;
    }
}
