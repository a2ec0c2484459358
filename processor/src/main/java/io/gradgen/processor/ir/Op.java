package io.gradgen.processor.ir;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every operation the IR knows. Its derivative rule lives in {@link io.gradgen.processor.differentiate.Derivatives}; how it is spelled
 * in Java is described here so that the reader and the writer agree on one table.
 */
public enum Op {
    ADD(2, Family.OPERATOR, "+"),
    SUB(2, Family.OPERATOR, "-"),
    MUL(2, Family.OPERATOR, "*"),
    DIV(2, Family.OPERATOR, "/"),
    NEG(1, Family.OPERATOR, "-"),

    EXP(1, Family.MATH, "exp"),
    LOG(1, Family.MATH, "log"),
    LOG1P(1, Family.MATH, "log1p"),
    LOG10(1, Family.MATH, "log10"),
    EXPM1(1, Family.MATH, "expm1"),
    SQRT(1, Family.MATH, "sqrt"),
    CBRT(1, Family.MATH, "cbrt"),
    POW(2, Family.MATH, "pow"),
    ABS(1, Family.MATH, "abs"),
    MAX(2, Family.MATH, "max"),
    MIN(2, Family.MATH, "min"),
    SIN(1, Family.MATH, "sin"),
    COS(1, Family.MATH, "cos"),
    TAN(1, Family.MATH, "tan"),
    ASIN(1, Family.MATH, "asin"),
    ACOS(1, Family.MATH, "acos"),
    ATAN(1, Family.MATH, "atan"),
    ATAN2(2, Family.MATH, "atan2"),
    SINH(1, Family.MATH, "sinh"),
    COSH(1, Family.MATH, "cosh"),
    TANH(1, Family.MATH, "tanh"),
    HYPOT(2, Family.MATH, "hypot"),
    SIGNUM(1, Family.MATH, "signum"),
    FLOOR(1, Family.MATH, "floor"),
    CEIL(1, Family.MATH, "ceil"),

    SQ(1, Family.FUNCTIONS, "sq"),
    SIGMOID(1, Family.FUNCTIONS, "sigmoid"),
    SOFTPLUS(1, Family.FUNCTIONS, "softplus"),
    LOG_SIGMOID(1, Family.FUNCTIONS, "logSigmoid"),
    RELU(1, Family.FUNCTIONS, "relu"),
    CLAMP(3, Family.FUNCTIONS, "clamp"),
    LOG_ADD_EXP(2, Family.FUNCTIONS, "logAddExp"),
    LGAMMA(1, Family.FUNCTIONS, "lgamma"),
    DIGAMMA(1, Family.FUNCTIONS, "digamma"),
    TRIGAMMA(1, Family.FUNCTIONS, "trigamma"),
    /** ψ₂: the derivative of {@link #TRIGAMMA}, for second derivatives; not callable, since its own derivative is not known. */
    TETRAGAMMA(1, Family.FUNCTIONS, "tetragamma"),
    DETACH(1, Family.FUNCTIONS, "detach"),
    /** {@code weighted(value, weight)}: only as a loss's returned value; the modeller splits it. */
    WEIGHTED(2, Family.FUNCTIONS, "weighted"),

    LT(2, Family.COMPARISON, "<"),
    LE(2, Family.COMPARISON, "<="),
    GT(2, Family.COMPARISON, ">"),
    GE(2, Family.COMPARISON, ">="),
    EQ(2, Family.COMPARISON, "=="),
    NE(2, Family.COMPARISON, "!="),
    AND(2, Family.LOGIC, "&&"),
    TRUE(0, Family.LOGIC, "true"),
    FALSE(0, Family.LOGIC, "false"),
    OR(2, Family.LOGIC, "||"),
    NOT(1, Family.LOGIC, "!");

    /** How an operation is written in Java source. */
    public enum Family {
        /** An arithmetic operator. */
        OPERATOR,
        /** A static method of {@code java.lang.Math}. */
        MATH,
        /** A static method of {@code io.gradgen.Functions}. */
        FUNCTIONS,
        /** A comparison of two doubles, giving a boolean. */
        COMPARISON,
        /** A logical connective of booleans. */
        LOGIC
    }

    private final int arity;
    private final Family family;
    private final String symbol;

    Op(int arity, Family family, String symbol) {
        this.arity = arity;
        this.family = family;
        this.symbol = symbol;
    }

    public int arity() {
        return arity;
    }

    public Family family() {
        return family;
    }

    /** The operator symbol, or the method's simple name for {@code Math}/{@code Functions} calls. */
    public String symbol() {
        return symbol;
    }

    public boolean isPredicate() {
        return family == Family.COMPARISON || family == Family.LOGIC;
    }

    /**
     * Whether {@code io.gradgen.kernels.VectorMath} computes this call over a whole array: generated
     * kernels stage such calls into one vector pass instead of a call per element.
     */
    public boolean hasVectorKernel() {
        return this == EXP || this == LOG || this == LOG1P || this == SIGMOID || this == SOFTPLUS
                || this == LOG_SIGMOID;
    }

    public boolean isCall() {
        return family == Family.MATH || family == Family.FUNCTIONS;
    }

    /** The call of this name in {@code family} ({@link Family#MATH} or {@link Family#FUNCTIONS}), if gradgen knows it. */
    public static Optional<Op> call(Family family, String name, int arity) {
        return Arrays.stream(values())
                .filter(op -> op.family == family && op.symbol.equals(name) && op.arity == arity && op.isCallable())
                .findFirst();
    }

    /** The simple names of every known call of {@code family}, for "supported here" messages. */
    public static List<String> callNames(Family family) {
        return Arrays.stream(values()).filter(op -> op.family == family && op.isCallable()).map(Op::symbol).toList();
    }

    /** Whether a loss body may call it: every operation but those that only derivative rules produce. */
    public boolean isCallable() {
        return this != TETRAGAMMA;
    }
}
