package io.gradgen.processor.normalise;

import io.gradgen.processor.ir.Expr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loss body reduced to one expression.
 *
 * @param value the loss of one batch position
 * @param weight its weight in the mean ({@code Functions.weighted}), or null when the mean divides by
 *     the number of positions
 * @param localNames the user's local variable names, keyed by the expression each one held
 */
public record NormalisedLoss(Expr value, Expr weight, Map<Expr, String> localNames) {
    public NormalisedLoss {
        localNames = Collections.unmodifiableMap(new LinkedHashMap<>(localNames));
    }
}
