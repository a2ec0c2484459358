package io.gradgen.processor.fuzz;

import io.gradgen.processor.fuzz.Ast.Assign;
import io.gradgen.processor.fuzz.Ast.B;
import io.gradgen.processor.fuzz.Ast.Bin;
import io.gradgen.processor.fuzz.Ast.Call;
import io.gradgen.processor.fuzz.Ast.Cmp;
import io.gradgen.processor.fuzz.Ast.Compound;
import io.gradgen.processor.fuzz.Ast.Cond;
import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.Elem;
import io.gradgen.processor.fuzz.Ast.If;
import io.gradgen.processor.fuzz.Ast.Index;
import io.gradgen.processor.fuzz.Ast.Neg;
import io.gradgen.processor.fuzz.Ast.Num;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.Row;
import io.gradgen.processor.fuzz.Ast.S;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The expressions of one random batch loss (see {@link BatchGenerator}): arithmetic and calls over
 * what a block has in scope ({@link Ctx}): rows of {@code double[][]} parameters ({@code x[a]},
 * {@code y[b]}, {@code x[0]}) passed to the row functions ({@code sum mean max min logSumExp norm},
 * {@code dot} and {@code cosine} of two rows of one length, {@code dot(x[a], w)} with a
 * {@code @Param double[]}), elements {@code x[a][j]} of a loop over a row's columns, locals and
 * {@code @Param}s. Distances between rows are written as users write them:
 * {@code dot(u, u) - 2 * dot(u, v) + dot(v, v)}, {@code 1 - cosine(u, v)}, or a column loop (see the
 * generator). Arguments of {@code log} and {@code sqrt} and denominators stay away from zero.
 */
final class BatchExpressions {

    /** What an expression may read where it is generated. */
    static final class Ctx {
        /** Rows of {@code double[][]} parameters at the loops' indices or at literal ones. */
        final List<Row> rows = new ArrayList<>();
        /** Elements {@code x[a][j]} of the column loops in scope. */
        final List<Elem> elems = new ArrayList<>();
        /** {@code double} locals and {@code @Param double}s. */
        final List<String> doubles = new ArrayList<>();

        Ctx copy() {
            Ctx c = new Ctx();
            c.rows.addAll(rows);
            c.elems.addAll(elems);
            c.doubles.addAll(doubles);
            return c;
        }

        Ctx with(Row... more) {
            Ctx c = copy();
            c.rows.addAll(List.of(more));
            return c;
        }
    }

    /**
     * Whether a batch loss calls the row function {@code logSumExp} anywhere (of a row {@code x[a]}
     * or of a temporary row), else only in the per-row cross-entropy,
     * {@code total += logSumExp(x[b]) - x[b][y[b]]} in a single loop. It was off while the generated
     * backward missed the declaration of its scratch array where a staged loop computes a value once
     * for the whole batch (the {@code batch-*-scratch-undeclared.fuzz} regression programs).
     */
    static final boolean LOG_SUM_EXP_OF_ROWS = true;

    private final Random rng;
    /** The {@code double[][]} parameters by name. */
    private final Map<String, Param> matrices;
    /** The {@code @Param double[]} constants (each as long as some matrix's rows), or empty. */
    private final List<Param> constRows;
    /** A {@code @Param double} of at least 0.5 (a temperature, a margin), or null. */
    final String positiveConst;

    BatchExpressions(Random rng, Map<String, Param> matrices, List<Param> constRows, String positiveConst) {
        this.rng = rng;
        this.matrices = matrices;
        this.constRows = constRows;
        this.positiveConst = positiveConst;
    }

    int lengthOf(Row r) {
        return matrices.get(r.matrix()).length();
    }

    // ------------------------------------------------------------------ general expressions

