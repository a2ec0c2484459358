package io.gradgen.processor.simplify;

import static io.gradgen.processor.ir.Exprs.apply;
import static io.gradgen.processor.ir.Exprs.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Softmax;
import io.gradgen.processor.ir.Var;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which {@code exp(f(j) − lse)} become softmax weights read off the log-sum-exp's exponentials. */
class SoftmaxWeightsTest {
    private static final Var X = new Var("x", Var.Role.INPUT, 1);
    private static final Var Y = new Var("y", Var.Role.INPUT, 1);
    private static final Idx I = new Idx("i", 1);
    private static final Idx J = new Idx("j", 1_000_000);

    private static Reduce logSumExp(Expr body) {
        return Reduce.overRow(Reduce.Kind.LOG_SUM_EXP, I, X, body);
    }

    @Test
    void theLogSumExpsOwnTermAtTheRowIndexIsASoftmaxWeight() {
        Reduce lse = logSumExp(new Elem(X, I));
        Expr gradient = sub(apply(Op.EXP, sub(new Elem(X, J), lse)), new Elem(Y, J));
        Expr found = SoftmaxWeights.find(List.of(gradient)).get(0);
        assertEquals(sub(new Softmax(lse, J), new Elem(Y, J)), found);
        assertEquals(Set.of(lse), Softmax.sourcesIn(List.of(found)));
        assertEquals("softmax(x)[j] - y[j]", found.toString());
    }

    @Test
    void scaledTermsCountToo() {
        Expr body = apply(Op.MUL, new Elem(X, I), new Var("t", Var.Role.CONSTANT));
        Reduce lse = logSumExp(body);
        Expr term = apply(Op.MUL, new Elem(X, J), new Var("t", Var.Role.CONSTANT));
        Expr found = SoftmaxWeights.find(List.of(apply(Op.EXP, sub(term, lse)))).get(0);
        assertEquals(new Softmax(lse, J), found);
    }

    @Test
    void otherTermsAndBodiesWithCallsStayAsWritten() {
        Reduce lse = logSumExp(new Elem(X, I));
        Expr otherRow = apply(Op.EXP, sub(new Elem(Y, J), lse));
        assertEquals(otherRow, SoftmaxWeights.find(List.of(otherRow)).get(0));

        Reduce withCall = logSumExp(apply(Op.LOG, new Elem(X, I)));
        Expr notOnePass = apply(Op.EXP, sub(apply(Op.LOG, new Elem(X, J)), withCall));
        assertEquals(notOnePass, SoftmaxWeights.find(List.of(notOnePass)).get(0));
    }
}
