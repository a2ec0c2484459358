package io.gradgen.processor.body;

import java.util.List;

/**
 * A {@code @Differentiable} static method, read once and inlined at each call.
 *
 * @param name {@code Owner.method}, for messages
 * @param parameters its parameter names, in order (numbers or rows)
 * @param returnsRow whether it returns {@code double[]} rather than {@code double}
 * @param body its statements
 */
public record Helper(String name, List<String> parameters, boolean returnsRow, List<Stmt> body) {
    public Helper {
        parameters = List.copyOf(parameters);
        body = List.copyOf(body);
    }
}
