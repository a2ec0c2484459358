package io.gradgen.processor.normalise;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.processor.body.Body;
import io.gradgen.processor.body.Helper;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.body.Stmt;
import io.gradgen.processor.ir.Eval;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Var;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The normaliser on hand-built bodies: each body is also written as plain Java, and both are
 * evaluated at a grid of points that visits every branch.
 */
class NormaliserTest {
    private static final Var X = new Var("x", Var.Role.INPUT);
    private static final Var Y = new Var("y", Var.Role.INPUT);
    private static final List<Var> PARAMS = List.of(X, Y);
    private static final double[] GRID = {-2.5, -1.0, -0.25, 0.0, 0.5, 1.0, 1.75, 3.0};

    // ---------------------------------------------------------------- tiny builders

    private static Node ref(String name) {
        return new Node.Ref(name);
    }

    private static Node num(double v) {
        return new Node.Num(v);
    }

    private static Node call(Op op, Node... args) {
        return new Node.Call(op, List.of(args));
    }

    private static Stmt declare(String name, Node init) {
        return new Stmt.Declare(name, init);
    }

    private static Stmt assign(String name, Node value) {
        return new Stmt.Assign(name, value);
    }

    private static Stmt ret(Node value) {
        return new Stmt.Return(value);
    }

    private static Stmt ifElse(Node cond, List<Stmt> then, List<Stmt> otherwise) {
        return new Stmt.If(cond, then, otherwise);
    }

    private static NormalisedLoss normalise(Stmt... statements) {
        return Normaliser.normalise(new Body(List.of(statements)), PARAMS);
    }

    private static void assertMatches(NormalisedLoss loss, DoubleBinaryOperator plainJava) {
        for (double x : GRID) {
            for (double y : GRID) {
                double want = plainJava.applyAsDouble(x, y);
                double got = Eval.eval(loss.value(), Map.of("x", x, "y", y));
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got),
                        () -> "at x=" + x + ", y=" + y + ": " + loss.value() + " gives " + got + ", Java " + want);
            }
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    void reassignmentRebindsTheLocal() {
        // double s = 0; s = s + x; s = s + x * y; return s * s;
        NormalisedLoss loss = normalise(
                declare("s", num(0)),
                assign("s", call(Op.ADD, ref("s"), ref("x"))),
                assign("s", call(Op.ADD, ref("s"), call(Op.MUL, ref("x"), ref("y")))),
                ret(call(Op.MUL, ref("s"), ref("s"))));
        assertMatches(loss, (x, y) -> {
            double s = 0;
            s = s + x;
            s = s + x * y;
            return s * s;
        });
    }

    @Test
    void ifElseMergesALocalIntoASelect() {
        // double d = x - y; double l; if (d > 0) l = d * d; else l = -d; return l;
        NormalisedLoss loss = normalise(
                declare("d", call(Op.SUB, ref("x"), ref("y"))),
                declare("l", null),
                ifElse(call(Op.GT, ref("d"), num(0)),
                        List.of(assign("l", call(Op.MUL, ref("d"), ref("d")))),
                        List.of(assign("l", call(Op.NEG, ref("d"))))),
                ret(ref("l")));
        assertTrue(loss.value() instanceof Select, () -> "merged into a select: " + loss.value());
        assertMatches(loss, (x, y) -> {
            double d = x - y;
            double l;
            if (d > 0) {
                l = d * d;
            } else {
                l = -d;
            }
            return l;
        });
    }

    @Test
    void ifWithoutElseKeepsTheOldValueOtherwise() {
        // double s = x; if (y < 0) s = s * 2; return s + y;
        NormalisedLoss loss = normalise(
                declare("s", ref("x")),
                ifElse(call(Op.LT, ref("y"), num(0)), List.of(assign("s", call(Op.MUL, ref("s"), num(2)))), List.of()),
                ret(call(Op.ADD, ref("s"), ref("y"))));
        assertMatches(loss, (x, y) -> {
            double s = x;
            if (y < 0) {
                s = s * 2;
            }
            return s + y;
        });
    }

