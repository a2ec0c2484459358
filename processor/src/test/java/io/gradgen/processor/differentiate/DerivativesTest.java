package io.gradgen.processor.differentiate;

import io.gradgen.processor.simplify.Simplifier;

import io.gradgen.processor.ir.ExprText;

import io.gradgen.processor.ir.Numeric;

import io.gradgen.processor.ir.Apply;

import io.gradgen.processor.ir.Const;

import io.gradgen.processor.ir.Eval;

import io.gradgen.processor.ir.Expr;

import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Var;

import static io.gradgen.processor.ir.Exprs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the derivative table, against central differences and symbolically; and the kinks. */
class DerivativesTest {
    private static final List<Var> ARGS = List.of(
            new Var("a", Var.Role.INPUT), new Var("b", Var.Role.INPUT), new Var("c", Var.Role.INPUT));
    private static final Var X = ARGS.get(0);
    private static final Var Y = ARGS.get(1);
    private static final Var Z = ARGS.get(2);

    /** Every value operation: iterating {@link Op#values()} means a new op without a domain here is still tested. */
    static Stream<Op> valueOps() {
        // detach's zero gradient is its definition, not the derivative of its value: tested on its own;
        // tetragamma exists for second derivatives only and has no derivative of its own (tested below)
        return Arrays.stream(Op.values()).filter(op -> !op.isPredicate() && op != Op.DETACH && op != Op.TETRAGAMMA);
    }

    @Test
    void tetragammaHasNoDerivativeAndCannotBeCalled() {
        assertThrows(Derivatives.NoDerivative.class,
                () -> Derivatives.partial(Op.TETRAGAMMA, List.of(X), apply(Op.TETRAGAMMA, X), 0));
        assertTrue(Op.call(Op.Family.FUNCTIONS, "tetragamma", 1).isEmpty());
        assertTrue(Op.call(Op.Family.FUNCTIONS, "trigamma", 1).isPresent());
    }

    @Test
    void detachHasZeroGradientButKeepsItsValue() {
        Expr e = mul(X, apply(Op.DETACH, X));
        Map<String, Double> at = Map.of("a", 3.0);
        assertEquals(9.0, Eval.eval(e, at));
        assertEquals(3.0, Eval.eval(Differentiator.derivative(e, X), at), "d/dx x·detach(x) = detach(x)");
        assertEquals(Const.ZERO, Differentiator.derivative(apply(Op.DETACH, X), X));
    }

    @ParameterizedTest
    @MethodSource("valueOps")
    void everyPartialMatchesCentralDifferences(Op op) {
        Expr e = new Apply(op, List.<Expr>copyOf(ARGS.subList(0, op.arity())));
        Random random = new Random(op.ordinal() * 7919L + 17);
        int checked = 0;
        for (int attempt = 0; attempt < 200 && checked < 8; attempt++) {
            double[] v = sample(op, random);
            if (!awayFromKinks(op, v)) {
                continue;
            }
            Map<String, Double> at = point(v);
            for (int i = 0; i < op.arity(); i++) {
                Var wrt = ARGS.get(i);
                Expr analytic = Differentiator.derivative(e, wrt);
                double h = 1e-6 * Math.max(1, Math.abs(v[i]));
                double numeric = Numeric.central(e, at, wrt.name(), h);
                double got = Eval.eval(analytic, at);
                assertTrue(Numeric.close(got, numeric, 1e-6),
                        () -> "d/d" + wrt.name() + " " + e + " at " + at + ": rule " + analytic
                                + " gives " + got + ", central differences " + numeric);
            }
            checked++;
        }
        assertEquals(8, checked, "points checked for " + op);
    }

    @Test
    void powerWithConstantExponents() {
        for (double k : new double[] {-2, -1, 0.5, 2, 3, 1.5}) {
            Expr e = apply(Op.POW, X, num(k));
            for (double a : new double[] {0.4, 1.1, 2.7}) {
                Map<String, Double> at = Map.of("a", a);
                assertTrue(Numeric.close(Eval.eval(Differentiator.derivative(e, X), at),
                        Numeric.central(e, at, "a", 1e-6), 1e-6), "pow(a, " + k + ") at " + a);
            }
        }
        assertEquals(Const.ZERO, Differentiator.derivative(apply(Op.POW, X, Const.ZERO), X), "d/dx x^0");
    }

