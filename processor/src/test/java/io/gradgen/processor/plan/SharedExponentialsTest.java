package io.gradgen.processor.plan;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Eval;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sigmoid, log-sigmoid and softplus over their exponentials: the same bits, fewer staged passes. */
class SharedExponentialsTest {
    private static final Var X = new Var("x", Var.Role.INPUT);
    private static final Var T = new Var("t", Var.Role.INPUT);

    private static final double[] SAMPLES = {0.0, -0.0, 1e-300, -1e-300, 0.3, -0.3, 1.0, -1.0, 7.5, -7.5, 19.999,
        20.0, 20.001, -20.0, 36.0, -36.0, 700.0, -700.0, 710.0, -746.0, 1e308, -1e308,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, -Double.MIN_VALUE};

    @Test
    void theRewrittenFunctionsGiveFunctionsBitsForBits() {
        for (Op op : new Op[] {Op.SIGMOID, Op.LOG_SIGMOID, Op.SOFTPLUS}) {
            for (Expr arg : new Expr[] {X, Exprs.neg(X)}) {
                Expr call = Exprs.apply(op, arg);
                Expr rewritten = new SharedExponentials().apply(call);
                assertThat(rewritten).isNotEqualTo(call);
                for (double x : SAMPLES) {
                    Map<String, Double> env = Map.of("x", x);
                    // bit for bit, NaN being any NaN
                    assertWithMessage("%s at x = %s", call, x)
                            .that(Double.doubleToLongBits(Eval.eval(rewritten, env)))
                            .isEqualTo(Double.doubleToLongBits(Eval.eval(call, env)));
                }
            }
        }
    }

    @Test
    void bceWithLogitsStagesOneExpAndOneLog1p() {
        // the catalogue's BCEWithLogitsLoss: value (1 − t)·x − logσ(x), gradient (1 − t) − σ(−x)
        Expr diff = Exprs.sub(Const.ONE, T);
        Expr value = Exprs.sub(Exprs.mul(diff, X), Exprs.apply(Op.LOG_SIGMOID, X));
        Expr gradient = Exprs.sub(diff, Exprs.apply(Op.SIGMOID, Exprs.neg(X)));
        List<Expr> outputs = List.of(value, gradient);

        StagedKernel before = StagedKernel.plan(outputs, Map.of(), Map.of(), new NameAllocator(List.of("x", "t")));
        assertThat(before.calls().stream().map(Apply::op).toList()).containsExactly(Op.LOG_SIGMOID, Op.SIGMOID);

        SharedExponentials shared = new SharedExponentials();
        StagedKernel after = StagedKernel.plan(shared.rewrite(outputs), Map.of(), Map.of(),
                new NameAllocator(List.of("x", "t")));
        assertThat(after.calls().stream().map(Apply::op).toList()).containsExactly(Op.EXP, Op.LOG1P).inOrder();
        assertThat(after.calls().get(1).arg(0)).isEqualTo(after.calls().get(0));
    }
}
