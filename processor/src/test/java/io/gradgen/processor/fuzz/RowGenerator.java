package io.gradgen.processor.fuzz;

import io.gradgen.annotations.Reduction;
import io.gradgen.processor.fuzz.Ast.Assign;
import io.gradgen.processor.fuzz.Ast.B;
import io.gradgen.processor.fuzz.Ast.Bin;
import io.gradgen.processor.fuzz.Ast.Call;
import io.gradgen.processor.fuzz.Ast.Cmp;
import io.gradgen.processor.fuzz.Ast.Compound;
import io.gradgen.processor.fuzz.Ast.Cond;
import io.gradgen.processor.fuzz.Ast.Decl;
import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.For;
import io.gradgen.processor.fuzz.Ast.If;
import io.gradgen.processor.fuzz.Ast.Index;
import io.gradgen.processor.fuzz.Ast.Length;
import io.gradgen.processor.fuzz.Ast.Named;
import io.gradgen.processor.fuzz.Ast.Neg;
import io.gradgen.processor.fuzz.Ast.Num;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.Return;
import io.gradgen.processor.fuzz.Ast.S;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random row losses: {@code double[]} inputs in groups of one length each (rows of different groups
 * are never indexed by one loop), an {@code int} label per group drawn within its length,
 * {@code @Param double[]} constants of a group's length, element inputs and {@code @Param double}s
 * mixed in. The body is a sequence of blocks, each leaving one local behind that later blocks may
 * read:
 * <ul>
 * <li>an accumulation loop with {@code +=}, {@code -=}, {@code *=} (by a factor kept away from 0),
 *     {@code s = Math.max(s, ...)} or {@code s = Math.min(s, ...)}, now and then under an
 *     {@code if} ({@code i != k}, a comparison of elements) with or without an else, and now and then
 *     with a local declared inside;</li>
 * <li>a max-shift loop followed by a sum-of-exponentials loop that reads it (log-sum-exp by hand);</li>
 * <li>two nested loops over two rows (of one group or of two);</li>
 * <li>a plain statement over element inputs, {@code x[k]}, {@code x[0]} and the row functions
 *     {@code sum mean max min logSumExp dot norm}.</li>
 * </ul>
 * Kinks ({@code abs}, {@code relu}, {@code max}, comparisons) are recorded per iteration by the
 * {@link Interpreter}, so sample points stay off them.
 */
final class RowGenerator implements ProgramGenerator {

    static final Named NEGATIVE_INFINITY = new Named("Double.NEGATIVE_INFINITY", Double.NEGATIVE_INFINITY, false);
    static final Named POSITIVE_INFINITY = new Named("Double.POSITIVE_INFINITY", Double.POSITIVE_INFINITY, false);

    /** Names users choose for rows, several also names the generated kernels use ({@code n}, {@code offset}...). */
    private static final String[] ROW_NAMES = {
        "x", "y", "logits", "probs", "target", "pred", "row", "n", "positions", "offset", "scores", "a", "b",
        "grad", "xData", "length", "j", "upstream", "total", "anchor", "positive",
    };
    private static final String[] LOOP_NAMES = {"i", "j", "c", "n", "idx", "position", "p", "q", "length", "offset"};
    private static final String[] LOCAL_NAMES = {
        "s", "m", "acc", "total", "sumExp", "lse", "best", "prod", "d", "max", "sum", "result", "grad", "norm",
        "scale", "diff", "t", "worst", "se", "count",
    };
    private static final String[] ELEMENT_NAMES = {"y0", "bias", "t0", "margin", "z", "label", "u"};
    private static final String[] LABEL_NAMES = {"k", "target", "cls", "label", "index", "y"};
    private static final String[] CONST_NAMES = {"weights", "w", "classWeights", "margin", "temperature", "alpha"};
    private static final int[] LENGTHS = {2, 3, 4, 5};

    /** Rows of one length: the inputs and constants that a loop over any of them may index together. */
    private static final class Group {
        final int length;
        final List<String> inputs = new ArrayList<>();
        final List<String> consts = new ArrayList<>();
        String label;

        Group(int length) {
            this.length = length;
        }

        List<String> all() {
            List<String> out = new ArrayList<>(inputs);
            out.addAll(consts);
            return out;
        }
    }

    /** A loop in scope: its variable and the group its rows come from. */
    private record Loop(String var, Group group) {}

    /** What an expression may refer to where it is generated. */
    private static final class Scope {
        final List<String> doubles = new ArrayList<>();
        final List<Loop> loops = new ArrayList<>();

