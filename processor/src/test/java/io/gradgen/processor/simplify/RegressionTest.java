package io.gradgen.processor.simplify;

import io.gradgen.processor.ir.Const;

import io.gradgen.processor.ir.ExprText;

import io.gradgen.processor.ir.Eval;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Var;

import static io.gradgen.processor.ir.Exprs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failing inputs found by the property tests of the symbolic core, kept as they were found. */
class RegressionTest {
    private static final Var X = new Var("x", Var.Role.INPUT);
    private static final Var Y = new Var("y", Var.Role.INPUT);
    private static final Var Z = new Var("z", Var.Role.INPUT);

    private static Expr full(Expr e) {
        return Simplifier.full().simplify(e);
    }

    /** ConstantFolding unboxed a null in its pow case: pow(c, k) for k ∉ {0, 1, 2} threw a NullPointerException. */
    @Test
    void powerOfConstantsWithOtherExponentsStaysSymbolic() {
        Expr cube = apply(Op.POW, num(3.0), num(3.0));
        assertEquals(cube, Simplifier.light().simplify(cube));
        assertEquals(num(27.0), full(cube), "the canonical form multiplies out integer powers");
        assertEquals(apply(Op.POW, num(0.0), num(-1.0)), Simplifier.light().simplify(apply(Op.POW, num(0.0), num(-1.0))));
        assertEquals(num(9.0), Simplifier.light().simplify(apply(Op.POW, num(3.0), num(2.0))));
    }

    /**
     * A user's local that is a constant ({@code double t0 = 1.0;}) made {@code 1.0} an atom of the
     * canonical simplifier, so {@code t0 / x + t0} factored {@code t0} out of itself forever: a
     * StackOverflowError, reported as {@code [gradgen/Internal]} (found by the fuzzer).
     */
    @Test
    void aConstantLocalIsNotAnAtom() {
        Expr sum = add(div(num(1.0), X), num(1.0));
        Simplifier simplifier = Simplifier.full(java.util.Set.of(num(1.0), sum));
        simplifier.simplify(num(1.0));
        Expr once = simplifier.simplify(sum);
        assertEquals(2.0, Eval.eval(once, Map.of("x", 1.0)));
    }

    /** A partial sum was factored on its own, so the result depended on association and a second pass changed it. */
    @Test
    void commonFactorsDoNotDependOnHowASumIsAssociated() {
        Expr l = apply(Op.LOG, Z);
        Expr m = apply(Op.EXP, Z);
        Expr leftAssociated = sub(sub(Y, mul(Y, l)), mul(num(0.5), m));
        Expr rightAssociated = sub(Y, add(mul(Y, l), mul(num(0.5), m)));
        Expr once = full(leftAssociated);
        assertEquals(full(rightAssociated), once);
        assertEquals(once, full(once));
        // and like terms meet across the grouping: (y − y·l) + y·l is y
        assertEquals(Y, full(add(sub(Y, mul(Y, l)), mul(Y, l))));
    }

    /** −1 times a sum printed as −(a − b), which the next pass rewrote to b − a. */
    @Test
    void aNegatedSumIsWrittenAsTheSumOfNegations() {
        Expr once = full(mul(sub(div(X, Y), apply(Op.LOG, Z)), num(-1.0)));
        assertEquals("Math.log(z) - x / y", ExprText.of(once));
        assertEquals(once, full(once));
    }

    /** A product by zero inside a sum was dropped (folding a·0), but kept when it stood alone. */
    @Test
    void productsByZeroAreKeptInsideSumsToo() {
        Expr zeroLog = mul(num(0.0), apply(Op.LOG, X));
        Expr negated = full(neg(zeroLog));
        assertFalse(negated instanceof Const, () -> "−(0·log x) became " + negated);
        assertEquals(negated, full(negated));
        Expr sum = full(add(zeroLog, Y));
        assertEquals(Double.NaN, Eval.eval(sum, Map.of("x", -1.0, "y", 2.0)), "0·log(−1) is NaN");
        assertEquals(sum, full(sum));
        // like terms that cancel are still dropped
        assertEquals(Y, full(add(sub(X, X), Y)));
    }
}