    @Test
    void powerAtZeroBaseFollowsPyTorch() {
        // d/de 0^e is 0 for e >= 0 (not 0 · log 0 = NaN)
        Expr e = apply(Op.POW, X, Y);
        Map<String, Double> at = Map.of("a", 0.0, "b", 2.0);
        assertEquals(0.0, Eval.eval(Differentiator.derivative(e, Y), at));
        assertEquals(0.0, Eval.eval(Differentiator.derivative(e, X), at));
    }

    // ---------------------------------------------------------------- kinks

    @Test
    void absHasZeroGradientAtZero() {
        assertEquals(0.0, gradient(apply(Op.ABS, X), X, 0.0));
        assertEquals(1.0, gradient(apply(Op.ABS, X), X, 2.0));
        assertEquals(-1.0, gradient(apply(Op.ABS, X), X, -2.0));
    }

    @Test
    void reluHasZeroGradientAtZero() {
        assertEquals(0.0, gradient(apply(Op.RELU, X), X, 0.0));
        assertEquals(1.0, gradient(apply(Op.RELU, X), X, 1e-9));
        assertEquals(0.0, gradient(apply(Op.RELU, X), X, -1e-9));
    }

    @Test
    void maxAndMinSplitTiesEvenly() {
        Map<String, Double> tie = Map.of("a", 1.5, "b", 1.5);
        for (Op op : List.of(Op.MAX, Op.MIN)) {
            Expr e = apply(op, X, Y);
            assertEquals(0.5, Eval.eval(Differentiator.derivative(e, X), tie), op + " d/da at a tie");
            assertEquals(0.5, Eval.eval(Differentiator.derivative(e, Y), tie), op + " d/db at a tie");
        }
        Map<String, Double> aWins = Map.of("a", 2.0, "b", 1.0);
        assertEquals(1.0, Eval.eval(Differentiator.derivative(apply(Op.MAX, X, Y), X), aWins));
        assertEquals(0.0, Eval.eval(Differentiator.derivative(apply(Op.MAX, X, Y), Y), aWins));
        assertEquals(0.0, Eval.eval(Differentiator.derivative(apply(Op.MIN, X, Y), X), aWins));
        assertEquals(1.0, Eval.eval(Differentiator.derivative(apply(Op.MIN, X, Y), Y), aWins));
    }

    @Test
    void clampPassesTheGradientOnTheClosedInterval() {
        Expr e = apply(Op.CLAMP, X, Y, Z);
        double[][] cases = {
            // x, lo, hi, dx, dlo, dhi
            {-1.0, -1.0, 1.0, 1, 0, 0},
            {1.0, -1.0, 1.0, 1, 0, 0},
            {0.3, -1.0, 1.0, 1, 0, 0},
            {-2.0, -1.0, 1.0, 0, 1, 0},
            {2.0, -1.0, 1.0, 0, 0, 1},
        };
        for (double[] c : cases) {
            Map<String, Double> at = Map.of("a", c[0], "b", c[1], "c", c[2]);
            for (int i = 0; i < 3; i++) {
                assertEquals(c[3 + i], Eval.eval(Differentiator.derivative(e, ARGS.get(i)), at),
                        "d/d" + ARGS.get(i).name() + " clamp at " + at);
            }
        }
    }

    @Test
    void stepFunctionsHaveStructurallyZeroGradient() {
        for (Op op : List.of(Op.SIGNUM, Op.FLOOR, Op.CEIL)) {
            assertEquals(Const.ZERO, Derivatives.partial(op, List.of(X), apply(op, X), 0), op.name());
            assertEquals(Const.ZERO, Differentiator.derivative(apply(op, X), X), op.name());
        }
    }

    // ---------------------------------------------------------------- symbolic forms