    E term(Ctx c, int depth) {
        if (depth <= 0 || rng.nextDouble() < 0.25) {
            return leaf(c);
        }
        double r = rng.nextDouble();
        if (r < 0.3) {
            return new Bin("+-*".charAt(rng.nextInt(3)), term(c, depth - 1), term(c, depth - 1));
        } else if (r < 0.38) {
            return new Bin('/', term(c, depth - 1), positive(c, depth - 1));
        } else if (r < 0.62) {
            E a = term(c, depth - 1);
            return switch (rng.nextInt(10)) {
                case 0 -> call("Math.exp", call("Math.tanh", a));
                case 1 -> call("Math.sin", a);
                case 2 -> call("Functions.sq", a);
                case 3 -> call("Functions.sigmoid", a);
                case 4 -> call("Functions.softplus", a);
                case 5 -> call("Math.log", positive(c, depth - 1));
                case 6 -> call("Math.sqrt", positive(c, depth - 1));
                case 7 -> call("Functions.logAddExp", a, term(c, depth - 1));
                default -> call("Math.tanh", a);
            };
        } else if (r < 0.72) {
            E a = term(c, depth - 1);
            return switch (rng.nextInt(4)) {
                case 0 -> call("Math.abs", a);
                case 1 -> call("Functions.relu", a);
                case 2 -> call("Math.max", a, term(c, depth - 1));
                default -> call("Math.min", a, term(c, depth - 1));
            };
        } else if (r < 0.78) {
            return new Cond(new Cmp(pick(new String[] {"<", ">"}), term(c, depth - 1), new Num(0.0, false)),
                    term(c, depth - 1), term(c, depth - 1));
        } else if (r < 0.93 && !c.rows.isEmpty()) {
            return rowTerm(c);
        }
        return new Neg(term(c, depth - 1));
    }

    E leaf(Ctx c) {
        double r = rng.nextDouble();
        if (!c.elems.isEmpty() && r < 0.4) {
            return pick(c.elems);
        } else if (!c.rows.isEmpty() && r < 0.75) {
            return rowTerm(c);
        } else if (!c.doubles.isEmpty() && r < 0.88) {
            return new Ref(pick(c.doubles));
        } else if (!c.rows.isEmpty() && r < 0.93) {
            Row row = pick(c.rows);
            return new Elem(row.matrix(), row.index(), new Num(rng.nextInt(lengthOf(row)), true));
        }
        return new Num(new double[] {0.5, 1.0, 2.0, 0.25}[rng.nextInt(4)], false);
    }

    /** A row function of one row in scope, or the similarity of two of one length. */
    E rowTerm(Ctx c) {
        Row a = pick(c.rows);
        List<Row> partners = partners(c, a);
        if (rng.nextDouble() < 0.4) {
            return similarity(a, pick(partners));
        }
        return rowFunction(a);
    }

    /** The rows in scope as long as {@code a} (a itself included). */
    List<Row> partners(Ctx c, Row a) {
        List<Row> out = new ArrayList<>();
        for (Row r : c.rows) {
            if (lengthOf(r) == lengthOf(a)) {
                out.add(r);
            }
        }
        return out;
    }

    /** {@code sum mean max min logSumExp norm} of a row, or its dot product with a {@code @Param double[]} of its length. */
    E rowFunction(Row r) {
        for (Param w : constRows) {
            if (w.length() == lengthOf(r) && rng.nextInt(5) == 0) {
                return call("Functions.dot", r, new Ref(w.name()));
            }
        }
        return switch (rng.nextInt(6)) {
            case 0 -> call("Functions.sum", r);
            case 1 -> call("Functions.mean", r);
            case 2 -> call("Functions.max", r);
            case 3 -> call("Functions.min", r);
            case 4 -> call(LOG_SUM_EXP_OF_ROWS ? "Functions.logSumExp" : "Functions.mean", r);
            default -> call("Functions.norm", r);
        };
    }

