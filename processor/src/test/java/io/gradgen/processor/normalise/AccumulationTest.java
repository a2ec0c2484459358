package io.gradgen.processor.normalise;

import static com.google.common.truth.Truth.assertThat;

import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Eval;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one loop iteration does to an accumulator, and how a log-sum-exp's candidates split. */
class AccumulationTest {
    private static final Var ACC = new Var("\u0000acc", Var.Role.CONSTANT);
    private static final Var T1 = new Var("t1", Var.Role.INPUT);
    private static final Var T2 = new Var("t2", Var.Role.INPUT);
    private static final Expr CONDITION = Exprs.gt(T1, Const.ZERO);

    private static Expr logAddExp(Expr a, Expr b) {
        return Exprs.apply(Op.LOG_ADD_EXP, a, b);
    }

    @Test
    void twoCandidatesAnIterationOneUnderAConditionAreTwoLogSumExps() {
        // s = logAddExp(s, t1); if (t1 > 0) s = logAddExp(s, t2);
        Expr iteration = new Select(CONDITION, logAddExp(logAddExp(ACC, T1), T2), logAddExp(ACC, T1));
        Accumulation a = Accumulation.of(iteration, ACC, List.of(ACC));

        assertThat(a.kind()).isEqualTo(Reduce.Kind.LOG_SUM_EXP);
        Const none = new Const(Double.NEGATIVE_INFINITY);
        assertThat(a.parts()).containsExactly(T1, new Select(CONDITION, T2, none)).inOrder();
        // the parts' log-sum-exp is the term's, on both sides of the condition
        for (double t1 : new double[] {-1.5, 0.75}) {
            Map<String, Double> at = Map.of("t1", t1, "t2", 0.25);
            double whole = Eval.eval(a.term(), at);
            double split = Eval.eval(logAddExp(a.parts().get(0), a.parts().get(1)), at);
            assertThat(split).isWithin(1e-15).of(whole);
        }
    }

    @Test
    void aCandidateOfEveryIterationIsOnePartAndOtherReductionsAreNotSplit() {
        Expr single = logAddExp(ACC, T1);
        assertThat(Accumulation.of(single, ACC, List.of(ACC)).parts()).containsExactly(T1);
        Expr sum = new Select(CONDITION, Exprs.add(Exprs.add(ACC, T1), T2), Exprs.add(ACC, T1));
        Accumulation a = Accumulation.of(sum, ACC, List.of(ACC));
        assertThat(a.kind()).isEqualTo(Reduce.Kind.SUM);
        assertThat(a.parts()).containsExactly(a.term());
    }
}
