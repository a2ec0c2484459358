package io.gradgen.processor.ir;

import java.util.Objects;

/**
 * Whether the term of a max (or min) reduction at index {@code at} is the reduction's value:
 * {@code f(at) == max_i f(i)}, the arg-max indicator in the derivative of a maximum. It is a node of
 * its own, rather than an {@code ==} of two expressions, because the comparison is only right when
 * {@code f(at)} is computed with exactly the arithmetic that computed the maximum: the term is
 * always taken from the reduction's own body, so no simplification can make the two round
 * differently (found by the fuzzer: {@code x0[0]·(x[i]/n)} against {@code x0[0]·x[i]/n} never tied,
 * and the gradient was 0/0).
 *
 * @param reduction a {@link Reduce.Kind#MAX} or {@link Reduce.Kind#MIN} reduction
 * @param at the index whose term is compared
 * @param hash cached structural hash (computed by the constructor; pass anything)
 */
public record Attains(Reduce reduction, Expr at, int hash) implements Expr {

    public Attains {
        Objects.requireNonNull(reduction);
        if (!Indices.isIndex(at)) {
            throw new IllegalArgumentException("not an index: " + at);
        }
        hash = Objects.hash(reduction, at) * 13 + 7;
    }

    public Attains(Reduce reduction, Expr at) {
        this(reduction, at, 0);
    }

    /** The reduction's term at {@link #at}, as the reduction computes it. */
    public Expr term() {
        return Indices.substitute(reduction.body(), reduction.index(), at);
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitAttains(this);
    }

    @Override
    public boolean isPredicate() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Attains a && a.hash == hash && a.reduction.equals(reduction)
                && a.at.equals(at));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return ExprText.of(this);
    }
}
