package io.gradgen.processor.ir;

import static io.gradgen.processor.ir.Precedence.*;

import java.util.function.Function;

/**
 * Renders an expression as text with minimal parentheses, either as Java-like source (for
 * {@code toString} and messages) or in mathematical notation (for the Javadoc of generated
 * backward classes: {@code 2·(pred − target)}). Names for shared subexpressions can be supplied.
 */
public final class ExprText {
    /** Which notation to print. */
    public enum Style { JAVA, MATH }


    private final Style style;
    private final Function<Expr, String> names;
    private final RowNotation rows = new RowNotation(this::integer);

    private ExprText(Style style, Function<Expr, String> names) {
        this.style = style;
        this.names = names;
    }

    public static String of(Expr e) {
        return new ExprText(Style.JAVA, x -> null).text(e, 0);
    }

    /** Renders {@code e}, printing any subexpression for which {@code names} answers non-null by that name. */
    public static String render(Expr e, Style style, Function<Expr, String> names) {
        return new ExprText(style, names).text(e, 0);
    }

    private String text(Expr e, int context) {
        String name = names.apply(e);
        if (name != null) {
            return name;
        }
        Printed p = e.accept(printer);
        return p.precedence() < context ? "(" + p.text() + ")" : p.text();
    }

    /** A node's text and the precedence of its outermost operator, which decides parentheses around it. */
    private record Printed(String text, int precedence) {
    }

    private final ExprVisitor<Printed> printer = new ExprVisitor<>() {
        @Override
        public Printed visitConst(Const c) {
            return new Printed(number(c.value()), c.value() < 0 ? UNARY : PRIMARY);
        }

        @Override
        public Printed visitVar(Var v) {
            return new Printed(v.name(), PRIMARY);
        }

        @Override
        public Printed visitFlag(Flag f) {
            return new Printed(f.name(), PRIMARY);
        }

        @Override
        public Printed visitIdx(Idx i) {
            return new Printed(i.name(), PRIMARY);
        }

        @Override
        public Printed visitLength(Length l) {
            String array = l.row().name() + (l.axis() == 1 ? "[·]" : "");
            return new Printed(style == Style.MATH ? "len(" + array + ")" : array + ".length", PRIMARY);
        }

        @Override
        public Printed visitField(Field f) {
            return new Printed(style == Style.MATH && f.equals(RowNotation.COSINE_EPS) ? "ε" : f.toString(), PRIMARY);
        }

        @Override
        public Printed visitElem(Elem el) {
            StringBuilder s = new StringBuilder(text(el.row(), PRIMARY));
            for (Expr index : el.indices()) {
                s.append('[').append(integer(index, 0)).append(']');
            }
            return new Printed(s.toString(), PRIMARY);
        }

        @Override
        public Printed visitApply(Apply a) {
            String cosine = style == Style.MATH ? rows.cosine(a) : null;
            if (cosine != null) {
                return new Printed(cosine, PRIMARY);
            }
            int prec = precedence(a);
            return new Printed(applyText(a, prec), prec);
        }

        @Override
        public Printed visitSelect(Select sel) {
            return new Printed(text(sel.condition(), TERNARY + 1) + " ? " + text(sel.ifTrue(), TERNARY + 1) + " : "
                    + text(sel.ifFalse(), TERNARY), TERNARY);
        }

        @Override
        public Printed visitReduce(Reduce r) {
            return new Printed(reduceText(r), PRIMARY);
        }

        @Override
        public Printed visitAttains(Attains a) {
            return new Printed(text(a.term(), EQUALITY + 1) + (style == Style.MATH ? " = " : " == ")
                    + text(a.reduction(), EQUALITY + 1), EQUALITY);
        }

        @Override
        public Printed visitSoftmax(Softmax sm) {
            boolean plainRow = sm.lse().body() instanceof Elem el && el.index().equals(sm.lse().index());
            return new Printed(plainRow ? "softmax(" + ((Elem) sm.lse().body()).row().name() + ")["
                    + text(sm.at(), 0) + "]" : text(sm.asWritten(), 0), PRIMARY);
        }
    };