        Scope copy() {
            Scope s = new Scope();
            s.doubles.addAll(doubles);
            s.loops.addAll(loops);
            return s;
        }
    }

    private Random rng;
    private final Set<String> used = new HashSet<>();
    private int nextName;
    private List<Param> params;
    private List<Group> groups;
    private String positiveConst;

    @Override
    public Program next(Random random, String name, long seed) {
        rng = random;
        used.clear();
        nextName = 0;
        params = new ArrayList<>();
        groups = new ArrayList<>();
        positiveConst = null;

        List<Integer> lengths = new ArrayList<>();
        for (int l : LENGTHS) {
            lengths.add(l);
        }
        Collections.shuffle(lengths, rng);
        int groupCount = rng.nextDouble() < 0.35 ? 2 : 1;
        for (int g = 0; g < groupCount; g++) {
            Group group = new Group(lengths.get(g));
            groups.add(group);
            int rows = 1 + (rng.nextDouble() < 0.4 ? 1 : 0) + (rng.nextDouble() < 0.1 ? 1 : 0);
            for (int r = 0; r < rows; r++) {
                String row = parameterName(ROW_NAMES, "x");
                group.inputs.add(row);
                params.add(Param.row(row, group.length, new double[] {0.5, 1, 2}[rng.nextInt(3)]));
            }
            if (rng.nextDouble() < 0.25) {
                String c = parameterName(CONST_NAMES, "w");
                List<Double> values = new ArrayList<>();
                for (int i = 0; i < group.length; i++) {
                    values.add(round(0.25 + 1.5 * rng.nextDouble()));
                }
                group.consts.add(c);
                params.add(Param.constRow(c, values));
            }
            if (rng.nextDouble() < 0.4) {
                group.label = parameterName(LABEL_NAMES, "k");
                params.add(new Param(group.label, Param.Kind.LABEL, null, 0, group.length));
            }
        }
        Scope scope = new Scope();
        int elements = rng.nextDouble() < 0.4 ? 1 + rng.nextInt(2) : 0;
        for (int e = 0; e < elements; e++) {
            String x = parameterName(ELEMENT_NAMES, "e");
            params.add(new Param(x, Param.Kind.INPUT, null, 0, new double[] {0.5, 1, 2}[rng.nextInt(3)]));
            scope.doubles.add(x);
        }
        if (rng.nextDouble() < 0.3) {
            positiveConst = parameterName(CONST_NAMES, "c");
            Double dflt = rng.nextBoolean() ? round(0.5 + rng.nextDouble()) : null;
            params.add(new Param(positiveConst, Param.Kind.CONST_DOUBLE, dflt, round(0.5 + rng.nextDouble()), 1));
            scope.doubles.add(positiveConst);
        }
        if (rng.nextDouble() < 0.3) {
            Collections.shuffle(params, rng);
        }

        List<S> body = new ArrayList<>();
        List<String> results = new ArrayList<>();
        int blocks = 1 + rng.nextInt(3);
        for (int b = 0; b < blocks; b++) {
            double r = rng.nextDouble();
            String result;
            if (r < 0.5) {
                result = accumulation(body, scope);
            } else if (r < 0.65) {
                result = logSumExpByHand(body, scope);
            } else if (r < 0.8) {
                result = nested(body, scope);
            } else {
                result = fresh(LOCAL_NAMES, "t");
                body.add(new Decl(result, expr(scope, 3)));
            }
            scope.doubles.add(result);
            results.add(result);
        }
        E value = new Ref(results.get(0));
        for (int i = 1; i < results.size(); i++) {
            E next = new Ref(results.get(i));
            value = switch (rng.nextInt(5)) {
                case 0 -> new Bin('-', value, next);
                case 1 -> new Bin('*', value, call("Math.tanh", next));
                default -> new Bin('+', value, next);
            };
        }
        if (rng.nextDouble() < 0.3) {
            value = new Bin('+', value, expr(scope, 2));
        }
        body.add(new Return(value));
        Reduction reduction = Reduction.values()[rng.nextInt(3)];
        return new Program(name, reduction, List.copyOf(params), List.of(), body, seed);
    }

    // ------------------------------------------------------------------ blocks

