package io.gradgen.processor.differentiate;

import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Op;

import static io.gradgen.processor.ir.Exprs.*;

import java.util.List;

/**
 * The derivative table: for each operation, the partial derivative of its result with respect to
 * each argument, written in terms of the arguments and the result, the way PyTorch's
 * {@code derivatives.yaml} lists each op's backward. This is the one place to read or add a rule.
 *
 * <p>Kinks follow PyTorch: {@code abs'(0) = 0} (via {@code signum}), {@code relu'(0) = 0},
 * {@code max}/{@code min} ties split the gradient evenly, {@code clamp} passes the gradient on its
 * closed interval; {@code signum}, {@code floor}, {@code ceil}, {@code detach} and predicates have
 * zero gradient.
 */
public final class Derivatives {
    private Derivatives() {
    }

    /**
     * ∂ result / ∂ args[i], or {@link Const#ZERO} when the operation does not depend on that argument
     * differentiably (a structural zero: the differentiator drops the whole chain-rule term).
     */
    public static Expr partial(Op op, List<Expr> args, Expr result, int i) {
        Expr x = args.get(0);
        Expr y = args.size() > 1 ? args.get(1) : null;
        return switch (op) {
            case ADD -> Const.ONE;
            case SUB -> i == 0 ? Const.ONE : Const.MINUS_ONE;
            case MUL -> i == 0 ? y : x;
            case DIV -> i == 0 ? div(Const.ONE, y) : neg(div(x, sq(y)));
            case NEG -> Const.MINUS_ONE;

            case EXP -> result;
            case LOG -> div(Const.ONE, x);
            case LOG1P -> div(Const.ONE, add(Const.ONE, x));
            case LOG10 -> div(Const.ONE, mul(x, apply(Op.LOG, num(10))));
            case EXPM1 -> apply(Op.EXP, x);
            case SQRT -> div(Const.HALF, result);
            case CBRT -> div(Const.ONE, mul(num(3), sq(result)));
            case POW -> i == 0 ? powBase(x, y) : powExponent(x, y, result);
            case ABS -> apply(Op.SIGNUM, x);
            case MAX -> tieSplit(i == 0 ? gt(x, y) : gt(y, x), x, y);
            case MIN -> tieSplit(i == 0 ? lt(x, y) : lt(y, x), x, y);
            case SIN -> apply(Op.COS, x);
            case COS -> neg(apply(Op.SIN, x));
            case TAN -> add(Const.ONE, sq(result));
            case ASIN -> div(Const.ONE, apply(Op.SQRT, sub(Const.ONE, sq(x))));
            case ACOS -> neg(div(Const.ONE, apply(Op.SQRT, sub(Const.ONE, sq(x)))));
            case ATAN -> div(Const.ONE, add(Const.ONE, sq(x)));
            // atan2(y, x): args are (y, x) in Java's order
            case ATAN2 -> i == 0 ? div(y, add(sq(x), sq(y))) : neg(div(x, add(sq(x), sq(y))));
            case SINH -> apply(Op.COSH, x);
            case COSH -> apply(Op.SINH, x);
            case TANH -> sub(Const.ONE, sq(result));
            case HYPOT -> div(args.get(i), result);
            case SIGNUM, FLOOR, CEIL -> Const.ZERO;

            case SQ -> mul(Const.TWO, x);
            case SIGMOID -> mul(result, sub(Const.ONE, result));
            case SOFTPLUS -> apply(Op.SIGMOID, x);
            // d/dx log σ(x) = 1 − σ(x) = σ(−x), which stays exact for large x
            case LOG_SIGMOID -> apply(Op.SIGMOID, neg(x));
            case RELU -> select(gt(x, Const.ZERO), Const.ONE, Const.ZERO);
            case CLAMP -> clamp(args, i);
            // d/da log(e^a + e^b) = e^(a − result): a softmax weight, at most 1, so it never overflows;
            // where both terms may be −∞ (masked or empty accumulations) so is the result, and the
            // weight e^(−∞ + ∞) is NaN: nothing to differentiate there, so the weight is taken only above −∞
            case LOG_ADD_EXP -> MinusInfinity.possible(x) && MinusInfinity.possible(y)
                    ? MinusInfinity.onlyAbove(result, apply(Op.EXP, sub(args.get(i), result)))
                    : apply(Op.EXP, sub(args.get(i), result));
            case LGAMMA -> apply(Op.DIGAMMA, x);
            case DIGAMMA -> apply(Op.TRIGAMMA, x);
            case TRIGAMMA -> apply(Op.TETRAGAMMA, x);
            case TETRAGAMMA -> throw new NoDerivative(op);
            case DETACH -> Const.ZERO;
            case WEIGHTED -> i == 0 ? Const.ONE : Const.ZERO;

            case LT, LE, GT, GE, EQ, NE, AND, OR, NOT, TRUE, FALSE -> Const.ZERO;
        };
    }

    /** An operation whose derivative the table does not have (ψ₃, the derivative of ψ₂). */
    public static final class NoDerivative extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoDerivative(Op op) {
            super("no derivative of " + op.symbol(), null, false, false);
        }
    }

    /** d/dbase base^e = e·base^(e−1), and 0 when e is the constant 0 (as PyTorch, even at base 0). */
    private static Expr powBase(Expr base, Expr exponent) {
        if (exponent instanceof Const c) {
            return c.is(0) ? Const.ZERO : mul(c, apply(Op.POW, base, num(c.value() - 1)));
        }
        Expr general = mul(exponent, apply(Op.POW, base, sub(exponent, Const.ONE)));
        return select(eq(exponent, Const.ZERO), Const.ZERO, general);
    }

    /** d/de base^e = base^e·log(base), taken as 0 where base = 0 and e ≥ 0 (PyTorch's convention). */
    private static Expr powExponent(Expr base, Expr exponent, Expr result) {
        Expr general = mul(result, apply(Op.LOG, base));
        if (base instanceof Const c && c.value() > 0) {
            return general;
        }
        return select(and(eq(base, Const.ZERO), apply(Op.GE, exponent, Const.ZERO)), Const.ZERO, general);
    }

    /** 1 where this argument strictly wins, ½ at a tie, 0 where it loses. */
    private static Expr tieSplit(Expr wins, Expr x, Expr y) {
        return select(wins, Const.ONE, select(eq(x, y), Const.HALF, Const.ZERO));
    }

    /** clamp(x, lo, hi): x's gradient passes on the closed interval [lo, hi]; a bound's where it is active. */
    private static Expr clamp(List<Expr> args, int i) {
        Expr x = args.get(0);
        Expr lo = args.get(1);
        Expr hi = args.get(2);
        Expr active = switch (i) {
            case 0 -> and(apply(Op.GE, x, lo), apply(Op.LE, x, hi));
            case 1 -> lt(x, lo);
            default -> gt(x, hi);
        };
        return select(active, Const.ONE, Const.ZERO);
    }
}
