package io.gradgen.processor.read;

/** The static type of a body expression, which the reader works out itself (bodies are not attributed yet). */
enum ValueType {
    INT, DOUBLE, BOOLEAN;

    boolean isNumeric() {
        return this != BOOLEAN;
    }

    static ValueType numeric(ValueType a, ValueType b) {
        return a == INT && b == INT ? INT : DOUBLE;
    }
}
