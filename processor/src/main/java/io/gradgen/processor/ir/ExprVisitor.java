package io.gradgen.processor.ir;

/**
 * One method per kind of IR node. Every pass that dispatches on the kind of a node (the
 * differentiator, the simplifier, substitution, printing, ordering, planning, writing) implements
 * this interface rather than an {@code instanceof} chain with a fallback: a new record in
 * {@link Expr} adds a method here, and every pass fails to compile until it says what the new node
 * means to it. No pass has a silent default (a zero derivative, an unchanged node) for kinds it
 * never thought about.
 *
 * @param <R> what the pass computes for a node
 */
public interface ExprVisitor<R> {
    R visitConst(Const c);

    R visitVar(Var v);

    R visitFlag(Flag f);

    R visitIdx(Idx i);

    R visitLength(Length l);

    R visitField(Field f);

    R visitElem(Elem e);

    R visitApply(Apply a);

    R visitSelect(Select s);

    R visitReduce(Reduce r);

    R visitAttains(Attains a);

    R visitSoftmax(Softmax s);
}