    @Test
    void rulesReadLikeTheTextbook() {
        Var x = new Var("x", Var.Role.INPUT);
        assertEquals("Math.exp(x)", simplifiedDerivative(apply(Op.EXP, x), x));
        assertEquals("2.0 * x", simplifiedDerivative(mul(x, x), x));
        assertEquals("Math.cos(x)", simplifiedDerivative(apply(Op.SIN, x), x));
        assertEquals("-Math.sin(x)", simplifiedDerivative(apply(Op.COS, x), x));
        assertEquals("1.0 / x", simplifiedDerivative(apply(Op.LOG, x), x));
        assertEquals("3.0 * Math.pow(x, 2.0)", simplifiedDerivative(apply(Op.POW, x, num(3)), x));
        assertEquals("sigmoid(x)", simplifiedDerivative(apply(Op.SOFTPLUS, x), x));
    }

    @Test
    void theResultIsReusedRatherThanRecomputed() {
        // exp' and tanh' are written in terms of the result node itself, so CSE shares it with the forward
        Expr exp = apply(Op.EXP, X);
        assertEquals(exp, Derivatives.partial(Op.EXP, List.of(X), exp, 0));
        Expr tanh = apply(Op.TANH, X);
        assertEquals(sub(Const.ONE, sq(tanh)), Derivatives.partial(Op.TANH, List.of(X), tanh, 0));
    }

    @Test
    void predicatesHaveZeroPartials() {
        for (Op op : Op.values()) {
            if (op.isPredicate() && op.arity() > 0) {
                List<Expr> args = new ArrayList<>();
                for (int i = 0; i < op.arity(); i++) {
                    args.add(op.family() == Op.Family.LOGIC ? lt(X, Y) : X);
                }
                for (int i = 0; i < op.arity(); i++) {
                    assertEquals(Const.ZERO, Derivatives.partial(op, args, new Apply(op, args), i), op.name());
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String simplifiedDerivative(Expr e, Var x) {
        return ExprText.of(Simplifier.full().simplify(Differentiator.derivative(e, x)));
    }

    private static double gradient(Expr e, Var x, double at) {
        return Eval.eval(Differentiator.derivative(e, x), Map.of(x.name(), at));
    }

    private static Map<String, Double> point(double[] v) {
        Map<String, Double> at = new HashMap<>();
        for (int i = 0; i < v.length; i++) {
            at.put(ARGS.get(i).name(), v[i]);
        }
        return at;
    }

    private static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** A point inside the op's domain. */
    private static double[] sample(Op op, Random r) {
        return switch (op) {
            case LOG, SQRT, LOG10 -> new double[] {uniform(r, 0.2, 4)};
            case LGAMMA, DIGAMMA, TRIGAMMA -> new double[] {uniform(r, 0.3, 6)};
            case LOG1P -> new double[] {uniform(r, -0.6, 3)};
            case POW -> new double[] {uniform(r, 0.3, 2.5), uniform(r, -2.5, 2.5)};
            case TAN -> new double[] {uniform(r, -1.3, 1.3)};
            case ASIN, ACOS -> new double[] {uniform(r, -0.95, 0.95)};
            case CLAMP -> new double[] {uniform(r, -3, 3), uniform(r, -2, 0), uniform(r, 0.2, 2)};
            case SOFTPLUS, SIGMOID, LOG_SIGMOID -> new double[] {uniform(r, -25, 25)};
            default -> {
                double[] v = new double[op.arity()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = uniform(r, -3, 3);
                }
                yield v;
            }
        };
    }

    /** Central differences are meaningless across a kink, a jump or a pole. */
    private static boolean awayFromKinks(Op op, double[] v) {
        return switch (op) {
            case ABS, RELU, SIGNUM, CBRT -> Math.abs(v[0]) > 0.05;
            case FLOOR, CEIL -> Math.abs(v[0] - Math.rint(v[0])) > 0.05;
            case MAX, MIN -> Math.abs(v[0] - v[1]) > 0.05;
            case DIV -> Math.abs(v[1]) > 0.2;
            case ATAN2, HYPOT -> Math.hypot(v[0], v[1]) > 0.2;
            case CLAMP -> Math.abs(v[0] - v[1]) > 0.05 && Math.abs(v[0] - v[2]) > 0.05;
            case SOFTPLUS -> Math.abs(v[0] - io.gradgen.Functions.SOFTPLUS_THRESHOLD) > 0.05;
            default -> true;
        };
    }
}