    /** A local, a loop accumulating into it, and maybe {@code s / x.length} afterwards; returns the local's name. */
    private String accumulation(List<S> body, Scope scope) {
        Group group = pick(groups);
        String row = pick(group.inputs);
        String loopVar = fresh(LOOP_NAMES, "i");
        String acc = fresh(LOCAL_NAMES, "s");
        Scope inner = scope.copy();
        inner.loops.add(new Loop(loopVar, group));
        int form = rng.nextInt(6);
        List<S> loopBody = new ArrayList<>();
        if (rng.nextDouble() < 0.25) {
            String local = fresh(LOCAL_NAMES, "d");
            loopBody.add(new Decl(local, expr(inner, 2)));
            inner.doubles.add(local);
        }
        E init = initial(form, scope, group);
        body.add(new Decl(acc, init));
        S step = step(form, acc, inner);
        if (rng.nextDouble() < 0.3) {
            S otherwise = rng.nextBoolean() ? step(form, acc, inner) : null;
            // a max/min accumulation may start at +-infinity: only an if/else keeps every iteration updating it
            if (form >= 3 && otherwise == null && init instanceof Named) {
                otherwise = step(form, acc, inner);
            }
            step = new If(loopCondition(inner), List.of(step), otherwise == null ? List.of() : List.of(otherwise));
        }
        loopBody.add(step);
        body.add(new For(loopVar, row, null, loopBody));
        if (form <= 1 && rng.nextDouble() < 0.25) {
            String mean = fresh(LOCAL_NAMES, "m");
            body.add(new Decl(mean, new Bin('/', new Ref(acc), new Length(pick(group.all())))));
            return mean;
        }
        return acc;
    }

    private E initial(int form, Scope scope, Group group) {
        switch (form) {
            case 0:
            case 1:
                return rng.nextDouble() < 0.7 ? new Num(0.0, false) : expr(scope, 1);
            case 2:
                return rng.nextDouble() < 0.7 ? new Num(1.0, false) : new Num(0.5, false);
            default: {
                boolean max = form == 3 || form == 5;
                double r = rng.nextDouble();
                if (r < 0.4) {
                    return max ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
                } else if (r < 0.7) {
                    return new Index(pick(group.inputs), new Num(0, true));
                }
                return new Num(max ? -10.0 : 10.0, false);
            }
        }
    }

    /** One accumulation step of {@code form}: 0 {@code +=}, 1 {@code -=}, 2 {@code *=}, 3/5 max, 4 min. */
    private S step(int form, String acc, Scope inner) {
        switch (form) {
            case 0:
                return new Compound(acc, '+', expr(inner, 3));
            case 1:
                return new Compound(acc, '-', expr(inner, 2));
            case 2:
                return new Compound(acc, '*', factor(inner));
            default: {
                String f = form == 4 ? "Math.min" : "Math.max";
                E term = rng.nextBoolean() ? loopElement(inner) : expr(inner, 2);
                return new Assign(acc, rng.nextInt(4) == 0 ? call(f, term, new Ref(acc)) : call(f, new Ref(acc), term));
            }
        }
    }

    /** A factor kept away from 0 (and from huge values): a product loop stays well conditioned. */
    private E factor(Scope scope) {
        E t = expr(scope, 2);
        return switch (rng.nextInt(4)) {
            case 0 -> new Bin('+', new Num(1.0, false), new Bin('*', new Num(0.5, false), call("Math.tanh", t)));
            case 1 -> call("Math.exp", new Bin('*', new Num(0.25, false), call("Math.tanh", t)));
            case 2 -> new Bin('+', new Num(0.5, false), call("Functions.sigmoid", t));
            default -> new Bin('+', new Num(1.0, false), call("Functions.sq", call("Math.sin", t)));
        };
    }

    /** {@code m = max_i t(x[i]); se = sum_i exp(t(x[i]) - m); lse = m + log(se)}, maybe minus {@code t(x[k])}. */
    private String logSumExpByHand(List<S> body, Scope scope) {
        Group group = pick(groups);
        String row = pick(group.inputs);
        String m = fresh(LOCAL_NAMES, "m");
        String se = fresh(LOCAL_NAMES, "se");
        String i = fresh(LOOP_NAMES, "i");
        String j = fresh(LOOP_NAMES, "j");
        String other = group.all().size() > 1 && rng.nextBoolean() ? pick(group.all()) : null;
        double temperature = new double[] {1.0, 0.5, 2.0}[rng.nextInt(3)];
        body.add(new Decl(m, rng.nextBoolean() ? NEGATIVE_INFINITY : new Num(-100.0, false)));
        body.add(new For(i, row, null, List.of(new Assign(m, call("Math.max", new Ref(m), logit(row, other, i, temperature))))));
        body.add(new Decl(se, new Num(0.0, false)));
        body.add(new For(j, row, null, List.of(new Compound(se, '+',
                call("Math.exp", new Bin('-', logit(row, other, j, temperature), new Ref(m)))))));
        String lse = fresh(LOCAL_NAMES, "lse");
        E value = new Bin('+', new Ref(m), call("Math.log", new Ref(se)));
        if (group.label != null && rng.nextBoolean()) {
            value = new Bin('-', value, logit(row, other, group.label, temperature));
        }
        body.add(new Decl(lse, value));
        return lse;
    }

