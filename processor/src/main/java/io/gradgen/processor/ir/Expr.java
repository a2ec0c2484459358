package io.gradgen.processor.ir;

/**
 * A node of gradgen's symbolic IR: a pure, side-effect-free expression over the inputs of one
 * batch position. Values are {@code double}s; predicates ({@link Op#isPredicate()}) are booleans.
 *
 * <p>Nodes are immutable records with structural equality, so equal subexpressions found anywhere
 * (in the value, in any gradient) are recognised as one by the simplifier and by common
 * subexpression elimination. {@link Apply} and {@link Select} cache their hash so that equality
 * checks stay cheap on heavily shared DAGs.
 */
public sealed interface Expr permits Const, Var, Apply, Select, Idx, Elem, Length, Field, Reduce, Flag, Attains, Softmax {

    /** Whether this expression is a boolean predicate rather than a double value. */
    boolean isPredicate();

    /** Calls the method of {@code visitor} for this kind of node. */
    <R> R accept(ExprVisitor<R> visitor);
}