    /** An integer expression, its whole numbers without a decimal point: {@code x[j + 1]}, {@code j < len(x) − 1}. */
    private String integer(Expr e, int context) {
        String name = names.apply(e);
        if (name != null) {
            return name;
        }
        if (e instanceof Const c && c.isWhole()) {
            String s = Long.toString((long) c.value());
            return c.value() < 0 && context > UNARY ? "(" + s + ")" : s;
        }
        if (e instanceof Apply a && a.op().family() == Op.Family.OPERATOR && a.op() != Op.DIV) {
            int prec = precedence(a);
            String s = a.op().arity() == 1 ? symbol(a.op()) + integer(a.arg(0), UNARY)
                    : integer(a.arg(0), prec) + " " + symbol(a.op()) + " " + integer(a.arg(1), prec + 1);
            return prec < context ? "(" + s + ")" : s;
        }
        return text(e, context);
    }

    /** {@code Σ_i (x[i] − y[i])}, {@code max_i x[i]}, {@code log Σ_i exp(x[i])}. */
    private String reduceText(Reduce r) {
        String alongRows = style == Style.MATH ? rows.reduction(r) : null;
        if (alongRows != null) {
            return alongRows;
        }
        String i = r.index().name();
        if (r.kind() == Reduce.Kind.LOG_SUM_EXP) {
            return (style == Style.MATH ? "log Σ_" : "logSumExp_") + i + " exp(" + text(r.body(), 0) + ")";
        }
        String symbol = style == Style.MATH ? r.kind().symbol()
                : r.kind().name().toLowerCase(java.util.Locale.ROOT);
        return symbol + "_" + i + " " + text(r.body(), PRIMARY);
    }

    private String applyText(Apply a, int prec) {
        Op op = a.op();
        boolean math = style == Style.MATH;
        if (op.family() == Op.Family.COMPARISON && Indices.isIndex(a.arg(0)) && Indices.isIndex(a.arg(1))) {
            return integer(a.arg(0), prec) + " " + symbol(op) + " " + integer(a.arg(1), prec + 1);
        }
        switch (op.family()) {
            case OPERATOR, COMPARISON, LOGIC -> {
                if (op == Op.TRUE || op == Op.FALSE) {
                    return op.symbol();
                }
                if (op.arity() == 1) {
                    return symbol(op) + text(a.arg(0), UNARY);
                }
                // left-associative: the right operand needs parentheses at equal precedence
                return text(a.arg(0), prec) + " " + symbol(op) + " " + text(a.arg(1), prec + 1);
            }
            default -> {
                if (math) {
                    String m = mathCall(a);
                    if (m != null) {
                        return m;
                    }
                }
                StringBuilder sb = new StringBuilder(math ? mathName(op) : callPrefix(op) + op.symbol()).append('(');
                for (int i = 0; i < a.args().size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(text(a.arg(i), 0));
                }
                return sb.append(')').toString();
            }
        }
    }

    private String mathCall(Apply a) {
        return switch (a.op()) {
            case ABS -> "|" + text(a.arg(0), 0) + "|";
            case POW -> a.arg(1) instanceof Const k && k.isWhole() && k.value() >= 2 && k.value() <= 9
                    ? powerBase(a.arg(0)) + "²³⁴⁵⁶⁷⁸⁹".charAt((int) k.value() - 2)
                    : powerBase(a.arg(0)) + "^" + text(a.arg(1), PRIMARY);
            case SQ -> text(a.arg(0), PRIMARY) + "²";
            case SQRT -> "√" + text(a.arg(0), PRIMARY);
            default -> null;
        };
    }

    /** A base that is itself a prefix form ({@code √x}, {@code Σ_i x[i]}) gets parentheses: {@code (√x)³}. */
    private String powerBase(Expr base) {
        String t = text(base, PRIMARY);
        boolean prefix = base instanceof Reduce || (base instanceof Apply b && (b.op() == Op.SQRT || b.op() == Op.POW
                || b.op() == Op.SQ));
        return prefix && names.apply(base) == null ? "(" + t + ")" : t;
    }

    private static String mathName(Op op) {
        return switch (op) {
            case SIGMOID -> "σ";
            case SIGNUM -> "sign";
            case LOG_SIGMOID -> "log σ";
            default -> op.symbol();
        };
    }

    private static String callPrefix(Op op) {
        return op.family() == Op.Family.MATH ? "Math." : "";
    }

    private String symbol(Op op) {
        if (style == Style.JAVA) {
            return op.symbol();
        }
        return switch (op) {
            case MUL -> "·";
            case SUB, NEG -> "−";
            case LE -> "≤";
            case GE -> "≥";
            case NE -> "≠";
            case AND -> "∧";
            case OR -> "∨";
            case NOT -> "¬";
            default -> op.symbol();
        };
    }

    private static int precedence(Apply a) {
        return Precedence.of(a);
    }

    /** Shortest text that reads back as the same double, always with a decimal point or exponent. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(v);
    }
}