    private static E logit(String row, String other, String index, double temperature) {
        E e = new Index(row, new Ref(index));
        if (other != null) {
            e = new Bin('+', e, new Bin('*', new Num(0.5, false), new Index(other, new Ref(index))));
        }
        return temperature == 1.0 ? e : new Bin('*', new Num(temperature, false), e);
    }

    /** {@code s} accumulated by a loop over a row of one group inside a loop over a row of another (or the same). */
    private String nested(List<S> body, Scope scope) {
        Group outerGroup = pick(groups);
        Group innerGroup = pick(groups);
        String i = fresh(LOOP_NAMES, "i");
        String j = fresh(LOOP_NAMES, "j");
        String acc = fresh(LOCAL_NAMES, "s");
        Scope outer = scope.copy();
        outer.loops.add(new Loop(i, outerGroup));
        Scope inner = outer.copy();
        inner.loops.add(new Loop(j, innerGroup));
        int form = new int[] {0, 0, 0, 1, 3}[rng.nextInt(5)];
        body.add(new Decl(acc, form == 3 ? new Num(-10.0, false) : new Num(0.0, false)));
        E a = new Index(pick(outerGroup.inputs), new Ref(i));
        E b = new Index(pick(innerGroup.all()), new Ref(j));
        E pair = switch (rng.nextInt(6)) {
            case 0 -> call("Functions.sq", new Bin('-', a, b));
            case 1 -> new Bin('*', a, b);
            case 2 -> call("Math.exp", new Neg(call("Functions.sq", new Bin('-', a, b))));
            case 3 -> call("Math.abs", new Bin('-', a, b));
            case 4 -> call("Math.max", new Num(0.0, false), new Bin('+', new Bin('-', a, b), new Num(0.5, false)));
            default -> new Bin('+', new Bin('*', a, b), expr(inner, 1));
        };
        S step = form == 3 ? new Assign(acc, call("Math.max", new Ref(acc), pair)) : new Compound(acc, form == 1 ? '-' : '+', pair);
        if (rng.nextDouble() < 0.25) {
            step = new If(loopCondition(inner), List.of(step), List.of());
        }
        List<S> outerBody = new ArrayList<>();
        outerBody.add(new For(j, pick(innerGroup.inputs), null, List.of(step)));
        if (rng.nextDouble() < 0.3 && form != 3) {
            outerBody.add(rng.nextBoolean() ? 0 : 1, new Compound(acc, '+', expr(outer, 2)));
        }
        body.add(new For(i, pick(outerGroup.inputs), null, outerBody));
        return acc;
    }

    // ------------------------------------------------------------------ expressions

    E expr(Scope scope, int depth) {
        if (depth <= 0 || rng.nextDouble() < 0.25) {
            return leaf(scope);
        }
        double r = rng.nextDouble();
        if (r < 0.3) {
            return new Bin("+-*".charAt(rng.nextInt(3)), expr(scope, depth - 1), expr(scope, depth - 1));
        } else if (r < 0.37) {
            return new Bin('/', expr(scope, depth - 1), positive(scope, depth - 1));
        } else if (r < 0.6) {
            E a = expr(scope, depth - 1);
            return switch (rng.nextInt(10)) {
                case 0 -> call("Math.exp", call("Math.tanh", a));
                case 1 -> call("Math.sin", a);
                case 2 -> call("Math.tanh", a);
                case 3 -> call("Functions.sq", a);
                case 4 -> call("Functions.sigmoid", a);
                case 5 -> call("Functions.softplus", a);
                case 6 -> call("Functions.logSigmoid", a);
                case 7 -> call("Math.log", positive(scope, depth - 1));
                case 8 -> call("Math.sqrt", positive(scope, depth - 1));
                default -> call("Math.atan", a);
            };
        } else if (r < 0.7) {
            E a = expr(scope, depth - 1);
            return switch (rng.nextInt(5)) {
                case 0 -> call("Math.abs", a);
                case 1 -> call("Functions.relu", a);
                case 2 -> call("Math.max", a, expr(scope, depth - 1));
                case 3 -> call("Math.min", a, expr(scope, depth - 1));
                default -> call("Functions.clamp", a, new Num(-1.0, false), new Num(1.0, false));
            };
        } else if (r < 0.77) {
            return new Cond(new Cmp(pick(new String[] {"<", ">", "<=", ">="}), expr(scope, depth - 1),
                    new Num(rng.nextBoolean() ? 0.0 : 0.5, false)), expr(scope, depth - 1), expr(scope, depth - 1));
        } else if (r < 0.92) {
            return rowCall();
        }
        return new Neg(expr(scope, depth - 1));
    }

