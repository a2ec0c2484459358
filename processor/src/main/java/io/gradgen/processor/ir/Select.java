package io.gradgen.processor.ir;

import java.util.Objects;

/**
 * {@code condition ? ifTrue : ifFalse}: where a loss branches ({@code if}/{@code else}, {@code ?:},
 * early {@code return}s), the normaliser merges both paths into a select. Its derivative is the
 * select of the branches' derivatives: the derivative of the branch taken.
 *
 * @param condition a predicate
 * @param ifTrue value when the predicate holds
 * @param ifFalse value otherwise
 * @param hash cached structural hash (computed by the constructor; pass anything)
 */
public record Select(Expr condition, Expr ifTrue, Expr ifFalse, int hash) implements Expr {

    public Select {
        if (!condition.isPredicate()) {
            throw new IllegalArgumentException("select condition is not a predicate: " + condition);
        }
        if (ifTrue.isPredicate() != ifFalse.isPredicate()) {
            throw new IllegalArgumentException("select branches differ in type: " + ifTrue + ", " + ifFalse);
        }
        hash = Objects.hash(condition, ifTrue, ifFalse) * 7 + 3;
    }

    public Select(Expr condition, Expr ifTrue, Expr ifFalse) {
        this(condition, ifTrue, ifFalse, 0);
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitSelect(this);
    }

    @Override
    public boolean isPredicate() {
        return ifTrue.isPredicate();
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || (o instanceof Select s && s.hash == hash && s.condition.equals(condition)
                        && s.ifTrue.equals(ifTrue) && s.ifFalse.equals(ifFalse));
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
