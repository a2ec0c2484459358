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
 */
public record DerivedLoss(LossSignature signature, NormalisedLoss loss, List<Gradient> gradients) {
    public DerivedLoss {
        gradients = List.copyOf(gradients);
    }
}
