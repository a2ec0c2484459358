package io.gradgen.processor.read;

import io.gradgen.processor.body.Node;

/** A resolved expression with its static type. */
record Typed(Node node, ValueType type) {
}
