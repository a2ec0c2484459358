package io.gradgen.processor.differentiate;

import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.signature.LossParameter;

/**
 * The derivative of the loss with respect to one differentiable input: {@code ∂loss/∂pred} for a
 * {@code double}, or one element {@code ∂loss/∂x[j]} of a row's gradient, an expression in the free
 * index {@code j}.
 *
 * @param input the differentiable parameter
 * @param derivative the derivative
 * @param element the free index {@code j} of a row's gradient, or null for a {@code double} input
 * @param row for a {@code double[][]} batch input, the free index {@code b} of the row the element
 *     {@code ∂loss/∂z[b][j]} lies in; null otherwise
 */
public record Gradient(LossParameter input, Expr derivative, Idx element, Idx row) {

    public Gradient(LossParameter input, Expr derivative, Idx element) {
        this(input, derivative, element, null);
    }

    /** Whether it is the gradient of a {@code double[][]} batch input: a free row and column index. */
    public boolean isMatrix() {
        return row != null;
    }

    public boolean isRow() {
        return element != null;
    }

    /** The same gradient with its derivative rewritten. */
    public Gradient with(Expr newDerivative) {
        return new Gradient(input, newDerivative, element, row);
    }
}
