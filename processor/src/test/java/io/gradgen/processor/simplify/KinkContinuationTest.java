package io.gradgen.processor.simplify;

import static com.google.common.truth.Truth.assertThat;
import static io.gradgen.processor.ir.Exprs.apply;
import static io.gradgen.processor.ir.Exprs.div;
import static io.gradgen.processor.ir.Exprs.gt;
import static io.gradgen.processor.ir.Exprs.le;
import static io.gradgen.processor.ir.Exprs.lt;
import static io.gradgen.processor.ir.Exprs.mul;
import static io.gradgen.processor.ir.Exprs.num;
import static io.gradgen.processor.ir.Exprs.select;
import static io.gradgen.processor.ir.Exprs.sub;

import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.ExprText;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Var;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A select whose sides meet where its comparison turns becomes one expression in min/max, equal to
 * the select for every input (checked here by evaluating both at many points, kinks and ties
 * included), and a select whose sides do not meet stays.
 */
class KinkContinuationTest {
    private final Var x = new Var("x", Var.Role.INPUT);
    private final Var y = new Var("y", Var.Role.INPUT);
    private final Var delta = new Var("delta", Var.Role.CONSTANT);
    private final Expr d = apply(Op.ABS, sub(x, y));

    private static final UnaryOperator<Expr> LIGHT = Simplifier.light()::simplify;

    private static boolean hasSelect(Expr e) {
        return Indices.contains(e, n -> n instanceof Select, n -> false);
    }

    /** Evaluates both forms on a grid of x, y, δ (kinks and ties on it) and compares them. */
    private void assertSameEverywhere(Expr original, Expr rewritten) {
        double[] points = {-3, -2, -1.5, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 1.5, 2, 3};
        for (double xv : points) {
            for (double yv : points) {
                for (double dv : new double[] {0.5, 1, 2}) {
                    Map<Expr, Double> at = Map.of(x, xv, y, yv, delta, dv);
                    double want = Evaluator.eval(original, at);
                    double got = Evaluator.eval(rewritten, at);
                    assertThat(got).isWithin(1e-12 * Math.max(1, Math.abs(want))).of(want);
                }
            }
        }
    }

    @Test
    void hubersValueBecomesTheHandWrittenForm() {
        // d < δ ? 0.5·d·d : δ·(d − 0.5·δ)  →  m·(d − 0.5·m), m = min(d, δ)
        Expr huber = select(lt(d, delta), mul(mul(num(0.5), d), d), mul(delta, sub(d, mul(num(0.5), delta))));
        Expr rewritten = KinkContinuation.rewrite(huber, LIGHT);

        Expr m = apply(Op.MIN, d, delta);
        assertThat(ExprText.of(rewritten)).isEqualTo(ExprText.of(mul(m, sub(d, mul(num(0.5), m)))));
        assertSameEverywhere(huber, rewritten);
    }

    @Test
    void aDivisionTheSelectNeverMadeKeepsItsSelect() {
        // SmoothL1 at β = 0: d < β ? 0.5·d²/β : d − 0.5·β never divides by β (d ≥ 0 = β), its
        // gradient factor d < β ? d/β : 1 neither; min(d, β)/β would, and give NaN
        Expr smoothL1 = select(lt(d, delta), div(mul(mul(num(0.5), d), d), delta), sub(d, mul(num(0.5), delta)));
        Expr factor = select(lt(d, delta), div(d, delta), num(1));

        assertThat(KinkContinuation.rewrite(smoothL1, LIGHT)).isEqualTo(smoothL1);
        assertThat(KinkContinuation.rewrite(factor, LIGHT)).isEqualTo(factor);
    }

