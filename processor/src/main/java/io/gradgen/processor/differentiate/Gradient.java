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
 */
public record Gradient(LossParameter input, Expr derivative, Idx element) {

    public boolean isRow() {
        return element != null;
    }

    /** The same gradient with its derivative rewritten. */
    public Gradient with(Expr newDerivative) {
        return new Gradient(input, newDerivative, element);
    }
}
