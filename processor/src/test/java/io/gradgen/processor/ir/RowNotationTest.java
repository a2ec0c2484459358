package io.gradgen.processor.ir;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Javadoc's notation for reductions along whole rows: inner products, norms, cosines. */
class RowNotationTest {
    private final Var z1 = new Var("z1", Var.Role.INPUT, 2);
    private final Var z2 = new Var("z2", Var.Role.INPUT, 2);
    private final Var x = new Var("x", Var.Role.INPUT, 1);
    private final Idx a = new Idx("a", 1);
    private final Idx b = new Idx("b", 2);
    private final Idx i = new Idx("i", 3);
    private final Field eps = RowNotation.COSINE_EPS;

    private static String math(Expr e) {
        return ExprText.render(e, ExprText.Style.MATH, n -> null);
    }

    private Reduce along(Var row, Expr body) {
        return new Reduce(Reduce.Kind.SUM, i, Const.ZERO, new Length(row, row.rank() - 1), body);
    }

    private Expr at(Var row, Expr... outer) {
        List<Expr> indices = new java.util.ArrayList<>(List.of(outer));
        indices.add(i);
        return new Elem(row, indices);
    }

    @Test
    void innerProductsAndSquaredNorms() {
        assertThat(math(along(z1, Exprs.mul(at(z1, a), at(z2, b))))).isEqualTo("⟨z1[a], z2[b]⟩");
        assertThat(math(along(z1, Exprs.mul(at(z1, a), at(z1, a))))).isEqualTo("‖z1[a]‖²");
        assertThat(math(along(x, Exprs.sq(at(x))))).isEqualTo("‖x‖²");
    }

    @Test
    void cosineAsFunctionsComputesIt() {
        Expr floor = Exprs.mul(eps, eps);
        Expr cosine = Exprs.div(along(z1, Exprs.mul(at(z1, a), at(z2, b))), Exprs.apply(Op.SQRT, Exprs.mul(
                Exprs.apply(Op.MAX, along(z1, Exprs.mul(at(z1, a), at(z1, a))), floor),
                Exprs.apply(Op.MAX, along(z1, Exprs.mul(at(z2, b), at(z2, b))), Exprs.sq(eps)))));
        assertThat(math(Exprs.div(cosine, new Var("temperature", Var.Role.CONSTANT)))).isEqualTo(
                "cos(z1[a], z2[b]) / temperature");
        assertThat(ExprText.of(eps)).isEqualTo("Functions.COSINE_EPS");
        assertThat(math(eps)).isEqualTo("ε");
    }

    @Test
    void partialSumsAndOtherBodiesKeepTheGeneralNotation() {
        Reduce partial = new Reduce(Reduce.Kind.SUM, i, Const.ZERO, a, Exprs.mul(at(z1, a), at(z2, b)));
        assertThat(math(partial)).startsWith("Σ_i ");
        // the row index itself depends on the reduction's index: not a row
        Expr diagonal = along(z1, Exprs.mul(new Elem(z1, List.of(i, i)), at(z2, b)));
        assertThat(math(diagonal)).startsWith("Σ_i ");
        assertThat(math(along(z1, Exprs.add(at(z1, a), at(z2, b))))).startsWith("Σ_i ");
    }
}
