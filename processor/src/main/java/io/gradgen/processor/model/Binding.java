package io.gradgen.processor.model;

import io.gradgen.processor.symbolic.Expr;

/**
 * A local variable of a generated kernel: {@code double name = expr;} (or {@code boolean} for a
 * predicate), computed once per batch position.
 */
public record Binding(String name, Expr expr) {
    public boolean isPredicate() {
        return expr.isPredicate();
    }
}
