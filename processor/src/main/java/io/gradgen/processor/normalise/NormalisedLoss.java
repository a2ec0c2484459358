package io.gradgen.processor.normalise;

import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Var;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loss body reduced to one expression.
 *
 * @param value the loss of one batch position
 * @param weight its weight in the mean ({@code Functions.weighted}), or null when the mean divides by
 *     the number of positions
 * @param localNames the user's local variable names, keyed by the expression each one held
 * @param requirements conditions the generated code checks before any work
 */
public record NormalisedLoss(Expr value, Expr weight, Map<Expr, String> localNames,
        List<Requirement> requirements) {
    public NormalisedLoss {
        localNames = Collections.unmodifiableMap(new LinkedHashMap<>(localNames));
        requirements = List.copyOf(requirements);
    }

    /** The differentiable inputs the weight of {@code Functions.weighted} reads (it should read none). */
    public List<String> inputsOfWeight() {
        Set<String> found = new LinkedHashSet<>();
        if (weight != null) {
            for (Expr e : Indices.nodes(List.of(weight))) {
                if (e instanceof Var v && v.role() == Var.Role.INPUT) {
                    found.add(v.name());
                }
            }
        }
        return List.copyOf(found);
    }
}
