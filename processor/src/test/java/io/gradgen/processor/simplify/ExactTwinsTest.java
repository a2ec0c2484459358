package io.gradgen.processor.simplify;

import static com.google.common.truth.Truth.assertThat;

import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Var;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A forward quantity both compared and used reaches the gradient in one form. */
class ExactTwinsTest {
    private final Var x = new Var("x", Var.Role.INPUT, 1);
    private final Var tau = new Var("tau", Var.Role.CONSTANT);
    private final Var n = new Var("n", Var.Role.CONSTANT);
    private final Idx b = new Idx("b", 1);
    private final Idx i = new Idx("i", 2);

    private Expr x(Expr index) {
        return new Elem(x, List.of(index));
    }

    private Expr simplified(Expr gradient) {
        Simplifier canonical = Simplifier.full();
        return ExactTwins.prefer(canonical, canonical.simplify(gradient));
    }

    private static Set<Expr> reductions(Expr e, Reduce.Kind kind) {
        return Indices.nodes(List.of(e)).stream()
                .filter(r -> r instanceof Reduce red && red.kind() == kind).collect(Collectors.toSet());
    }

    @Test
    void aGuardedLogSumExpIsComputedInOneForm() {
        // L = log Σ_b exp(x[b] / n / τ): the guard L > −∞ keeps the forward's a/n/τ, the weight's
        // exponent would be canonical a/(n·τ); both read the exact one
        Expr term = Exprs.div(Exprs.div(x(b), n), tau);
        Reduce lse = new Reduce(Reduce.Kind.LOG_SUM_EXP, b, Const.ZERO, new Length(x), term);
        Expr weight = Exprs.apply(Op.EXP, Exprs.sub(Exprs.div(Exprs.div(x(Const.ZERO), n), tau), lse));
        Expr gradient = Exprs.select(Exprs.gt(lse, new Const(Double.NEGATIVE_INFINITY)), weight, Const.ZERO);

        assertThat(reductions(Simplifier.full().simplify(gradient), Reduce.Kind.LOG_SUM_EXP)).hasSize(2);
        assertThat(reductions(simplified(gradient), Reduce.Kind.LOG_SUM_EXP)).hasSize(1);
    }

    @Test
    void aReductionTheCanonicalFormFoldedAwayIsNotPutBack() {
        // Σ_i (x[i] − x[i]) is 0 canonically: compared, its exact sum must not replace other zeros,
        // such as the start of the sum beside it
        Expr difference = new Reduce(Reduce.Kind.SUM, i, Const.ZERO, new Length(x), Exprs.sub(x(i), x(i)));
        Expr other = new Reduce(Reduce.Kind.SUM, i, Const.ZERO, new Length(x), Exprs.mul(x(i), x(i)));
        Expr gradient = Exprs.select(Exprs.gt(difference, Const.ONE), other, Exprs.mul(difference, other));

        Expr result = simplified(gradient);
        for (Expr e : Indices.nodes(List.of(result))) {
            if (e instanceof Reduce r) {
                assertThat(r.from()).isEqualTo(Const.ZERO);
            }
        }
    }
}
