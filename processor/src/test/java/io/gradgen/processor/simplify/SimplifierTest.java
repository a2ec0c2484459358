package io.gradgen.processor.simplify;

import io.gradgen.processor.ir.Select;

import io.gradgen.processor.ir.Apply;

import io.gradgen.processor.ir.RandomExprs;

import io.gradgen.processor.ir.Eval;

import io.gradgen.processor.ir.ExprText;

import io.gradgen.processor.ir.Op;

import io.gradgen.processor.ir.Const;

import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Var;

import static io.gradgen.processor.ir.Exprs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The exact identities of {@link Simplifier#light()}, the canonical forms of {@link Simplifier#full()}, and properties. */
class SimplifierTest {
    private static final Var X = new Var("x", Var.Role.INPUT);
    private static final Var Y = new Var("y", Var.Role.INPUT);
    private static final Var Z = new Var("z", Var.Role.INPUT);
    private static final Var A = new Var("a", Var.Role.INPUT);
    private static final Var B = new Var("b", Var.Role.INPUT);
    private static final Var K = new Var("k", Var.Role.CONSTANT);

    private static Expr light(Expr e) {
        return Simplifier.light().simplify(e);
    }

    private static Expr full(Expr e) {
        return Simplifier.full().simplify(e);
    }

    // ---------------------------------------------------------------- light(): exact identities

    @Test
    void lightDropsMultiplicativeAndAdditiveIdentities() {
        assertEquals(X, light(mul(X, Const.ONE)));
        assertEquals(X, light(mul(Const.ONE, X)));
        assertEquals(X, light(div(X, Const.ONE)));
        assertEquals(X, light(neg(neg(X))));
        assertEquals(X, light(sub(X, num(0.0))));
        assertEquals(X, light(add(num(-0.0), X)), "-0.0 + x is x for every x");
        assertEquals(X, light(add(X, num(-0.0))));
    }

    @Test
    void fullKeepsTheForwardsArithmeticInTheOperandsOfAComparison() {
        // x < x·(a/b) and x < x·a/b round differently: the backward must branch where the forward did
        Expr condition = lt(X, mul(X, div(A, Y)));
        Expr simplified = Simplifier.full().simplify(select(condition, X, Const.ZERO));
        assertEquals(select(condition, X, Const.ZERO), simplified);
        // outside a comparison the same product is still brought into canonical form
        assertFalse(Simplifier.full().simplify(mul(X, div(A, Y))).equals(mul(X, div(A, Y))));
    }

    @Test
    void lightFoldsConstants() {
        assertEquals(num(6.0), light(mul(num(2.0), num(3.0))));
        assertEquals(num(0.1 + 0.2), light(add(num(0.1), num(0.2))), "folded with IEEE arithmetic, not decimals");
        assertEquals(num(Math.sqrt(2.0)), light(apply(Op.SQRT, num(2.0))));
        assertEquals(mul(X, num(6.0)), light(mul(X, mul(num(2.0), num(3.0)))));
    }

    @Test
    void lightResolvesSelectsWithConstantConditions() {
        assertEquals(X, light(select(apply(Op.TRUE), X, Y)));
        assertEquals(Y, light(select(apply(Op.FALSE), X, Y)));
        assertEquals(X, light(select(lt(num(1), num(2)), X, Y)));
        assertEquals(Y, light(select(gt(num(1), num(2)), X, Y)));
        assertEquals(X, light(select(lt(X, Y), X, X)), "equal branches");
    }

    @Test
    void lightRemovesDoubleNegationOfPredicates() {
        Expr c = lt(X, Y);
        assertEquals(c, light(not(not(c))));
        assertEquals(select(c, Y, X), light(select(not(c), X, Y)));
        assertEquals(apply(Op.FALSE), light(not(apply(Op.TRUE))));
    }

    @Test
    void lightNeverChangesABit() {
        // x·0 is NaN for x = ∞ or NaN, and −0.0 for negative x
        assertEquals(mul(X, Const.ZERO), light(mul(X, Const.ZERO)));
        // +0.0 + (−0.0) is +0.0, so 0.0 + x is not x
        assertEquals(add(num(0.0), X), light(add(num(0.0), X)));
        assertEquals(add(X, num(0.0)), light(add(X, num(0.0))));
        // (x + 1) + 2 is not x + 3 in floating point
        assertEquals(add(add(X, num(1)), num(2)), light(add(add(X, num(1)), num(2))));
        assertEquals(mul(mul(X, num(3)), num(5)), light(mul(mul(X, num(3)), num(5))));
        assertEquals(add(X, X), light(add(X, X)));
        assertEquals(sub(X, X), light(sub(X, X)), "x − x is NaN for infinite x");
        // pow(x, 3) is not x·x·x bit for bit
        assertEquals(apply(Op.POW, X, num(3)), light(apply(Op.POW, X, num(3))));
    }

    // ---------------------------------------------------------------- full(): canonical forms

    @Test
    void fullCombinesLikeTerms() {
        assertEquals(mul(num(2.0), X), full(add(X, X)));
        assertEquals(mul(num(2.0), mul(X, Y)), full(add(mul(X, Y), mul(Y, X))));
        assertEquals(full(mul(X, Y)), full(mul(Y, X)), "factor order is canonical");
        assertEquals(X, full(sub(add(X, Y), Y)));
    }

    @Test
    void fullCombinesLikeFactorsIntoPowers() {
        assertEquals(apply(Op.POW, X, num(2.0)), full(mul(X, X)));
        assertEquals(apply(Op.POW, X, num(3.0)), full(mul(mul(X, X), X)));
        assertEquals(X, full(div(mul(X, Y), Y)));
    }

    @Test
    void fullCancelsEqualDifferences() {
        Expr d = sub(A, B);
        assertEquals(num(0.0), full(sub(d, d)));
        assertEquals(num(0.0), full(add(sub(A, B), sub(B, A))));
    }

    @Test
    void fullPullsACommonFactorOutOfASum() {
        Expr e = full(add(mul(X, Y), mul(X, Z)));
        assertEquals("x * (y + z)", ExprText.of(e));
    }

    @Test
    void fullPullsACommonFactorOutOfASelect() {
        Expr c = gt(X, num(0));
        Expr e = full(select(c, mul(K, A), mul(K, B)));
        assertEquals(mul(K, select(c, A, B)), e);
        // the coefficient too, when both branches share it
        assertEquals(mul(num(2.0), select(c, A, B)), full(select(c, mul(num(2), A), mul(num(2), B))));
    }

    @Test
    void fullKeepsNamedSubexpressionsWhole() {
        Var p = new Var("p", Var.Role.INPUT);
        Expr pt = sub(Const.ONE, p);
        Expr e = add(pt, mul(p, p));
        // unnamed: (1 − p) + p² flattens into one sum
        assertEquals(add(sub(apply(Op.POW, p, num(2.0)), p), num(1.0)), full(e));
        // named: 1 − p stays one factor
        Expr kept = Simplifier.full(Set.of(pt)).simplify(e);
        assertTrue(contains(kept, sub(num(1.0), p)), () -> "1 - p kept whole in " + kept);
        assertEquals(Eval.eval(e, Map.of("p", 0.3)), Eval.eval(kept, Map.of("p", 0.3)), 1e-15);
    }

    @Test
    void fullDoesNotFoldMultiplicationByZero() {
        Expr e = full(mul(apply(Op.LOG, X), Const.ZERO));
        assertFalse(e instanceof Const, () -> "log(x)·0 is NaN for x < 0, yet became " + e);
    }

    // ---------------------------------------------------------------- properties

    @Test
    void fullPreservesValuesIsIdempotentAndDeterministic() {
        RandomExprs gen = new RandomExprs(20_261_126L);
        int compared = 0;
        for (int n = 0; n < 300; n++) {
            Expr e = gen.next(5);
            Expr s = Simplifier.full().simplify(e);
            Expr again = Simplifier.full().simplify(e);
            assertEquals(s, again, () -> "two simplifiers disagree on " + e);
            assertEquals(ExprText.of(s), ExprText.of(again));
            Expr twice = Simplifier.full().simplify(s);
            assertEquals(s, twice, () -> "not idempotent: " + e + "\n  once:  " + s + "\n  twice: " + twice);
            for (int k = 0; k < 5; k++) {
                Map<String, Double> at = gen.point();
                double want = Eval.eval(e, at);
                double got = Eval.eval(s, at);
                if (!Double.isFinite(want) || Math.abs(want) > 1e8) {
                    continue;
                }
                compared++;
                assertTrue(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)),
                        () -> e + "\n  simplified to " + s + "\n  at " + at + ": " + want + " vs " + got);
            }
        }
        assertTrue(compared > 1000, "compared " + compared);
    }

    @Test
    void lightPreservesValuesBitForBit() {
        RandomExprs gen = new RandomExprs(7L);
        for (int n = 0; n < 300; n++) {
            Expr e = gen.next(5);
            Expr s = light(e);
            for (int k = 0; k < 3; k++) {
                Map<String, Double> at = gen.point();
                double want = Eval.eval(e, at);
                double got = Eval.eval(s, at);
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got),
                        () -> e + " → " + s + " at " + at);
            }
        }
    }

    private static boolean contains(Expr e, Expr part) {
        if (e.equals(part)) {
            return true;
        }
        if (e instanceof Apply a) {
            return a.args().stream().anyMatch(arg -> contains(arg, part));
        }
        if (e instanceof Select s) {
            return contains(s.condition(), part) || contains(s.ifTrue(), part) || contains(s.ifFalse(), part);
        }
        return false;
    }

    @Test
    void fullWritesASelectOfItsComparedValuesAsMinOrMax() {
        assertEquals(apply(Op.MIN, X, Y), full(select(le(X, Y), X, Y)));
        assertEquals(apply(Op.MIN, X, Y), full(select(gt(X, Y), Y, X)));
        assertEquals(apply(Op.MAX, X, Y), full(select(lt(X, Y), Y, X)));
        assertEquals(select(le(X, Y), Y, num(1.0)), full(select(le(X, Y), Y, num(1.0))), "other sides stay a select");
        assertEquals(select(le(X, Y), X, Y), light(select(le(X, Y), X, Y)), "values keep the user's select");
    }

    /** The derivative of max(x, c), ties split: exactly 0.5·sign(x − c) + 0.5 everywhere but at NaN. */
    @Test
    void fullWritesTheTieSplitStepAsAHalfSign() {
        for (double c : new double[] {0.0, -1.5, 3.0}) {
            Expr step = select(gt(X, num(c)), num(1.0), select(eq(X, num(c)), num(0.5), num(0.0)));
            Expr down = select(lt(X, num(c)), num(1.0), select(eq(X, num(c)), num(0.5), num(0.0)));
            Expr s = full(step);
            Expr d = full(down);
            assertFalse(s instanceof Select, s.toString());
            assertFalse(d instanceof Select, d.toString());
            for (double x : new double[] {c, Math.nextUp(c), Math.nextDown(c), -0.0, 0.0, 1e300, -1e300,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 2.5}) {
                Map<String, Double> at = Map.of("x", x);
                assertEquals(Eval.eval(step, at), Eval.eval(s, at), 0.0, "step at " + x + ", c = " + c);
                assertEquals(Eval.eval(down, at), Eval.eval(d, at), 0.0, "down at " + x + ", c = " + c);
            }
        }
    }
}
