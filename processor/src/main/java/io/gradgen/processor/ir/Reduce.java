package io.gradgen.processor.ir;

import java.util.Objects;

/**
 * A reduction over the elements of a row: {@code Σ_i body}, {@code Π_i body}, {@code max_i body},
 * {@code min_i body} or {@code log Σ_i exp(body)} for {@code i} from 0 to {@code range.length − 1}.
 * An accumulation loop ({@code s += f(i)}, {@code m = Math.max(m, f(i))}) and the row functions of
 * {@code io.gradgen.Functions} become reductions; their derivatives are reductions again (see
 * {@link Differentiator}).
 *
 * @param kind how the body's values are combined
 * @param index the bound loop index, free in {@code body}
 * @param range the row whose length bounds the index
 * @param body the value for one index
 * @param hash cached structural hash (computed by the constructor; pass anything)
 */
public record Reduce(Kind kind, Idx index, Var range, Expr body, int hash) implements Expr {

    /** How a reduction combines its terms, with the value of an empty row. */
    public enum Kind {
        SUM(0.0, "Σ"),
        PRODUCT(1.0, "Π"),
        MAX(Double.NEGATIVE_INFINITY, "max"),
        MIN(Double.POSITIVE_INFINITY, "min"),
        LOG_SUM_EXP(Double.NEGATIVE_INFINITY, "logΣexp");

        private final double identity;
        private final String symbol;

        Kind(double identity, String symbol) {
            this.identity = identity;
            this.symbol = symbol;
        }

        /** The neutral element: the reduction's value over an empty row, and the value of a skipped term. */
        public double identity() {
            return identity;
        }

        public String symbol() {
            return symbol;
        }
    }

    public Reduce {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(index);
        Objects.requireNonNull(range);
        if (body.isPredicate()) {
            throw new IllegalArgumentException("reduction of a predicate: " + body);
        }
        hash = Objects.hash(kind, index, range, body) * 11 + 5;
    }

    public Reduce(Kind kind, Idx index, Var range, Expr body) {
        this(kind, index, range, body, 0);
    }

    public Reduce withBody(Expr newBody) {
        return newBody.equals(body) ? this : new Reduce(kind, index, range, newBody);
    }

    @Override
    public boolean isPredicate() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Reduce r && r.hash == hash && r.kind == kind && r.index.equals(index)
                && r.range.equals(range) && r.body.equals(body));
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