    @Test
    void aSideClampedAtTheKinkBecomesAMinOrMax() {
        // KLDiv's gradient y > 0 ? −y : 0 is −max(y, 0); written the other way round (0 < y) alike;
        // a clamp at δ: x ≤ δ ? 2·x : 2·δ is 2·min(x, δ)
        Expr positive = select(gt(y, num(0)), apply(Op.NEG, y), num(0));
        Expr mirrored = select(lt(num(0), y), apply(Op.NEG, y), num(0));
        Expr clamped = select(le(x, delta), mul(num(2), x), mul(num(2), delta));

        assertThat(ExprText.of(KinkContinuation.rewrite(positive, LIGHT)))
                .isEqualTo(ExprText.of(apply(Op.NEG, apply(Op.MAX, y, num(0)))));
        assertSameEverywhere(positive, KinkContinuation.rewrite(positive, LIGHT));
        assertSameEverywhere(mirrored, KinkContinuation.rewrite(mirrored, LIGHT));
        assertThat(hasSelect(KinkContinuation.rewrite(clamped, LIGHT))).isFalse();
        assertSameEverywhere(clamped, KinkContinuation.rewrite(clamped, LIGHT));
    }

    @Test
    void aMaxSideTurnsAboveTheKink() {
        // x > δ ? x·x : δ·(2x − δ): the square's tangent at δ below it, with max
        Expr above = select(gt(x, delta), mul(x, x), mul(delta, sub(mul(num(2), x), delta)));
        Expr rewritten = KinkContinuation.rewrite(above, LIGHT);

        assertThat(hasSelect(rewritten)).isFalse();
        assertThat(ExprText.of(rewritten)).contains("max");
        assertSameEverywhere(above, rewritten);
    }

    @Test
    void sidesThatDoNotMeetKeepTheirSelect() {
        // a jump at the kink (0.5·d² against d): no single expression is both
        Expr jump = select(lt(d, delta), mul(mul(num(0.5), d), d), d);
        // sides that meet, but through a log the select took on one side only
        Expr logarithmic = select(lt(d, delta), apply(Op.LOG, apply(Op.ADD, d, num(1))),
                apply(Op.LOG, apply(Op.ADD, delta, num(1))));

        assertThat(KinkContinuation.rewrite(jump, LIGHT)).isEqualTo(jump);
        assertThat(KinkContinuation.rewrite(logarithmic, LIGHT)).isEqualTo(logarithmic);
    }

    @Test
    void integerComparisonsAreNoKinks() {
        Var label = new Var("label", Var.Role.LABEL);
        Expr onLabel = select(lt(label, num(3)), mul(x, num(2)), mul(x, num(3)));

        assertThat(KinkContinuation.rewrite(onLabel, LIGHT)).isEqualTo(onLabel);
    }

    /** Evaluates the few node kinds these tests build. */
    private static final class Evaluator {
        static double eval(Expr e, Map<Expr, Double> at) {
            if (at.containsKey(e)) {
                return at.get(e);
            }
            if (e instanceof Const c) {
                return c.value();
            }
            if (e instanceof Select s) {
                return eval(s.condition(), at) != 0 ? eval(s.ifTrue(), at) : eval(s.ifFalse(), at);
            }
            io.gradgen.processor.ir.Apply a = (io.gradgen.processor.ir.Apply) e;
            List<Double> v = a.args().stream().map(arg -> eval(arg, at)).toList();
            return switch (a.op()) {
                case ADD -> v.get(0) + v.get(1);
                case SUB -> v.get(0) - v.get(1);
                case MUL -> v.get(0) * v.get(1);
                case DIV -> v.get(0) / v.get(1);
                case NEG -> -v.get(0);
                case SQ -> v.get(0) * v.get(0);
                case ABS -> Math.abs(v.get(0));
                case MIN -> Math.min(v.get(0), v.get(1));
                case MAX -> Math.max(v.get(0), v.get(1));
                case LOG -> Math.log(v.get(0));
                case LT -> v.get(0) < v.get(1) ? 1 : 0;
                case LE -> v.get(0) <= v.get(1) ? 1 : 0;
                case GT -> v.get(0) > v.get(1) ? 1 : 0;
                case GE -> v.get(0) >= v.get(1) ? 1 : 0;
                default -> throw new AssertionError("no evaluation for " + a.op());
            };
        }
    }
}
