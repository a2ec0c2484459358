package io.gradgen.processor.ir;

import java.util.List;

/** Terse constructors for IR nodes, so rules read like the formulas they encode. No simplification happens here. */
public final class Exprs {
    private Exprs() {
    }

    public static Const num(double v) {
        return new Const(v);
    }

    public static Expr apply(Op op, Expr... args) {
        return new Apply(op, List.of(args));
    }

    public static Expr add(Expr a, Expr b) {
        return apply(Op.ADD, a, b);
    }

    public static Expr sub(Expr a, Expr b) {
        return apply(Op.SUB, a, b);
    }

    public static Expr mul(Expr a, Expr b) {
        return apply(Op.MUL, a, b);
    }

    public static Expr div(Expr a, Expr b) {
        return apply(Op.DIV, a, b);
    }

    public static Expr neg(Expr a) {
        return apply(Op.NEG, a);
    }

    public static Expr sq(Expr a) {
        return apply(Op.POW, a, Const.TWO);
    }

    public static Expr select(Expr condition, Expr ifTrue, Expr ifFalse) {
        return new Select(condition, ifTrue, ifFalse);
    }

    public static Expr lt(Expr a, Expr b) {
        return apply(Op.LT, a, b);
    }

    public static Expr le(Expr a, Expr b) {
        return apply(Op.LE, a, b);
    }

    public static Expr gt(Expr a, Expr b) {
        return apply(Op.GT, a, b);
    }

    public static Expr eq(Expr a, Expr b) {
        return apply(Op.EQ, a, b);
    }

    public static Expr and(Expr a, Expr b) {
        return apply(Op.AND, a, b);
    }

    public static Expr or(Expr a, Expr b) {
        return apply(Op.OR, a, b);
    }

    public static Expr not(Expr a) {
        return apply(Op.NOT, a);
    }
}
