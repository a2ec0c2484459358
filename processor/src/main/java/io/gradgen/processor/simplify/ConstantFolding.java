package io.gradgen.processor.simplify;

import io.gradgen.processor.ir.Exprs;

import io.gradgen.processor.ir.Indices;

import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Op;

import java.util.List;

/**
 * Evaluates operations whose arguments are all constants, for the operations whose Java result is
 * exactly determined (IEEE arithmetic, {@code sqrt}, comparisons), so a folded constant is the very
 * double the user's method computes. Transcendental calls stay symbolic ({@code Math.log(2.0)}).
 */
final class ConstantFolding {
    private ConstantFolding() {
    }

    static Expr fold(Op op, List<Expr> args) {
        if (op.isPredicate()) {
            return foldPredicate(op, args);
        }
        double[] v = new double[args.size()];
        for (int i = 0; i < v.length; i++) {
            if (!(args.get(i) instanceof Const c)) {
                return null;
            }
            v[i] = c.value();
        }
        Double r = switch (op) {
            case ADD -> v[0] + v[1];
            case SUB -> v[0] - v[1];
            case MUL -> v[0] * v[1];
            case DIV -> v[0] / v[1];
            case NEG -> -v[0];
            case ABS -> Math.abs(v[0]);
            case MAX -> Math.max(v[0], v[1]);
            case MIN -> Math.min(v[0], v[1]);
            case SQRT -> Math.sqrt(v[0]);
            case SIGNUM -> Math.signum(v[0]);
            case FLOOR -> Math.floor(v[0]);
            case CEIL -> Math.ceil(v[0]);
            case SQ -> v[0] * v[0];
            // The explicit Double keeps the conditional boxed: with a bare double branch it would be
            // unboxed, and pow(c, 3.0) threw a NullPointerException instead of staying symbolic.
            case POW -> v[1] == 0 ? Double.valueOf(1.0) : v[1] == 1 ? Double.valueOf(v[0])
                    : v[1] == 2 ? Double.valueOf(v[0] * v[0]) : null;
            default -> null;
        };
        return r == null ? null : new Const(r);
    }

    private static Expr foldPredicate(Op op, List<Expr> args) {
        if (op == Op.TRUE || op == Op.FALSE) {
            return null;
        }
        if (op.family() == Op.Family.COMPARISON) {
            if (Indices.isIndex(args.get(0)) && args.get(0).equals(args.get(1))) {
                // an index (or label) equals itself: integers, never NaN
                return bool(op == Op.EQ || op == Op.LE || op == Op.GE);
            }
            if (!(args.get(0) instanceof Const a) || !(args.get(1) instanceof Const b)) {
                return null;
            }
            double x = a.value();
            double y = b.value();
            boolean r = switch (op) {
                case LT -> x < y;
                case LE -> x <= y;
                case GT -> x > y;
                case GE -> x >= y;
                case EQ -> x == y;
                default -> x != y;
            };
            return bool(r);
        }
        if (op == Op.NOT) {
            return Simplifier.isTrue(args.get(0)) ? bool(false) : Simplifier.isFalse(args.get(0)) ? bool(true) : null;
        }
        return null;
    }

    private static Expr bool(boolean b) {
        return Exprs.apply(b ? Op.TRUE : Op.FALSE);
    }
}
