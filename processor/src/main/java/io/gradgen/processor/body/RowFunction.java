package io.gradgen.processor.body;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The row functions of {@code io.gradgen.Functions}: reductions of whole {@code double[]} rows. */
public enum RowFunction {
    SUM("sum", 1),
    MEAN("mean", 1),
    MAX("max", 1),
    MIN("min", 1),
    LOG_SUM_EXP("logSumExp", 1),
    NORM("norm", 1),
    DOT("dot", 2),
    COSINE("cosine", 2);

    private final String javaName;
    private final int rows;

    RowFunction(String javaName, int rows) {
        this.javaName = javaName;
        this.rows = rows;
    }

    public String javaName() {
        return javaName;
    }

    /** How many row arguments it takes. */
    public int rows() {
        return rows;
    }

    public static Optional<RowFunction> named(String name, int arity) {
        return Arrays.stream(values()).filter(f -> f.javaName.equals(name) && f.rows == arity).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(RowFunction::javaName).toList();
    }
}