    /** A similarity of two rows of one length: a dot product or a cosine, maybe over a temperature. */
    E similarity(Row a, Row b) {
        E s = rng.nextBoolean() ? call("Functions.cosine", a, b) : call("Functions.dot", a, b);
        double r = rng.nextDouble();
        if (positiveConst != null && r < 0.4) {
            return new Bin('/', s, new Ref(positiveConst));
        } else if (r < 0.6) {
            return new Bin('*', new Num(pick(new double[] {0.5, 2.0, 3.0}), false), s);
        }
        return s;
    }

    /**
     * A distance-like value of two rows of one length, zero for a row and itself:
     * {@code dot(u, u) - 2 * dot(u, v) + dot(v, v)} or {@code 1 - cosine(u, v)}, or the square root of
     * the first plus 0.1.
     */
    E distance(Row a, Row b) {
        E squared = new Bin('+', new Bin('-', call("Functions.dot", a, a),
                new Bin('*', new Num(2, true), call("Functions.dot", a, b))), call("Functions.dot", b, b));
        return switch (rng.nextInt(3)) {
            case 0 -> new Bin('-', new Num(1.0, false), call("Functions.cosine", a, b));
            case 1 -> call("Math.sqrt", new Bin('+', squared, new Num(0.1, false)));
            default -> squared;
        };
    }

    /** A term kept away from zero: {@code c + sq(t)}, {@code |t| + c}, or a positive {@code @Param}. */
    E positive(Ctx c, int depth) {
        if (positiveConst != null && rng.nextInt(4) == 0) {
            return new Ref(positiveConst);
        }
        E a = term(c, depth);
        E k = new Num(pick(new double[] {0.5, 1.0, 2.0}), false);
        return rng.nextBoolean() ? new Bin('+', k, call("Functions.sq", a)) : new Bin('+', call("Math.abs", a), k);
    }

    /** A comparison of two labels of rows {@code a} and {@code b}: {@code y[a] == y[b]} or {@code !=}. */
    B sameLabel(String labels, E a, E b, boolean same) {
        return new Cmp(same ? "==" : "!=", new Index(labels, a), new Index(labels, b));
    }

    // ------------------------------------------------------------------ accumulations

    /** One step of {@code form}: 0 {@code +=}, 1 {@code -=}, 3 max, 4 min, 6 {@code logAddExp}. */
    S accumulate(int form, String acc, E term) {
        return switch (form) {
            case 1 -> new Compound(acc, '-', term);
            case 3 -> new Assign(acc, rng.nextInt(4) == 0 ? call("Math.max", term, new Ref(acc)) : call("Math.max", new Ref(acc), term));
            case 4 -> new Assign(acc, rng.nextInt(4) == 0 ? call("Math.min", term, new Ref(acc)) : call("Math.min", new Ref(acc), term));
            case 6 -> new Assign(acc, call("Functions.logAddExp", new Ref(acc), term));
            default -> new Compound(acc, '+', term);
        };
    }

    /** A start for {@code form}: an infinity at times when the loop updates it at least once. */
    E start(int form, boolean nonEmpty) {
        boolean infinite = nonEmpty && rng.nextDouble() < 0.6;
        return switch (form) {
            case 3 -> infinite ? RowGenerator.NEGATIVE_INFINITY : new Num(-10.0, false);
            case 4 -> infinite ? RowGenerator.POSITIVE_INFINITY : new Num(10.0, false);
            case 6 -> infinite ? RowGenerator.NEGATIVE_INFINITY : new Num(0.0, false);
            default -> new Num(0.0, false);
        };
    }

    static S masked(B mask, S step) {
        return mask == null ? step : new If(mask, List.of(step), List.of());
    }

    /** {@code m[var]}. */
    static Row row(Param m, String var) {
        return new Row(m.name(), new Ref(var));
    }

    static Call call(String f, E... args) {
        return new Call(f, List.of(args));
    }

    <T> T pick(List<T> list) {
        return list.get(rng.nextInt(list.size()));
    }

    <T> T pick(T[] array) {
        return array[rng.nextInt(array.length)];
    }

    double pick(double[] array) {
        return array[rng.nextInt(array.length)];
    }
}
