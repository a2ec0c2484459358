package io.gradgen.processor.read;

/** The static type of a body expression, which the reader works out itself (bodies are not attributed yet). */
enum ValueType {
    /** An {@code int}: a label, an {@code int} constant or local, a length, an element of an {@code int[]}. */
    INT,
    /** The variable of a loop: an {@code int} that indexes rows. */
    INDEX,
    DOUBLE,
    BOOLEAN,
    /**
     * A {@code double[]}: a row parameter, a local array, a row {@code z[b]} of a batch, a helper's
     * result. Indexed, measured or passed to a row function, never used as a number.
     */
    ROW,
    /** A {@code double[][]} batch parameter: {@code z[b]} is a row, {@code z.length} its number of rows. */
    MATRIX,
    /** An {@code int[]} batch parameter of labels: {@code y[b]} is an int. */
    LABELS;

    boolean isNumeric() {
        return this == INT || this == INDEX || this == DOUBLE;
    }

    boolean isIntegral() {
        return this == INT || this == INDEX;
    }

    /** Whether it is an array: indexed with {@code []} and measured with {@code .length}. */
    boolean isArray() {
        return this == ROW || this == MATRIX || this == LABELS;
    }

    static ValueType numeric(ValueType a, ValueType b) {
        return a.isIntegral() && b.isIntegral() ? INT : DOUBLE;
    }
}