    @Test
    void nestedIfElseIfElse() {
        // double r = 0;
        // if (x < -1) r = -x; else if (x < 1) { if (y > 0) r = x * y; else r = y; } else r = x * x;
        // return r + 1;
        NormalisedLoss loss = normalise(
                declare("r", num(0)),
                ifElse(call(Op.LT, ref("x"), num(-1)),
                        List.of(assign("r", call(Op.NEG, ref("x")))),
                        List.of(ifElse(call(Op.LT, ref("x"), num(1)),
                                List.of(ifElse(call(Op.GT, ref("y"), num(0)),
                                        List.of(assign("r", call(Op.MUL, ref("x"), ref("y")))),
                                        List.of(assign("r", ref("y"))))),
                                List.of(assign("r", call(Op.MUL, ref("x"), ref("x"))))))),
                ret(call(Op.ADD, ref("r"), num(1))));
        assertMatches(loss, (x, y) -> {
            double r = 0;
            if (x < -1) {
                r = -x;
            } else if (x < 1) {
                if (y > 0) {
                    r = x * y;
                } else {
                    r = y;
                }
            } else {
                r = x * x;
            }
            return r + 1;
        });
    }

    @Test
    void earlyReturnInOneBranchThenAFinalReturn() {
        // double d = x - y; if (d < 0) return -d; d = d * 3; return d + x;
        NormalisedLoss loss = normalise(
                declare("d", call(Op.SUB, ref("x"), ref("y"))),
                ifElse(call(Op.LT, ref("d"), num(0)), List.of(ret(call(Op.NEG, ref("d")))), List.of()),
                assign("d", call(Op.MUL, ref("d"), num(3))),
                ret(call(Op.ADD, ref("d"), ref("x"))));
        assertMatches(loss, (x, y) -> {
            double d = x - y;
            if (d < 0) {
                return -d;
            }
            d = d * 3;
            return d + x;
        });
    }

    @Test
    void severalEarlyReturnsNestedAndSequential() {
        // if (x > 2) return 1; if (y > 0) { if (x < 0) return x * y; y = y * 2; } if (y < -2) return y; return x + y;
        NormalisedLoss loss = normalise(
                ifElse(call(Op.GT, ref("x"), num(2)), List.of(ret(num(1))), List.of()),
                ifElse(call(Op.GT, ref("y"), num(0)),
                        List.of(ifElse(call(Op.LT, ref("x"), num(0)),
                                        List.of(ret(call(Op.MUL, ref("x"), ref("y")))), List.of()),
                                assign("y", call(Op.MUL, ref("y"), num(2)))),
                        List.of()),
                ifElse(call(Op.LT, ref("y"), num(-2)), List.of(ret(ref("y"))), List.of()),
                ret(call(Op.ADD, ref("x"), ref("y"))));
        assertMatches(loss, (x, y) -> {
            if (x > 2) {
                return 1;
            }
            if (y > 0) {
                if (x < 0) {
                    return x * y;
                }
                y = y * 2;
            }
            if (y < -2) {
                return y;
            }
            return x + y;
        });
    }

    @Test
    void returnInBothBranches() {
        // double d = x - y; if (d > 0) return d; else return -d * y;
        NormalisedLoss loss = assertDoesNotThrow(() -> normalise(
                declare("d", call(Op.SUB, ref("x"), ref("y"))),
                ifElse(call(Op.GT, ref("d"), num(0)),
                        List.of(ret(ref("d"))),
                        List.of(ret(call(Op.MUL, call(Op.NEG, ref("d")), ref("y")))))));
        assertMatches(loss, (x, y) -> {
            double d = x - y;
            if (d > 0) {
                return d;
            } else {
                return -d * y;
            }
        });
    }

    @Test
    void returnInBothBranchesAfterAPartialReturn() {
        // if (x < 0) return y; if (y < 0) return x * 2; else return x + y;
        NormalisedLoss loss = assertDoesNotThrow(() -> normalise(
                ifElse(call(Op.LT, ref("x"), num(0)), List.of(ret(ref("y"))), List.of()),
                ifElse(call(Op.LT, ref("y"), num(0)),
                        List.of(ret(call(Op.MUL, ref("x"), num(2)))),
                        List.of(ret(call(Op.ADD, ref("x"), ref("y")))))));
        assertMatches(loss, (x, y) -> {
            if (x < 0) {
                return y;
            }
            if (y < 0) {
                return x * 2;
            } else {
                return x + y;
            }
        });
    }

