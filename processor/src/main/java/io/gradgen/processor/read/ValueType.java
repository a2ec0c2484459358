package io.gradgen.processor.read;

/** The static type of a body expression, which the reader works out itself (bodies are not attributed yet). */
enum ValueType {
    /** An {@code int}: a label, an {@code int} constant or local, a row length. */
    INT,
    /** The variable of a loop over a row: an {@code int} that may index rows. */
    INDEX,
    DOUBLE,
    BOOLEAN,
    /** A {@code double[]} parameter: only indexed, measured or passed to a row function. */
    ROW;

    boolean isNumeric() {
        return this == INT || this == INDEX || this == DOUBLE;
    }

    boolean isIntegral() {
        return this == INT || this == INDEX;
    }

    static ValueType numeric(ValueType a, ValueType b) {
        return a.isIntegral() && b.isIntegral() ? INT : DOUBLE;
    }
}
