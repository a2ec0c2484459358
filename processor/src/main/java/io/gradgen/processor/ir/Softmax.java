package io.gradgen.processor.ir;

import java.util.Objects;

/**
 * The softmax weight {@code exp(f(at) − lse)} of a log-sum-exp reduction
 * {@code lse = log Σ_i exp(f(i))} at index {@code at}: the derivative of the log-sum-exp, as
 * cross-entropy's gradient {@code softmax(logits)[j] − onehot} has it. A node of its own so that a
 * kernel can compute it from the exponentials the log-sum-exp already computed,
 * {@code exp(f(at) − m) / Σ_i exp(f(i) − m)} with {@code m} the row's maximum: one exponential per
 * element instead of two. Where those exponentials are not at hand it is computed as written.
 *
 * @param lse a {@link Reduce.Kind#LOG_SUM_EXP} reduction
 * @param at the index of the weight
 * @param hash cached structural hash (computed by the constructor; pass anything)
 */
public record Softmax(Reduce lse, Expr at, int hash) implements Expr {

    public Softmax {
        if (lse.kind() != Reduce.Kind.LOG_SUM_EXP) {
            throw new IllegalArgumentException("not a log-sum-exp: " + lse);
        }
        if (!Indices.isIndex(at)) {
            throw new IllegalArgumentException("not an index: " + at);
        }
        hash = Objects.hash(lse, at) * 17 + 5;
    }

    public Softmax(Reduce lse, Expr at) {
        this(lse, at, 0);
    }

    /** The log-sum-exps whose softmax weights these expressions read. */
    public static java.util.Set<Expr> sourcesIn(java.util.Collection<? extends Expr> exprs) {
        java.util.Set<Expr> out = new java.util.HashSet<>();
        for (Expr e : Indices.nodes(exprs)) {
            if (e instanceof Softmax s) {
                out.add(s.lse());
            }
        }
        return out;
    }

    /** The reduction's term at {@link #at}, as the reduction computes it. */
    public Expr term() {
        return Indices.substitute(lse.body(), lse.index(), at);
    }

    /** {@code exp(term − lse)}: the same value, written as the derivative rules produce it. */
    public Expr asWritten() {
        return new Apply(Op.EXP, java.util.List.of(new Apply(Op.SUB, java.util.List.of(term(), lse))));
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitSoftmax(this);
    }

    @Override
    public boolean isPredicate() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Softmax s && s.hash == hash && s.lse.equals(lse) && s.at.equals(at));
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
