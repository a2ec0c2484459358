package io.gradgen.processor.plan;

import static com.google.common.truth.Truth.assertThat;

import io.gradgen.processor.ir.Apply;
import io.gradgen.processor.ir.Const;
import io.gradgen.processor.ir.Elem;
import io.gradgen.processor.ir.Expr;
import io.gradgen.processor.ir.Exprs;
import io.gradgen.processor.ir.Idx;
import io.gradgen.processor.ir.Indices;
import io.gradgen.processor.ir.Length;
import io.gradgen.processor.ir.Op;
import io.gradgen.processor.ir.Reduce;
import io.gradgen.processor.ir.Select;
import io.gradgen.processor.ir.Var;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sums over the batch in a gradient's column loop, separated into column values times coefficients. */
class ColumnSeparationTest {
    private static final int ROWS = 5;
    private static final int COLUMNS = 4;

    private final Var z = new Var("z", Var.Role.INPUT, 2);
    private final Var y = new Var("y", Var.Role.INPUT, 2);
    private final Idx b = Idx.gradient("b", 0, new Length(z, 0));
    private final Idx j = Idx.gradient("j", 1, new Length(z, 1));
    private final Idx a = new Idx("a", 1);
    private final Idx k = new Idx("k", 2);
    private final Map<Var, double[][]> data = new HashMap<>();

    ColumnSeparationTest() {
        Random rng = new Random(3);
        for (Var v : List.of(z, y)) {
            double[][] m = new double[ROWS][COLUMNS];
            for (double[] row : m) {
                for (int c = 0; c < COLUMNS; c++) {
                    row[c] = rng.nextGaussian();
                }
            }
            data.put(v, m);
        }
    }

    private Expr at(Var v, Expr row, Expr column) {
        return new Elem(v, List.of(row, column));
    }

    private Reduce overRows(Idx i, Expr body) {
        return new Reduce(Reduce.Kind.SUM, i, new Const(0), new Length(z, 0), body);
    }

    private Reduce alongRow(Idx i, Expr body) {
        return new Reduce(Reduce.Kind.SUM, i, new Const(0), new Length(z, 1), body);
    }

    @Test
    void ntXentsWeightedSumBecomesAMultiplyAddAndAColumnValueTimesASum() {
        // Σ_a (z[a][j] / n_a − y[b][j] · s_ab) · w_ab, as the gradient of a cosine similarity reads
        Expr n = alongRow(k, Exprs.sq(at(z, a, k)));
        Expr s = alongRow(k, Exprs.mul(at(z, a, k), at(y, b, k)));
        Expr w = Exprs.apply(Op.EXP, s);
        Expr gradient = overRows(a, Exprs.mul(Exprs.sub(Exprs.div(at(z, a, j), n), Exprs.mul(at(y, b, j), s)), w));

        Expr separated = ColumnSeparation.apply(gradient, j);

        // Σ_a z[a][j] · c_a  +  y[b][j] · Σ_a d_a: no division and no exponential left per column
        assertThat(separated).isInstanceOf(Apply.class);
        Apply sum = (Apply) separated;
        assertThat(sum.op()).isEqualTo(Op.ADD);
        Reduce inside = (Reduce) sum.arg(0);
        Apply term = (Apply) inside.body();
        assertThat(term.op()).isEqualTo(Op.MUL);
        assertThat(term.arg(0)).isEqualTo(at(z, a, j));
        assertThat(Indices.dependsOn(term.arg(1), j)).isFalse();
        Apply outside = (Apply) sum.arg(1);
        assertThat(outside.arg(0)).isEqualTo(at(y, b, j));
        assertThat(Indices.dependsOn(outside.arg(1), j)).isFalse();
        assertSameValues(gradient, separated);
    }

    @Test
    void aMaskedTermKeepsItsMaskInItsCoefficient() {
        Expr w = alongRow(k, Exprs.mul(at(z, a, k), at(y, b, k)));
        Expr gradient = overRows(a, new Select(Exprs.gt(w, Const.ZERO), Exprs.mul(at(z, a, j), w), Const.ZERO));

        Expr separated = ColumnSeparation.apply(gradient, j);

        Reduce r = (Reduce) separated;
        Apply term = (Apply) r.body();
        assertThat(term.arg(0)).isEqualTo(at(z, a, j));
        assertThat(term.arg(1)).isInstanceOf(Select.class);
        assertSameValues(gradient, separated);
    }

    @Test
    void whatIsNotAffineInTheColumnStaysAsWritten() {
        Expr exponential = overRows(a, Exprs.apply(Op.EXP, at(z, a, j)));
        assertThat(ColumnSeparation.apply(exponential, j)).isSameInstanceAs(exponential);
        Expr quotient = overRows(a, Exprs.div(Const.ONE, at(z, a, j)));
        assertThat(ColumnSeparation.apply(quotient, j)).isSameInstanceAs(quotient);
        // a sum over the columns themselves is not a sum over the batch
        Expr alongColumns = new Reduce(Reduce.Kind.SUM, k, new Const(0), j, at(z, b, k));
        assertThat(ColumnSeparation.apply(alongColumns, j)).isSameInstanceAs(alongColumns);
    }

    /** The two gradients agree (to rounding) at every row and column. */
    private void assertSameValues(Expr expected, Expr actual) {
        for (int row = 0; row < ROWS; row++) {
            for (int column = 0; column < COLUMNS; column++) {
                Map<Idx, Integer> at = Map.of(b, row, j, column);
                double want = value(expected, at);
                assertThat(value(actual, at)).isWithin(1e-12 * Math.max(1, Math.abs(want))).of(want);
            }
        }
    }

    /** A small evaluator of the IR these tests build: sums, elements, arithmetic, exp, selects. */
    private double value(Expr e, Map<Idx, Integer> indices) {
        if (e instanceof Const c) {
            return c.value();
        }
        if (e instanceof Idx i) {
            return indices.get(i);
        }
        if (e instanceof Length l) {
            return l.axis() == 0 ? ROWS : COLUMNS;
        }
        if (e instanceof Elem el) {
            return data.get(el.row())[(int) value(el.indices().get(0), indices)][(int) value(el.indices().get(1), indices)];
        }
        if (e instanceof Reduce r) {
            double total = 0;
            for (int i = (int) value(r.from(), indices); i < value(r.to(), indices); i++) {
                Map<Idx, Integer> inner = new HashMap<>(indices);
                inner.put(r.index(), i);
                total += value(r.body(), inner);
            }
            return total;
        }
        if (e instanceof Select s) {
            Apply c = (Apply) s.condition();
            boolean holds = value(c.arg(0), indices) > value(c.arg(1), indices);
            return value(holds ? s.ifTrue() : s.ifFalse(), indices);
        }
        Apply ap = (Apply) e;
        return switch (ap.op()) {
            case ADD -> value(ap.arg(0), indices) + value(ap.arg(1), indices);
            case SUB -> value(ap.arg(0), indices) - value(ap.arg(1), indices);
            case MUL -> value(ap.arg(0), indices) * value(ap.arg(1), indices);
            case DIV -> value(ap.arg(0), indices) / value(ap.arg(1), indices);
            case NEG -> -value(ap.arg(0), indices);
            case EXP -> Math.exp(value(ap.arg(0), indices));
            case POW -> Math.pow(value(ap.arg(0), indices), value(ap.arg(1), indices));
            default -> throw new IllegalArgumentException("not in these tests: " + ap.op());
        };
    }
}
