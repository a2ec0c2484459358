package io.gradgen.processor.ir;

/**
 * An integer index: the variable of a loop over a row ({@code for (int i = 0; i < x.length; i++)}),
 * bound by a {@link Reduce}, or the free index {@code j} of a row gradient {@code ∂loss/∂x[j]}.
 * Two indices are the same only if their ids are; the name is what the generated code calls it.
 *
 * @param name the user's name for it ({@code i}), a hint for the generated code
 * @param id unique within one loss, so that loops that reuse a name never capture each other
 */
public record Idx(String name, int id) implements Expr {

    @Override
    public boolean isPredicate() {
        return false;
    }

    @Override
    public String toString() {
        return name;
    }
}