    @Test
    void aPathWithoutReturnIsReported() {
        assertThrows(IllegalStateException.class, () -> normalise(
                ifElse(call(Op.LT, ref("x"), num(0)), List.of(ret(ref("y"))), List.of())));
    }

    @Test
    void conditionalExpressions() {
        // return x > y ? x - y : (y - x) * 0.5;
        NormalisedLoss loss = normalise(ret(new Node.Cond(call(Op.GT, ref("x"), ref("y")),
                call(Op.SUB, ref("x"), ref("y")), call(Op.MUL, call(Op.SUB, ref("y"), ref("x")), num(0.5)))));
        assertMatches(loss, (x, y) -> x > y ? x - y : (y - x) * 0.5);
    }

    @Test
    void helpersAreInlinedIncludingHelpersCallingHelpers() {
        // static double sqr(double v) { return v * v; }
        Helper sqr = new Helper("H.sqr", List.of("v"), false, List.of(ret(call(Op.MUL, ref("v"), ref("v")))));
        // static double huber(double a, double b) { double d = a - b; if (Math.abs(d) < 1) return 0.5 * sqr(d); return Math.abs(d) - 0.5; }
        Helper huber = new Helper("H.huber", List.of("a", "b"), false, List.of(
                declare("d", call(Op.SUB, ref("a"), ref("b"))),
                ifElse(call(Op.LT, call(Op.ABS, ref("d")), num(1)),
                        List.of(ret(call(Op.MUL, num(0.5), new Node.Invoke(sqr, List.of(ref("d")))))),
                        List.of()),
                ret(call(Op.SUB, call(Op.ABS, ref("d")), num(0.5)))));
        // the helper's parameter "d" must not clash with the caller's local "d"
        // double d = y * 2; return huber(x, d) + sqr(d - x);
        NormalisedLoss loss = normalise(
                declare("d", call(Op.MUL, ref("y"), num(2))),
                ret(call(Op.ADD,
                        new Node.Invoke(huber, List.of(ref("x"), ref("d"))),
                        new Node.Invoke(sqr, List.of(call(Op.SUB, ref("d"), ref("x")))))));
        assertMatches(loss, (x, y) -> {
            double d = y * 2;
            return huberJava(x, d) + sqrJava(d - x);
        });
    }

    private static double sqrJava(double v) {
        return v * v;
    }

    private static double huberJava(double a, double b) {
        double d = a - b;
        if (Math.abs(d) < 1) {
            return 0.5 * sqrJava(d);
        }
        return Math.abs(d) - 0.5;
    }

    @Test
    void localNamesAreKeptAsHints() {
        // double diff = x - y; double sq = diff * diff; double s = 0; return sq + s;
        NormalisedLoss loss = normalise(
                declare("diff", call(Op.SUB, ref("x"), ref("y"))),
                declare("sq", call(Op.MUL, ref("diff"), ref("diff"))),
                declare("alias", ref("x")),
                declare("s", num(0)),
                ret(call(Op.ADD, ref("sq"), ref("s"))));
        Expr diff = new io.gradgen.processor.ir.Apply(Op.SUB, List.of(X, Y));
        Expr sq = new io.gradgen.processor.ir.Apply(Op.MUL, List.of(diff, diff));
        assertEquals(Map.of(diff, "diff", sq, "sq"), loss.localNames(),
                "only computed values get names; a parameter or a constant keeps its own");
    }

    @Test
    void theFirstNameOfAValueWins() {
        NormalisedLoss loss = normalise(
                declare("first", call(Op.EXP, ref("x"))),
                declare("second", call(Op.EXP, ref("x"))),
                ret(ref("second")));
        assertEquals(List.of("first"), List.copyOf(loss.localNames().values()));
    }
}
