package io.gradgen.processor.plan;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The tables Tabulation makes for a gradient element ∂loss/∂z[b][j], on hand-built IR. */
class TabulationTest {
    private final Var z = new Var("z", Var.Role.INPUT, 2);
    private final Idx b = Idx.gradient("b", 0, new Length(z, 0));
    private final Idx j = Idx.gradient("j", 1, new Length(z, 1));
    private final Idx a = new Idx("a", 1);
    private final Idx k = new Idx("k", 2);
    private final AtomicInteger names = new AtomicInteger();

    private Tabulation.Result tabulate(Expr gradient) {
        return Tabulation.perElement(gradient, b, new Length(z, 0), j, new Length(z, 1),
                hint -> hint + names.incrementAndGet());
    }

    private Reduce overRows(Idx i, Expr body) {
        return new Reduce(Reduce.Kind.SUM, i, new Const(0), new Length(z, 0), body);
    }

    private Reduce alongRow(Idx i, Expr body) {
        return new Reduce(Reduce.Kind.SUM, i, new Const(0), new Length(z, 1), body);
    }

    private Expr z(Expr row, Expr column) {
        return new Elem(z, List.of(row, column));
    }

    @Test
    void aReductionOfOneOtherRowBecomesATableSharedByTheBatch() {
        Expr norm = alongRow(k, Exprs.sq(z(a, k)));
        Expr gradient = overRows(a, Exprs.mul(Exprs.mul(z(a, j), z(b, j)), norm));
        Tabulation.Result result = tabulate(gradient);
        assertThat(result.tables()).hasSize(1);
        Table t = result.tables().get(0);
        assertThat(t.perRow()).isFalse();
        assertThat(t.isRow()).isTrue();
        // the sum over a reads the table: no reduction is left inside it
        Reduce rewritten = (Reduce) result.roots().get(0);
        assertThat(Indices.contains(rewritten.body(), e -> e instanceof Reduce, e -> false)).isFalse();
    }

    @Test
    void aReductionOfTheGradientsRowAndAnotherRowIsFilledOncePerRow() {
        Expr similarity = alongRow(k, Exprs.mul(z(a, k), z(b, k)));
        Expr gradient = overRows(a, Exprs.mul(z(a, j), Exprs.apply(Op.EXP, similarity)));
        Tabulation.Result result = tabulate(gradient);
        // the similarity is a table of its own, which the exponential's table reads: a dot product
        // computed once per pair, however many tables are built on it
        assertThat(result.tables()).hasSize(2);
        assertThat(result.tables().get(0).body()).isInstanceOf(Reduce.class);
        assertThat(result.tables().get(0).perRow()).isTrue();
        assertThat(result.tables().get(1).perRow()).isTrue();
        assertThat(Indices.contains(result.tables().get(1).body(), e -> e instanceof Reduce, e -> false)).isFalse();
    }

    @Test
    void aReductionInsideARowTableThatTheRowDoesNotReachIsSharedByTheBatch() {
        Expr similarity = alongRow(k, Exprs.mul(z(a, k), z(b, k)));
        Expr norm = alongRow(k, Exprs.sq(z(a, k)));
        Expr gradient = overRows(a, Exprs.mul(z(a, j), Exprs.apply(Op.EXP, Exprs.div(similarity, norm))));
        Tabulation.Result result = tabulate(gradient);
        // the norm of a is a table over a for the whole batch, not refilled for every row b
        List<Table> norms = result.tables().stream()
                .filter(t -> t.isRow() && t.body().equals(Indices.substitute(norm, a, t.index()))).toList();
        assertThat(norms).hasSize(1);
        assertThat(norms.get(0).perRow()).isFalse();
    }

    @Test
    void aColumnSumIsComputedOnceForTheBatchNotOncePerRow() {
        Expr columnSum = overRows(a, z(a, j));
        Tabulation.Result result = tabulate(Exprs.mul(columnSum, z(b, j)));
        assertThat(result.tables()).hasSize(1);
        Table t = result.tables().get(0);
        assertThat(t.perRow()).isFalse();
        assertThat(t.index().name()).isEqualTo("j");
    }

    @Test
    void whatDependsOnTheRowAndTheColumnStaysInItsLoop() {
        Expr gradient = overRows(a, Exprs.mul(z(a, j), z(b, j)));
        Tabulation.Result result = tabulate(gradient);
        assertThat(result.tables()).isEmpty();
        assertThat(result.roots().get(0)).isEqualTo(gradient);
    }

    @Test
    void theSameTermsOverTheSameRangeAreOneTable() {
        Idx c = new Idx("c", 3);
        Expr normA = alongRow(k, Exprs.sq(z(a, k)));
        Expr normC = alongRow(new Idx("k", 4), Exprs.sq(z(c, new Idx("k", 4))));
        Expr gradient = Exprs.add(overRows(a, Exprs.mul(Exprs.mul(z(a, j), z(b, j)), normA)),
                overRows(c, Exprs.div(Exprs.mul(z(c, j), z(b, j)), normC)));
        assertThat(tabulate(gradient).tables()).hasSize(1);
    }

    @Test
    void anIndexComputedFromALoopIsNotReadAhead() {
        Expr shifted = alongRow(k, z(Exprs.add(a, new Const(1)), k));
        Tabulation.Result result = tabulate(overRows(a, Exprs.mul(Exprs.mul(z(a, j), z(b, j)), shifted)));
        assertThat(result.tables()).isEmpty();
    }
}
