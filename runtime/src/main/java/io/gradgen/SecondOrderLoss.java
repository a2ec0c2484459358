package io.gradgen;

/**
 * A loss that also gives, for each element of its prediction, the first and second derivative of
 * that element's loss: what gradient-boosted trees (XGBoost's custom objectives) and other Newton
 * methods need. gradgen derives both symbolically; every generated loss whose first parameter is
 * its prediction ({@code double} or {@code double[]}) and that is not a batch loss implements it.
 *
 * <pre>{@code
 * SecondOrderLoss loss = new HuberLoss();
 * double[] grad = new double[pred.numel()];
 * double[] hess = new double[pred.numel()];
 * loss.gradientAndHessian(pred, grad, hess, target);
 * }</pre>
 */
public interface SecondOrderLoss extends LossFunction {

    /**
     * For each element of pred: ∂ℓ/∂pred and ∂²ℓ/∂pred² (the Hessian's diagonal), unreduced.
     * The other inputs are the loss's remaining parameters, as in forward.
     *
     * <p>{@code grad[i]} and {@code hessian[i]} are the first and second derivatives, with respect to
     * element {@code i} of {@code pred}, of the loss of the batch position that element belongs to, as
     * {@code withReduction(NONE)} defines it (weights apply, no mean is taken), whatever this
     * instance's reduction; both arrays have {@code pred.numel()} elements and are overwritten. For a
     * row loss such as cross-entropy, element {@code (n, c)} gets the diagonal of row {@code n}'s
     * Hessian: {@code p − onehot} and {@code p(1 − p)}.
     *
     * @param pred the prediction, the loss's first input
     * @param grad receives the first derivatives
     * @param hessian receives the second derivatives
     * @param others the loss's other tensor inputs, in declaration order
     * @throws IllegalArgumentException if the inputs do not fit the loss (as in {@code forward}) or an
     *     array does not have {@code pred.numel()} elements
     */
    void gradientAndHessian(Tensor pred, double[] grad, double[] hessian, Tensor... others);
}
