package io.gradgen.processor.plan;

import java.util.List;

/**
 * The derivation in mathematical notation, for the generated classes' Javadoc.
 *
 * @param definitions {@code d = |pred − target|}: the user's locals that the formulas mention
 * @param value {@code loss = ...}
 * @param gradients {@code ∂loss/∂pred = ...}, one per differentiable input
 * @param gradientDefinitions the user's locals that the gradients mention
 */
public record Formulas(List<String> definitions, String value, List<String> gradients, List<String> gradientDefinitions) {
    public Formulas {
        definitions = List.copyOf(definitions);
        gradients = List.copyOf(gradients);
        gradientDefinitions = List.copyOf(gradientDefinitions);
    }
}
