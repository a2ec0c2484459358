package io.gradgen.processor.fuzz;

import io.gradgen.annotations.Reduction;
import io.gradgen.processor.fuzz.Ast.B;
import io.gradgen.processor.fuzz.Ast.Bin;
import io.gradgen.processor.fuzz.Ast.Cmp;
import io.gradgen.processor.fuzz.Ast.Compound;
import io.gradgen.processor.fuzz.Ast.Decl;
import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.Elem;
import io.gradgen.processor.fuzz.Ast.For;
import io.gradgen.processor.fuzz.Ast.If;
import io.gradgen.processor.fuzz.Ast.Index;
import io.gradgen.processor.fuzz.Ast.Length;
import io.gradgen.processor.fuzz.Ast.Neg;
import io.gradgen.processor.fuzz.Ast.Num;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.Return;
import io.gradgen.processor.fuzz.Ast.Row;
import io.gradgen.processor.fuzz.Ast.RowLength;
import io.gradgen.processor.fuzz.Ast.S;
import io.gradgen.processor.fuzz.BatchExpressions.Ctx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random batch losses: one to three {@code double[][]} inputs (a {@code [B, D]} tensor each, with
 * row counts of their own; most share a row length so that their rows meet in {@code dot} and
 * {@code cosine}), {@code int[]} labels of the first one's rows now and then, a {@code @Param double}
 * (a temperature, a margin), a {@code @Param int} and a {@code @Param double[]} of a row's length
 * mixed in. The body is a sequence of blocks, each leaving one local behind:
 * <ul>
 * <li>in-batch negatives (NT-Xent, CLIP): for each row {@code a}, an accumulation over rows {@code b}
 *     of another input or the same one ({@code logAddExp} from {@code Double.NEGATIVE_INFINITY},
 *     a sum of exponentials, a max), masked by {@code b != a} or a label comparison now and then,
 *     two accumulators at once (CLIP's rows and columns), minus the positive pair's similarity or
 *     the similarity to the row its label picks;</li>
 * <li>batch-hard mining: the farthest row of the anchor's label and the nearest of another label
 *     ({@code if (y[a] == y[b]) ... else ...}), or the nearest other row, into a hinge;</li>
 * <li>nearest rows (Chamfer): a min/max/logAddExp over the rows of another input for each row of
 *     one, both ways now and then;</li>
 * <li>shifted ranges: pairs {@code b < a}, {@code b > a}, {@code b >= a}, neighbour rows
 *     {@code x[a - 1]}, {@code x[a + 1]}, the first {@code Math.min(k, x.length)} rows;</li>
 * <li>per-row terms: a cross-entropy {@code logSumExp(x[b]) - x[b][y[b]]}, a centre loss
 *     {@code x[b][j] - c[y[b]][j]}, sums over the columns {@code x[b][j]};</li>
 * <li>a temporary row over the batch, {@code double[] t = new double[x.length]}, filled and read by
 *     a row function or a later loop;</li>
 * <li>a plain expression of rows at literal indices.</li>
 * </ul>
 * Distances between a row and itself are exactly zero, so the accumulations that meet one either
 * start away from it or mask the diagonal; the {@link Interpreter} records every kink per iteration.
 */
final class BatchGenerator implements ProgramGenerator {

    private static final String[] MATRIX_NAMES = {
        "x", "z1", "z2", "image", "text", "points", "centres", "embeddings", "a", "b", "logits", "features",
        "queries", "keys", "grad", "n",
    };
    private static final String[] LABEL_NAMES = {"y", "labels", "target", "classes", "ids", "k"};
    private static final String[] ROW_VARS = {"a", "b", "i", "p", "q", "n", "anchor", "row", "offset", "length"};
    private static final String[] COL_VARS = {"j", "c", "col", "d", "k"};
    private static final String[] LOCAL_NAMES = {
        "total", "denom", "best", "nearest", "pos", "neg", "s", "d", "lse", "acc", "hardest", "loss", "sum", "m",
        "scale", "upstream",
    };
    private static final String[] TEMP_NAMES = {"t", "scores", "logitsRow", "tmp", "h"};
    private static final String[] CONST_NAMES = {"temperature", "margin", "tau", "scale", "alpha"};
    private static final String[] INT_CONST_NAMES = {"k", "count", "steps", "topK"};

    private Random rng;
    private ProgramNames names;
    private List<Param> params;
    private List<Param> mats;
    /** The labels of the first matrix's rows, or null. */
    private Param labels;
    private String intConst;
    private BatchExpressions ex;
    private Ctx base;

    @Override
    public Program next(Random random, String name, long seed) {
        rng = random;
        names = new ProgramNames(rng);
        params = new ArrayList<>();
        mats = new ArrayList<>();
        labels = null;
        intConst = null;

        int length = 2 + rng.nextInt(3);
        mats.add(Param.matrix(names.fresh(MATRIX_NAMES, "x"), 2 + rng.nextInt(4), length, scale()));
        if (rng.nextDouble() < 0.6) {
            int rows = rng.nextBoolean() ? mats.get(0).rows() : 2 + rng.nextInt(4);
            int otherLength = rng.nextInt(5) == 0 ? 2 + (length - 1) % 3 : length;
            mats.add(Param.matrix(names.fresh(MATRIX_NAMES, "x"), rows, otherLength, scale()));
        }
        if (rng.nextDouble() < 0.1) {
            mats.add(Param.matrix(names.fresh(MATRIX_NAMES, "x"), 2 + rng.nextInt(3), 2 + rng.nextInt(3), scale()));
        }
        params.addAll(mats);
        if (rng.nextDouble() < 0.45) {
            labels = Param.labels(names.fresh(LABEL_NAMES, "y"), mats.get(0).rows(), rng.nextInt(3) == 0 ? 3 : 2);
            params.add(labels);
        }
        String positiveConst = null;
        if (rng.nextDouble() < 0.45) {
            positiveConst = names.parameterName(CONST_NAMES, "c");
            Double dflt = rng.nextBoolean() ? round(0.5 + rng.nextDouble()) : null;
            params.add(new Param(positiveConst, Param.Kind.CONST_DOUBLE, dflt, round(0.5 + rng.nextDouble()), 1));
        }
        if (rng.nextDouble() < 0.2) {
            intConst = names.parameterName(INT_CONST_NAMES, "n");
            Double dflt = rng.nextBoolean() ? (double) (1 + rng.nextInt(3)) : null;
            params.add(new Param(intConst, Param.Kind.CONST_INT, dflt, 1 + rng.nextInt(3), 1));
        }
        List<Param> constRows = new ArrayList<>();
        if (rng.nextDouble() < 0.2) {
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < pick(mats).length(); i++) {
                values.add(round(0.25 + 1.5 * rng.nextDouble()));
            }
            constRows.add(Param.constRow(names.parameterName(CONST_NAMES, "w"), values));
            params.addAll(constRows);
        }
        if (rng.nextDouble() < 0.3) {
            Collections.shuffle(params, rng);
        }
        Map<String, Param> byName = new LinkedHashMap<>();
        mats.forEach(m -> byName.put(m.name(), m));
        ex = new BatchExpressions(rng, byName, constRows, positiveConst);
        base = new Ctx();
        if (positiveConst != null) {
            base.doubles.add(positiveConst);
        }

        List<S> body = new ArrayList<>();
        List<String> results = new ArrayList<>();
        int count = 1 + rng.nextInt(rng.nextInt(4) == 0 ? 3 : 2);
        for (int k = 0; k < count; k++) {
            double r = rng.nextDouble();
            String result;
            if (r < 0.2) {
                result = contrastive(body);
            } else if (r < 0.33) {
                result = mining(body);
            } else if (r < 0.48) {
                result = nearest(body);
            } else if (r < 0.62) {
                result = shifted(body);
            } else if (r < 0.8) {
                result = perRow(body);
            } else if (r < 0.92) {
                result = temporary(body);
            } else {
                result = names.fresh(LOCAL_NAMES, "r");
                body.add(new Decl(result, ex.term(base.with(literalRow(pick(mats)), literalRow(pick(mats))), 3)));
            }
            base.doubles.add(result);
            results.add(result);
        }
        E value = new Ref(results.get(0));
        for (int i = 1; i < results.size(); i++) {
            value = rng.nextInt(4) == 0 ? new Bin('-', value, new Ref(results.get(i))) : new Bin('+', value, new Ref(results.get(i)));
        }
        double r = rng.nextDouble();
        if (r < 0.35) {
            value = new Bin('/', value, new Length(mats.get(0).name()));
        } else if (r < 0.5) {
            value = new Bin('/', value, new Bin('*', new Num(2, true), new Length(pick(mats).name())));
        } else if (r < 0.6) {
            value = new Bin('/', value, new Bin('*', new Length(pick(mats).name()), new Length(pick(mats).name())));
        }
        body.add(new Return(value));
        return new Program(name, Reduction.MEAN, List.copyOf(params), List.of(), body, seed);
    }

    // ------------------------------------------------------------------ blocks

    /** In-batch negatives: for each row, a log-sum-exp (or sum, or max) over the candidates, minus the positive. */
    private String contrastive(List<S> body) {
        Param x = pick(mats);
        Param y = partnerOf(x);
        String a = names.fresh(ROW_VARS, "a");
        String b = names.fresh(ROW_VARS, "b");
        String total = declare(body, "total", new Num(0.0, false));
        boolean paired = x.rows() == y.rows();
        B mask = null;
        boolean nonEmpty = true;
        int m = rng.nextInt(4);
        if (m == 1) {
            mask = new Cmp("!=", new Ref(b), new Ref(a));
            nonEmpty = y.rows() >= 2;
        } else if (m == 2 && labels != null && labels.rows() == x.rows() && labels.rows() == y.rows()) {
            boolean same = rng.nextBoolean();
            mask = ex.sameLabel(labels.name(), new Ref(a), new Ref(b), same);
            nonEmpty = same && x == y;
        }
        int form = new int[] {6, 6, 6, 0, 3}[rng.nextInt(5)];
        List<S> outer = new ArrayList<>();
        String denom = declare(outer, "denom", ex.start(form, nonEmpty));
        Row xa = BatchExpressions.row(x, a);
        Row yb = BatchExpressions.row(y, b);
        Ctx inner = base.with(xa, yb);
        E s = rng.nextDouble() < 0.7 ? ex.similarity(xa, yb) : ex.term(inner, 2);
        List<S> innerBody = new ArrayList<>();
        innerBody.add(BatchExpressions.masked(mask, ex.accumulate(form, denom, form == 0 ? call("Math.exp", s) : s)));
        String second = null;
        if (paired && rng.nextDouble() < 0.3) {
            second = declare(outer, "cols", ex.start(form, nonEmpty));
            E s2 = ex.similarity(BatchExpressions.row(x, b), BatchExpressions.row(y, a));
            innerBody.add(BatchExpressions.masked(mask, ex.accumulate(form, second, form == 0 ? call("Math.exp", s2) : s2)));
        }
        outer.add(new For(b, y.name(), null, innerBody));
        E use = form == 0 ? call("Math.log", new Bin('+', new Ref(denom), new Num(1.0, false))) : new Ref(denom);
        if (second != null) {
            use = new Bin('+', use, form == 0 ? call("Math.log", new Bin('+', new Ref(second), new Num(1.0, false)))
                    : new Ref(second));
        }
        if (paired && rng.nextDouble() < 0.6) {
            use = new Bin('-', use, new Bin('*', new Num(second == null ? 1 : 2, true), ex.similarity(xa, BatchExpressions.row(y, a))));
        } else if (labels != null && labels.rows() == x.rows() && labels.scale() <= y.rows() && rng.nextBoolean()) {
            use = new Bin('-', use, ex.similarity(xa, new Row(y.name(), new Index(labels.name(), new Ref(a)))));
        }
        outer.add(new Compound(total, '+', use));
        body.add(new For(a, x.name(), null, outer));
        return total;
    }

    /** Batch-hard mining: the hardest positive and negative of each anchor, into a hinge or a softplus. */
    private String mining(List<S> body) {
        Param x = labels != null ? mats.get(0) : pick(mats);
        String a = names.fresh(ROW_VARS, "a");
        String b = names.fresh(ROW_VARS, "b");
        String total = declare(body, "total", new Num(0.0, false));
        List<S> outer = new ArrayList<>();
        Row xa = BatchExpressions.row(x, a);
        Row xb = BatchExpressions.row(x, b);
        List<S> inner = new ArrayList<>();
        E d = rng.nextBoolean() ? columnSum(inner, base, xa, xb) : ex.distance(xa, xb);
        String dist = declare(inner, "d", d);
        B diagonal = new Cmp("!=", new Ref(b), new Ref(a));
        String pos;
        String neg;
        if (labels != null) {
            boolean triplet = rng.nextBoolean(); // the positive branch skips the anchor itself
            pos = declare(outer, "pos", triplet && rng.nextBoolean() ? new Num(0.0, false)
                    : rng.nextBoolean() ? RowGenerator.NEGATIVE_INFINITY : new Num(-10.0, false));
            neg = declare(outer, "neg", rng.nextBoolean() ? RowGenerator.POSITIVE_INFINITY : new Num(100.0, false));
            S toPos = ex.accumulate(3, pos, new Ref(dist));
            S toNeg = ex.accumulate(4, neg, new Ref(dist));
            inner.add(new If(ex.sameLabel(labels.name(), new Ref(b), new Ref(a), false), List.of(toNeg),
                    List.of(triplet ? new If(diagonal, List.of(toPos), List.of()) : toPos)));
        } else {
            pos = declare(outer, "pos", new Num(0.0, false));
            neg = declare(outer, "neg", x.rows() >= 2 && rng.nextBoolean() ? RowGenerator.POSITIVE_INFINITY
                    : new Num(100.0, false));
            inner.add(new If(diagonal, List.of(ex.accumulate(4, neg, new Ref(dist)), ex.accumulate(3, pos, new Ref(dist))),
                    List.of()));
        }
        outer.add(new For(b, x.name(), null, inner));
        E gap = new Bin('-', new Ref(pos), new Ref(neg));
        E margin = ex.positiveConst != null ? new Ref(ex.positiveConst) : new Num(1.0, false);
        E use = switch (rng.nextInt(3)) {
            case 0 -> call("Functions.softplus", gap);
            case 1 -> call("Functions.relu", new Bin('+', gap, margin));
            default -> call("Math.max", new Num(0.0, false), new Bin('+', margin, gap));
        };
        outer.add(new Compound(total, '+', use));
        body.add(new For(a, x.name(), null, outer));
        return total;
    }

    /** Chamfer's shape: for each row of one input the nearest (or farthest, or a soft-min) row of another. */
    private String nearest(List<S> body) {
        Param x = pick(mats);
        Param y = partnerOf(x);
        String total = declare(body, "total", new Num(0.0, false));
        int directions = rng.nextDouble() < 0.4 ? 2 : 1;
        for (int k = 0; k < directions; k++) {
            Param from = k == 0 ? x : y;
            Param to = k == 0 ? y : x;
            String a = names.fresh(ROW_VARS, "i");
            String b = names.fresh(ROW_VARS, "j");
            int innerForm = new int[] {4, 4, 3, 6, 0}[rng.nextInt(5)];
            int outerForm = new int[] {0, 0, 1, 3}[rng.nextInt(4)];
            B mask = from == to && rng.nextBoolean() ? new Cmp("!=", new Ref(b), new Ref(a)) : null;
            List<S> outer = new ArrayList<>();
            String best = declare(outer, "best", ex.start(innerForm, mask == null || to.rows() >= 2));
            Row fa = BatchExpressions.row(from, a);
            Row tb = BatchExpressions.row(to, b);
            List<S> inner = new ArrayList<>();
            E d = switch (rng.nextInt(4)) {
                case 0 -> columnSum(inner, base, fa, tb);
                case 1 -> ex.similarity(fa, tb);
                default -> ex.distance(fa, tb);
            };
            inner.add(BatchExpressions.masked(mask, ex.accumulate(innerForm, best, d)));
            outer.add(new For(b, to.name(), null, inner));
            E use = switch (rng.nextInt(4)) {
                case 0 -> call("Math.tanh", new Ref(best));
                case 1 -> new Bin('*', new Ref(best), new Elem(from.name(), new Ref(a), new Num(0, true)));
                default -> new Ref(best);
            };
            outer.add(ex.accumulate(outerForm, total, use));
            body.add(new For(a, from.name(), null, outer));
        }
        return total;
    }

    /** Pairs over shifted ranges ({@code b < a}, {@code b > a}, {@code b >= a}) and neighbour rows. */
    private String shifted(List<S> body) {
        Param x = pick(mats);
        String a = names.fresh(ROW_VARS, "a");
        String total = declare(body, "total", new Num(0.0, false));
        int shape = rng.nextInt(intConst != null ? 6 : 5);
        if (shape >= 3) {
            E from = shape == 3 ? new Num(1, true) : null;
            E to = shape == 4 ? new Bin('-', new Length(x.name()), new Num(1, true))
                    : shape == 5 ? call("Math.min", new Ref(intConst), new Length(x.name())) : null;
            Row here = BatchExpressions.row(x, a);
            Row other = shape == 3 ? new Row(x.name(), new Bin('-', new Ref(a), new Num(1, true)))
                    : shape == 4 ? new Row(x.name(), new Bin('+', new Ref(a), new Num(1, true))) : here;
            List<S> loop = new ArrayList<>();
            E term = switch (rng.nextInt(3)) {
                case 0 -> ex.distance(here, other);
                case 1 -> ex.similarity(here, other);
                default -> ex.term(base.with(here, other), 2);
            };
            loop.add(new Compound(total, '+', term));
            body.add(new For(a, x.name(), null, loop, from, to));
            return total;
        }
        String b = names.fresh(ROW_VARS, "b");
        E from = shape == 1 ? new Bin('+', new Ref(a), new Num(1, true)) : shape == 2 ? new Ref(a) : null;
        E to = shape == 0 ? new Ref(a) : null;
        Row xa = BatchExpressions.row(x, a);
        Row xb = BatchExpressions.row(x, b);
        E term = switch (rng.nextInt(4)) {
            case 0 -> new Bin('/', call("Functions.dot", xa, xb), call("Functions.norm", xb));
            case 1 -> call("Functions.sq", call("Functions.cosine", xa, xb));
            case 2 -> call("Math.exp", new Neg(ex.distance(xa, xb)));
            default -> ex.term(base.with(xa, xb), 2);
        };
        List<S> outer = new ArrayList<>();
        if (rng.nextBoolean()) {
            // straight into the total, as the triangle of earlier rows does
            outer.add(new For(b, x.name(), null, List.of(new Compound(total, '+', term)), from, to));
        } else {
            // a reduction of reductions over a range that may be empty: a finite start
            int form = new int[] {0, 3, 6}[rng.nextInt(3)];
            String acc = declare(outer, "acc", ex.start(form, false));
            outer.add(new For(b, x.name(), null, List.of(ex.accumulate(form, acc, term)), from, to));
            outer.add(new Compound(total, '+', rng.nextBoolean() ? new Ref(acc) : call("Math.tanh", new Ref(acc))));
        }
        body.add(new For(a, x.name(), null, outer));
        return total;
    }

    /** A term per row: a cross-entropy by label, a centre loss, a sum over the columns, any row term. */
    private String perRow(List<S> body) {
        Param x = labels != null && rng.nextInt(5) > 0 ? mats.get(0) : pick(mats);
        String b = names.fresh(ROW_VARS, "b");
        String total = declare(body, "total", new Num(0.0, false));
        Row xb = BatchExpressions.row(x, b);
        List<S> loop = new ArrayList<>();
        boolean labelled = labels != null && labels.rows() == x.rows();
        Param centres = null;
        for (Param c : mats) {
            if (c != x && c.length() == x.length() && labelled && c.rows() >= labels.scale()) {
                centres = c;
            }
        }
        double r = rng.nextDouble();
        if (labelled && labels.scale() <= x.length() && r < 0.4) {
            E picked = new Elem(x.name(), new Ref(b), new Index(labels.name(), new Ref(b)));
            loop.add(new Compound(total, '+', new Bin('-', call("Functions.logSumExp", xb), picked)));
        } else if (centres != null && r < 0.65) {
            String j = names.fresh(COL_VARS, "j");
            String d = names.fresh(LOCAL_NAMES, "d");
            E centre = new Elem(centres.name(), new Index(labels.name(), new Ref(b)), new Ref(j));
            List<S> cols = new ArrayList<>();
            cols.add(new Decl(d, new Bin('-', new Elem(x.name(), new Ref(b), new Ref(j)), centre)));
            cols.add(new Compound(total, '+', new Bin('*', new Ref(d), new Ref(d))));
            loop.add(new For(j, x.name(), null, cols, null, new RowLength(x.name(), new Ref(b))));
        } else if (r < 0.8) {
            Row other = null;
            for (Param y : mats) {
                if (y != x && y.rows() == x.rows() && y.length() == x.length() && rng.nextBoolean()) {
                    other = BatchExpressions.row(y, b);
                }
            }
            E s = columnSum(loop, base, xb, other);
            loop.add(new Compound(total, '+', rng.nextBoolean() ? s : call("Math.sqrt", new Bin('+', s, new Num(0.1, false)))));
        } else {
            loop.add(new Compound(total, '+', ex.term(base.with(xb), 3)));
        }
        body.add(new For(b, x.name(), null, loop));
        return total;
    }

    /** {@code double[] t = new double[x.length]} filled per row, then read by a row function or a loop. */
    private String temporary(List<S> body) {
        Param x = pick(mats);
        String t = names.fresh(TEMP_NAMES, "t");
        String a = names.fresh(ROW_VARS, "a");
        body.add(new Ast.NewArray(t, x.name()));
        Row xa = BatchExpressions.row(x, a);
        Ctx fill = base.with(xa);
        E value = switch (rng.nextInt(3)) {
            case 0 -> ex.rowFunction(xa);
            case 1 -> ex.similarity(xa, pick(ex.partners(fill, xa)));
            default -> ex.term(fill, 2);
        };
        body.add(new For(a, x.name(), null, List.of(new Ast.Store(t, new Ref(a), value))));
        String result = names.fresh(LOCAL_NAMES, "r");
        double r = rng.nextDouble();
        if (r < 0.5) {
            String logSumExp = BatchExpressions.LOG_SUM_EXP_OF_ROWS ? "Functions.logSumExp" : "Functions.max";
            String f = pick(new String[] {logSumExp, "Functions.sum", "Functions.max", "Functions.min", "Functions.mean",
                logSumExp});
            body.add(new Decl(result, call(f, new Ref(t))));
        } else if (r < 0.65) {
            body.add(new Decl(result, new Bin('+', new Index(t, new Num(rng.nextInt(x.rows()), true)),
                    ex.rowFunction(literalRow(x)))));
        } else {
            String b = names.fresh(ROW_VARS, "b");
            body.add(new Decl(result, new Num(0.0, false)));
            if (rng.nextBoolean()) {
                E term = new Bin('*', new Index(t, new Ref(b)), ex.rowFunction(BatchExpressions.row(x, b)));
                body.add(new For(b, x.name(), null, List.of(new Compound(result, '+', term))));
            } else {
                E diff = new Bin('-', new Index(t, new Ref(b)), new Index(t, new Bin('-', new Ref(b), new Num(1, true))));
                body.add(new For(b, x.name(), null, List.of(new Compound(result, '+', call("Functions.sq", diff))),
                        new Num(1, true), null));
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ pieces

    /**
     * Declares {@code double s = 0.0} in {@code body} and sums over the columns of {@code u} (and of
     * {@code v}, a row of the same length, when not null) into it: {@code sq(u[j] - v[j])},
     * {@code u[j] * v[j]}, {@code u[j] * w[j]}, {@code sq(u[j])}; returns {@code s}.
     */
    private E columnSum(List<S> body, Ctx ctx, Row u, Row v) {
        String s = declare(body, "s", new Num(0.0, false));
        String j = names.fresh(COL_VARS, "j");
        Elem uj = new Elem(u.matrix(), u.index(), new Ref(j));
        E term;
        if (v != null) {
            Elem vj = new Elem(v.matrix(), v.index(), new Ref(j));
            term = rng.nextInt(3) > 0 ? call("Functions.sq", new Bin('-', uj, vj)) : new Bin('*', uj, vj);
        } else {
            Ctx inner = ctx.with(u);
            inner.elems.add(uj);
            term = rng.nextBoolean() ? call("Functions.sq", uj) : ex.term(inner, 2);
        }
        body.add(new For(j, u.matrix(), null, List.of(new Compound(s, '+', term)), null, new RowLength(u.matrix(), u.index())));
        return new Ref(s);
    }

    /** A matrix whose rows are as long as {@code x}'s ({@code x} itself if no other is). */
    private Param partnerOf(Param x) {
        List<Param> same = new ArrayList<>();
        for (Param m : mats) {
            if (m.length() == x.length()) {
                same.add(m);
            }
        }
        return pick(same);
    }

    private String declare(List<S> body, String prefix, E init) {
        String name = names.fresh(LOCAL_NAMES, prefix);
        body.add(new Decl(name, init));
        return name;
    }

    private Row literalRow(Param m) {
        return new Row(m.name(), new Num(rng.nextInt(m.rows()), true));
    }

    private double scale() {
        return new double[] {0.5, 1, 2}[rng.nextInt(3)];
    }

    private <T> T pick(List<T> list) {
        return list.get(rng.nextInt(list.size()));
    }

    private <T> T pick(T[] array) {
        return array[rng.nextInt(array.length)];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Ast.Call call(String f, E... args) {
        return new Ast.Call(f, List.of(args));
    }
}
