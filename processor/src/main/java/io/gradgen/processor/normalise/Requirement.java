package io.gradgen.processor.normalise;

import io.gradgen.processor.ir.Expr;

/**
 * A condition on a batch position's inputs that the body needs to read only elements that exist
 * (an index the reader could not prove inside its row): the generated code checks it before any
 * work and throws with the description where it fails.
 *
 * @param condition a predicate over the position's inputs, labels and lengths
 * @param description what is read outside which row, in the user's code
 */
public record Requirement(Expr condition, String description) {
}
