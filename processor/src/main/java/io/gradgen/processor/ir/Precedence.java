package io.gradgen.processor.ir;

/** Java's operator precedence, as both printers (math text and generated source) parenthesise by it. */
public final class Precedence {
    public static final int TERNARY = 1;
    public static final int OR = 2;
    public static final int AND = 3;
    public static final int EQUALITY = 4;
    public static final int RELATIONAL = 5;
    public static final int ADDITIVE = 6;
    public static final int MULTIPLICATIVE = 7;
    public static final int UNARY = 8;
    public static final int PRIMARY = 9;

    private Precedence() {
    }

    /** How tightly {@code a} binds when written infix; calls are primary. */
    public static int of(Apply a) {
        return switch (a.op()) {
            case ADD, SUB -> ADDITIVE;
            case MUL, DIV -> MULTIPLICATIVE;
            case NEG, NOT -> UNARY;
            case LT, LE, GT, GE -> RELATIONAL;
            case EQ, NE -> EQUALITY;
            case AND -> AND;
            case OR -> OR;
            default -> PRIMARY;
        };
    }
}
