package io.gradgen.processor.simplify;

import io.gradgen.processor.differentiate.Gradient;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Var;
import io.gradgen.processor.normalise.Requirement;
import io.gradgen.processor.signature.LossSignature;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loss whose value is simplified exactly (the generated forward computes what the user's method
 * computes, bit for bit) and whose gradients are in canonical form (like terms and common factors
 * gathered, Kronecker deltas summed away, softmax weights recognised).
 *
 * @param signature the loss's declaration
 * @param value the loss of one batch position
 * @param weight its weight in the mean ({@code Functions.weighted}), or null
 * @param valueNames the user's local names, keyed by the simplified value's subexpressions
 * @param gradients one per differentiable input, in parameter order
 * @param gradientNames the user's local names, keyed by the gradients' subexpressions
 * @param curvature the second derivative with respect to the prediction, or null (see
 *     {@link io.gradgen.processor.differentiate.DerivedLoss#curvature()})
 * @param requirements the conditions checked before any work, simplified exactly
 */
public record SimplifiedLoss(LossSignature signature, Expr value, Expr weight, Map<Expr, String> valueNames,
        List<Gradient> gradients, Map<Expr, String> gradientNames, Gradient curvature,
        List<Requirement> requirements) {
    public SimplifiedLoss {
        valueNames = Collections.unmodifiableMap(new LinkedHashMap<>(valueNames));
        gradients = List.copyOf(gradients);
        gradientNames = Collections.unmodifiableMap(new LinkedHashMap<>(gradientNames));
        requirements = List.copyOf(requirements);
    }

    /**
     * Whether the value reads a differentiable input at all. A body that returns a constant (a
     * generated stub's placeholder, or a loss whose inputs fold away) has a zero gradient everywhere.
     */
    public boolean readsAnInput() {
        return Indices.nodes(List.of(value)).stream().anyMatch(e -> e instanceof Var v && v.role() == Var.Role.INPUT);
    }
}
