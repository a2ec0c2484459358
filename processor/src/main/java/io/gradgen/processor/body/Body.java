package io.gradgen.processor.body;

import java.util.List;

/**
 * The resolved body of a {@code @Loss} method.
 *
 * @param statements its statements, in order
 */
public record Body(List<Stmt> statements) {
    public Body {
        statements = List.copyOf(statements);
    }
}
