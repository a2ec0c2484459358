package io.gradgen.processor.differentiate;

import io.gradgen.processor.ir.Apply;

import io.gradgen.processor.ir.RandomExprs;

import io.gradgen.processor.simplify.Simplifier;

import io.gradgen.processor.ir.Select;

import io.gradgen.processor.ir.Numeric;

import io.gradgen.processor.ir.Eval;

import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Var;

import static io.gradgen.processor.ir.Exprs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chain rule over the DAG: structural zeros, shared subexpressions, selects, random expressions. */
class DifferentiatorTest {
    private static final Var X = new Var("x", Var.Role.INPUT);
    private static final Var Y = new Var("y", Var.Role.INPUT);

    @Test
    void anExpressionWithoutTheVariableHasAStructuralZero() {
        Expr e = mul(apply(Op.EXP, X), apply(Op.LOG, X));
        assertEquals(Const.ZERO, Differentiator.derivative(e, Y));
        assertEquals(Const.ZERO, Differentiator.derivative(num(3), X));
        assertEquals(Const.ZERO, Differentiator.derivative(select(gt(Y, X), X, num(1)), Y),
                "y only in the condition");
    }

    @Test
    void independentTermsContributeNoTerm() {
        // d/dx (x + log(y)) is exactly 1: no 0·(1/y) term that could be NaN at y = 0
        assertEquals(Const.ONE, Differentiator.derivative(add(X, apply(Op.LOG, Y)), X));
        Expr d = Differentiator.derivative(mul(X, apply(Op.LOG, Y)), X);
        assertEquals(Double.NEGATIVE_INFINITY, Eval.eval(d, Map.of("x", 1.0, "y", 0.0)));
    }

    @Test
    void chainRuleThroughSharedSubexpressions() {
        Expr s = mul(X, Y);
        Expr e = add(mul(s, s), apply(Op.SIN, s));
        Map<String, Double> at = Map.of("x", 0.7, "y", -1.3);
        double sv = 0.7 * -1.3;
        assertEquals((2 * sv + Math.cos(sv)) * -1.3, Eval.eval(Differentiator.derivative(e, X), at), 1e-12);
        assertEquals((2 * sv + Math.cos(sv)) * 0.7, Eval.eval(Differentiator.derivative(e, Y), at), 1e-12);
    }

    @Test
    void aDeepSharedChainIsDifferentiatedOncePerNode() {
        // e_{k+1} = e_k · e_k + x: a tree of 2^40 nodes, a DAG of 120
        Expr e = X;
        for (int k = 0; k < 40; k++) {
            e = add(mul(e, e), X);
        }
        Expr d = Differentiator.derivative(e, X);
        assertTrue(distinctNodes(d) < 40 * 12, "derivative DAG has " + distinctNodes(d) + " nodes");
        Expr small = X;
        for (int k = 0; k < 3; k++) {
            small = add(mul(small, small), X);
        }
        Map<String, Double> at = Map.of("x", 0.3);
        Expr ds = Differentiator.derivative(small, X);
        assertTrue(Numeric.close(Eval.eval(ds, at), Numeric.central(small, at, "x", 1e-6), 1e-7));
    }

    @Test
    void selectDerivativeIsTheSelectOfBranchDerivatives() {
        Expr c = gt(X, Y);
        Expr t = mul(X, X);
        Expr f = apply(Op.SIN, mul(X, Y));
        Expr d = Differentiator.derivative(select(c, t, f), X);
        assertEquals(select(c, Differentiator.derivative(t, X), Differentiator.derivative(f, X)), d);
        assertEquals(2 * 2.0, Eval.eval(d, Map.of("x", 2.0, "y", 1.0)), 1e-15);
        assertEquals(Math.cos(2.0 * 3.0) * 3.0, Eval.eval(d, Map.of("x", 2.0, "y", 3.0)), 1e-15);
    }

    @Test
    void aSelectWithOneConstantBranchKeepsAZeroBranch() {
        Expr d = Differentiator.derivative(select(gt(X, num(0)), mul(X, X), num(0)), X);
        assertTrue(d instanceof Select, () -> "relu-like select derivative: " + d);
        assertEquals(0.0, Eval.eval(d, Map.of("x", -1.0)));
    }

    @Test
    void constantsAndLabelsAreNotDifferentiated() {
        Var k = new Var("k", Var.Role.CONSTANT);
        assertEquals(Const.ZERO, Differentiator.derivative(mul(k, k), X));
        assertEquals(k, Simplifier.full().simplify(Differentiator.derivative(mul(k, X), X)));
    }

    @Test
    void randomExpressionsMatchCentralDifferences() {
        RandomExprs gen = new RandomExprs(424_242L);
        int checked = 0;
        for (int n = 0; n < 300; n++) {
            Expr e = gen.next(5);
            for (Var v : RandomExprs.VARS) {
                Expr raw = Differentiator.derivative(e, v);
                Expr simplified = Simplifier.full().simplify(raw);
                for (int k = 0; k < 3; k++) {
                    Map<String, Double> at = gen.point();
                    double numeric = Numeric.smoothDerivative(e, at, v.name());
                    if (Double.isNaN(numeric)) {
                        continue;
                    }
                    checked++;
                    double got = Eval.eval(raw, at);
                    double gotSimplified = Eval.eval(simplified, at);
                    assertTrue(Numeric.close(got, numeric, 1e-5),
                            () -> "d/d" + v.name() + " " + e + " at " + at + ": " + raw + " = " + got
                                    + ", central differences " + numeric);
                    assertTrue(Numeric.close(gotSimplified, numeric, 1e-5),
                            () -> "simplified d/d" + v.name() + " " + e + " at " + at + ": " + simplified
                                    + " = " + gotSimplified + ", central differences " + numeric);
                }
            }
        }
        assertTrue(checked > 1500, "checked " + checked);
    }

    private static int distinctNodes(Expr e) {
        Set<Expr> seen = new HashSet<>();
        count(e, seen);
        return seen.size();
    }

    private static void count(Expr e, Set<Expr> seen) {
        if (!seen.add(e)) {
            return;
        }
        if (e instanceof Apply a) {
            a.args().forEach(arg -> count(arg, seen));
        } else if (e instanceof Select s) {
            count(s.condition(), seen);
            count(s.ifTrue(), seen);
            count(s.ifFalse(), seen);
        }
    }
}
