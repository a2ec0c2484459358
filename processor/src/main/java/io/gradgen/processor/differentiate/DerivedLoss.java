package io.gradgen.processor.differentiate;

import io.gradgen.processor.normalise.NormalisedLoss;
import io.gradgen.processor.signature.LossSignature;
import java.util.List;

/**
 * A loss with the derivative of its value with respect to every differentiable input, as the chain
 * rule gives it (not simplified yet).
 *
 * @param signature the loss's declaration
 * @param loss its normalised body
 * @param gradients one per differentiable input, in parameter order
 * @param curvature the second derivative of the loss with respect to each element of its prediction
 *     (its first parameter): the Hessian's diagonal, with the same free index as the prediction's
 *     gradient; null when the first parameter is not differentiable
 */
public record DerivedLoss(LossSignature signature, NormalisedLoss loss, List<Gradient> gradients,
        Gradient curvature) {
    public DerivedLoss {
        gradients = List.copyOf(gradients);
    }
}
