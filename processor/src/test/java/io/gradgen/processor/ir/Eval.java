package io.gradgen.processor.ir;

import io.gradgen.Functions;
import java.util.HashMap;
import java.util.Map;

/**
 * A test-only reference evaluator of the IR: each operation is computed with {@code java.lang.Math}
 * or {@link Functions}, exactly as the user's Java would. The switch is exhaustive without a
 * default, so a new {@link Op} does not compile here until it is given a meaning.
 */
public final class Eval {
    private final Map<String, Double> env;
    private final Map<Expr, Object> memo = new HashMap<>();

    private Eval(Map<String, Double> env) {
        this.env = env;
    }

    /** The double value of {@code e} at the given variable values. */
    public static double eval(Expr e, Map<String, Double> env) {
        return (Double) new Eval(env).value(e);
    }

    /** The truth of predicate {@code e} at the given variable values. */
    public static boolean test(Expr e, Map<String, Double> env) {
        return (Boolean) new Eval(env).value(e);
    }

    private Object value(Expr e) {
        Object known = memo.get(e);
        if (known != null) {
            return known;
        }
        Object v;
        if (e instanceof Const c) {
            v = c.value();
        } else if (e instanceof Var var) {
            Double d = env.get(var.name());
            if (d == null) {
                throw new IllegalArgumentException("no value for " + var.name());
            }
            v = d;
        } else if (e instanceof Select s) {
            v = bool(s.condition()) ? value(s.ifTrue()) : value(s.ifFalse());
        } else {
            v = apply((Apply) e);
        }
        memo.put(e, v);
        return v;
    }

    private double num(Expr e) {
        return (Double) value(e);
    }

    private boolean bool(Expr e) {
        return (Boolean) value(e);
    }

    private Object apply(Apply a) {
        Op op = a.op();
        if (op.isPredicate()) {
            return predicate(a);
        }
        double x = num(a.arg(0));
        double y = op.arity() > 1 ? num(a.arg(1)) : Double.NaN;
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case NEG -> -x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case LOG10 -> Math.log10(x);
            case LOG_ADD_EXP -> Functions.logAddExp(x, y);
            case LGAMMA -> Functions.lgamma(x);
            case DIGAMMA -> Functions.digamma(x);
            case TRIGAMMA -> Functions.trigamma(x);
            case TETRAGAMMA -> Functions.tetragamma(x);
            case EXPM1 -> Math.expm1(x);
            case SQRT -> Math.sqrt(x);
            case CBRT -> Math.cbrt(x);
            case POW -> Math.pow(x, y);
            case ABS -> Math.abs(x);
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case ASIN -> Math.asin(x);
            case ACOS -> Math.acos(x);
            case ATAN -> Math.atan(x);
            case ATAN2 -> Math.atan2(x, y);
            case SINH -> Math.sinh(x);
            case COSH -> Math.cosh(x);
            case TANH -> Math.tanh(x);
            case HYPOT -> Math.hypot(x, y);
            case SIGNUM -> Math.signum(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case SQ -> Functions.sq(x);
            case SIGMOID -> Functions.sigmoid(x);
            case SOFTPLUS -> Functions.softplus(x);
            case LOG_SIGMOID -> Functions.logSigmoid(x);
            case RELU -> Functions.relu(x);
            case CLAMP -> Functions.clamp(x, y, num(a.arg(2)));
            case DETACH -> Functions.detach(x);
            case WEIGHTED -> Functions.weighted(x, y);
            case LT, LE, GT, GE, EQ, NE, AND, OR, NOT, TRUE, FALSE ->
                    throw new AssertionError("predicate " + op);
        };
    }

    private boolean predicate(Apply a) {
        return switch (a.op()) {
            case LT -> num(a.arg(0)) < num(a.arg(1));
            case LE -> num(a.arg(0)) <= num(a.arg(1));
            case GT -> num(a.arg(0)) > num(a.arg(1));
            case GE -> num(a.arg(0)) >= num(a.arg(1));
            case EQ -> num(a.arg(0)) == num(a.arg(1));
            case NE -> num(a.arg(0)) != num(a.arg(1));
            case AND -> bool(a.arg(0)) && bool(a.arg(1));
            case OR -> bool(a.arg(0)) || bool(a.arg(1));
            case NOT -> !bool(a.arg(0));
            case TRUE -> true;
            case FALSE -> false;
            default -> throw new AssertionError("not a predicate: " + a.op());
        };
    }
}
