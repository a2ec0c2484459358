package io.gradgen.processor.ir;

import java.util.List;

/**
 * An operation applied to its arguments: arithmetic, a {@code Math}/{@code Functions} call, a
 * comparison or a logical connective.
 *
 * @param op the operation
 * @param args its arguments, as many as {@link Op#arity()}
 * @param hash cached structural hash (computed by the constructor; pass anything)
 */
public record Apply(Op op, List<Expr> args, int hash) implements Expr {

    public Apply {
        args = List.copyOf(args);
        if (args.size() != op.arity()) {
            throw new IllegalArgumentException(op + " takes " + op.arity() + " arguments, got " + args.size());
        }
        hash = 31 * op.ordinal() + args.hashCode();
    }

    public Apply(Op op, List<Expr> args) {
        this(op, args, 0);
    }

    public Expr arg(int i) {
        return args.get(i);
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitApply(this);
    }

    @Override
    public boolean isPredicate() {
        return op.isPredicate();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Apply a && a.hash == hash && a.op == op && a.args.equals(args));
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
