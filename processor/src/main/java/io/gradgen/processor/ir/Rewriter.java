package io.gradgen.processor.ir;

/**
 * A pass that rewrites expressions and has nothing to rewrite in leaves: numbers, names, indices,
 * lengths and fields are returned as they are. Every node with operands stays abstract, and a new
 * kind of node, leaf or not, is a method of {@link ExprVisitor} that each rewriter must still
 * implement or this class must name as a leaf.
 */
public abstract class Rewriter implements ExprVisitor<Expr> {

    @Override
    public final Expr visitConst(Const c) {
        return c;
    }

    @Override
    public final Expr visitVar(Var v) {
        return v;
    }

    @Override
    public final Expr visitFlag(Flag f) {
        return f;
    }

    @Override
    public Expr visitIdx(Idx i) {
        return i;
    }

    @Override
    public final Expr visitLength(Length l) {
        return l;
    }

    @Override
    public final Expr visitField(Field f) {
        return f;
    }
}
