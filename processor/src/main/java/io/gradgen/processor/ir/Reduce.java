package io.gradgen.processor.ir;

import java.util.Objects;

/**
 * A reduction over a range of indices: {@code Σ_i body}, {@code Π_i body}, {@code max_i body},
 * {@code min_i body} or {@code log Σ_i exp(body)} for {@code i} from {@code from} up to, not
 * including, {@code to} (an empty range gives the kind's identity).
 * An accumulation loop ({@code s += f(i)}, {@code m = Math.max(m, f(i))}) and the row functions of
 * {@code io.gradgen.Functions} become reductions; their derivatives are reductions again (see
 * {@link io.gradgen.processor.differentiate.Differentiator}).
 *
 * @param kind how the body's values are combined
 * @param index the bound loop index, free in {@code body}
 * @param from the first index, an int-valued expression ({@code 0} for a whole row)
 * @param to the end of the range, exclusive ({@code x.length} for a whole row)
 * @param body the value for one index
 * @param hash cached structural hash (computed by the constructor; pass anything)
 */
public record Reduce(Kind kind, Idx index, Expr from, Expr to, Expr body, int hash) implements Expr {

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
        if (!Indices.isIndex(from) || !Indices.isIndex(to)) {
            throw new IllegalArgumentException("not an index range: [" + from + ", " + to + ")");
        }
        if (body.isPredicate()) {
            throw new IllegalArgumentException("reduction of a predicate: " + body);
        }
        hash = Objects.hash(kind, index, from, to, body) * 11 + 5;
    }

    public Reduce(Kind kind, Idx index, Expr from, Expr to, Expr body) {
        this(kind, index, from, to, body, 0);
    }

    /** A reduction over every element of a row: {@code i} from 0 to {@code row.length − 1}. */
    public static Reduce overRow(Kind kind, Idx index, Var row, Expr body) {
        return new Reduce(kind, index, new Const(0), new Length(row), body);
    }

    /**
     * The row whose every element this reduction runs over ({@code [0, x.length)} for a
     * one-dimensional array x), or null: a loop over a batch's rows or over part of a row is not one.
     */
    public Var wholeRow() {
        return from instanceof Const c && c.value() == 0 && to instanceof Length l && l.axis() == 0
                && l.row().rank() == 1 ? l.row() : null;
    }

    /** The same range with another body. */
    public Reduce over(Kind newKind, Idx newIndex, Expr newBody) {
        return new Reduce(newKind, newIndex, from, to, newBody);
    }

    public Reduce withBody(Expr newBody) {
        return newBody.equals(body) ? this : new Reduce(kind, index, from, to, newBody);
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitReduce(this);
    }

    @Override
    public boolean isPredicate() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Reduce r && r.hash == hash && r.kind == kind && r.index.equals(index)
                && r.from.equals(from) && r.to.equals(to) && r.body.equals(body));
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