    private E leaf(Scope scope) {
        double r = rng.nextDouble();
        if (!scope.loops.isEmpty() && r < 0.55) {
            return loopElement(scope);
        } else if (r < 0.65) {
            return new Num(new double[] {0.5, 1.0, 2.0, 0.25, 3.0}[rng.nextInt(5)], false);
        } else if (r < 0.75) {
            Group g = pick(groups);
            String row = pick(g.all());
            if (g.label != null && rng.nextDouble() < 0.7) {
                return new Index(row, new Ref(g.label));
            }
            return new Index(row, new Num(rng.nextInt(g.length), true));
        } else if (r < 0.8) {
            return new Bin('*', new Num(0.5, false), new Length(pick(pick(groups).all())));
        } else if (r < 0.88 || scope.doubles.isEmpty()) {
            return rowCall();
        }
        return new Ref(pick(scope.doubles));
    }

    /** {@code r[i]} for a loop in scope and a row of its group. */
    private E loopElement(Scope scope) {
        Loop loop = pick(scope.loops);
        return new Index(pick(loop.group().all()), new Ref(loop.var()));
    }

    private E rowCall() {
        Group g = pick(groups);
        String row = pick(g.all());
        return switch (rng.nextInt(7)) {
            case 0 -> call("Functions.sum", new Ref(row));
            case 1 -> call("Functions.mean", new Ref(row));
            case 2 -> call("Functions.max", new Ref(row));
            case 3 -> call("Functions.min", new Ref(row));
            case 4 -> call("Functions.logSumExp", new Ref(row));
            case 5 -> call("Functions.dot", new Ref(row), new Ref(pick(g.all())));
            // a row of length 2 or more drawn from U(-s, s)^n is rarely near 0; the interpreter watches it
            default -> call("Functions.norm", new Ref(pick(g.inputs)));
        };
    }

    private E positive(Scope scope, int depth) {
        E a = expr(scope, depth);
        E c = positiveConst != null && rng.nextInt(3) == 0 ? new Ref(positiveConst)
                : new Num(new double[] {0.5, 1.0, 2.0}[rng.nextInt(3)], false);
        return rng.nextBoolean() ? new Bin('+', c, call("Functions.sq", a)) : new Bin('+', call("Math.abs", a), c);
    }

    /** A condition inside a loop: {@code i != k}, {@code i > 0}, or a comparison of elements. */
    private B loopCondition(Scope scope) {
        Loop loop = pick(scope.loops);
        double r = rng.nextDouble();
        if (loop.group().label != null && r < 0.35) {
            return new Cmp(rng.nextInt(3) == 0 ? "==" : "!=", new Ref(loop.var()), new Ref(loop.group().label));
        } else if (r < 0.5) {
            return new Cmp(rng.nextBoolean() ? ">" : "<", new Ref(loop.var()), new Num(1, true));
        } else if (r < 0.75) {
            return new Cmp(pick(new String[] {"<", ">", "<=", ">="}), loopElement(scope),
                    new Num(rng.nextBoolean() ? 0.0 : 0.5, false));
        }
        return new Cmp(pick(new String[] {"<", ">"}), loopElement(scope), expr(scope, 1));
    }

    // ------------------------------------------------------------------ names

    private String fresh(String[] pool, String prefix) {
        if (rng.nextBoolean()) {
            String name = pool[rng.nextInt(pool.length)];
            if (used.add(name)) {
                return name;
            }
        }
        String name;
        do {
            name = prefix + nextName++;
        } while (!used.add(name));
        return name;
    }

    private String parameterName(String[] pool, String prefix) {
        while (true) {
            String name = fresh(pool, prefix);
            if (!ElementwiseGenerator.OPEN_BUG_PARAMETER_NAMES.contains(name)) {
                return name;
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Call call(String f, E... args) {
        return new Call(f, List.of(args));
    }

    private <T> T pick(List<T> list) {
        return list.get(rng.nextInt(list.size()));
    }

    private <T> T pick(T[] array) {
        return array[rng.nextInt(array.length)];
    }
}
