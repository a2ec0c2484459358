package io.gradgen.processor.model;

import io.gradgen.processor.symbolic.Expr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-position body of a generated loop: named temporaries in dependency order, then the
 * outputs (the loss value, or one gradient per input).
 *
 * @param bindings temporaries, each used by later ones or by the outputs
 * @param names the variable name of every bound subexpression, for rendering references
 * @param outputs the expressions the loop stores, in order
 */
public record Kernel(List<Binding> bindings, Map<Expr, String> names, List<Expr> outputs) {
    public Kernel {
        bindings = List.copyOf(bindings);
        names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
        outputs = List.copyOf(outputs);
    }
}
