package io.gradgen.processor.fuzz;

import io.gradgen.annotations.Reduction;
import io.gradgen.processor.fuzz.Ast.Assign;
import io.gradgen.processor.fuzz.Ast.Bin;
import io.gradgen.processor.fuzz.Ast.Call;
import io.gradgen.processor.fuzz.Ast.Compound;
import io.gradgen.processor.fuzz.Ast.Decl;
import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.For;
import io.gradgen.processor.fuzz.Ast.If;
import io.gradgen.processor.fuzz.Ast.Index;
import io.gradgen.processor.fuzz.Ast.Named;
import io.gradgen.processor.fuzz.Ast.Num;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.Return;
import io.gradgen.processor.fuzz.Ast.S;
import io.gradgen.processor.fuzz.RowExpressions.Group;
import io.gradgen.processor.fuzz.RowExpressions.Loop;
import io.gradgen.processor.fuzz.RowExpressions.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random row losses: {@code double[]} inputs in groups of one length each (rows of different groups
 * are never indexed by one loop; up to four groups, so up to four different lengths), an {@code int}
 * label per group drawn within its length, {@code @Param double[]} constants of a group's length,
 * element inputs, a {@code @Param double} and a {@code @Param int} mixed in. The body is a sequence
 * of blocks, each leaving one local behind that later blocks may read:
 * <ul>
 * <li>an accumulation loop with {@code +=}, {@code -=}, {@code *=} (by a factor kept away from 0),
 *     {@code s = Math.max(s, ...)} or {@code s = Math.min(s, ...)}, now and then under an
 *     {@code if} with or without an else, now and then with a local declared inside, its terms
 *     often loop-invariant ({@code s -= mean(pred)} in a loop over {@code total}) or an invariant
 *     times the element, and now and then rescaled by lengths afterwards
 *     ({@code s / (x0.length * pred.length)});</li>
 * <li>a max-shift loop followed by a sum-of-exponentials loop that reads it (log-sum-exp by hand);</li>
 * <li>two or three nested loops over rows of one group or of several, accumulating with any of the
 *     forms above in the innermost loop, now and then also in an outer loop (into the same local or
 *     a second one), with locals declared in the outer loops and read by the inner ones, and row
 *     functions of other rows in the terms (a reduction of reductions);</li>
 * <li>a plain statement over element inputs, {@code x[k]}, {@code x[0]}, the row functions and
 *     length terms.</li>
 * </ul>
 * The expressions come from {@link RowExpressions}. Kinks ({@code abs}, {@code relu}, {@code max},
 * comparisons) are recorded per iteration by the {@link Interpreter}, so sample points stay off
 * them.
 */
final class RowGenerator implements ProgramGenerator {

    static final Named NEGATIVE_INFINITY = new Named("Double.NEGATIVE_INFINITY", Double.NEGATIVE_INFINITY, false);
    static final Named POSITIVE_INFINITY = new Named("Double.POSITIVE_INFINITY", Double.POSITIVE_INFINITY, false);

    /** Names users choose for rows, several also names the generated kernels use ({@code n}, {@code offset}...). */
    private static final String[] ROW_NAMES = {
        "x", "y", "logits", "probs", "target", "pred", "row", "n", "positions", "offset", "scores", "a", "b",
        "grad", "xData", "length", "j", "upstream", "total", "anchor", "positive", "x0",
    };
    private static final String[] LOOP_NAMES = {"i", "j", "c", "n", "idx", "position", "p", "q", "length", "offset"};
    private static final String[] LOCAL_NAMES = {
        "s", "m", "acc", "total", "sumExp", "lse", "best", "prod", "d", "max", "sum", "result", "grad", "norm",
        "scale", "diff", "t", "worst", "se", "count",
    };
    private static final String[] ELEMENT_NAMES = {"y0", "bias", "t0", "margin", "z", "label", "u"};
    private static final String[] LABEL_NAMES = {"k", "target", "cls", "label", "index", "y"};
    private static final String[] CONST_NAMES = {"weights", "w", "classWeights", "margin", "temperature", "alpha"};
    private static final String[] INT_CONST_NAMES = {"k", "n", "count", "steps", "size", "length", "classes", "xLength"};
    private static final int[] LENGTHS = {2, 3, 4, 5};

    private Random rng;
    private ProgramNames names;
    private List<Param> params;
    private List<Group> groups;
    private RowExpressions ex;
    private LanguageBlocks blocks;

    @Override
    public Program next(Random random, String name, long seed) {
        rng = random;
        names = new ProgramNames(random);
        params = new ArrayList<>();
        groups = new ArrayList<>();

        List<Integer> lengths = new ArrayList<>();
        for (int l : LENGTHS) {
            lengths.add(l);
        }
        Collections.shuffle(lengths, rng);
        double g3 = rng.nextDouble();
        int groupCount = g3 < 0.4 ? 1 : g3 < 0.72 ? 2 : g3 < 0.93 ? 3 : 4;
        for (int g = 0; g < groupCount; g++) {
            Group group = new Group(lengths.get(g));
            groups.add(group);
            // the first group may have several rows; later ones, there for their lengths, mostly one
            int rows = 1 + (rng.nextDouble() < (g == 0 ? 0.4 : 0.2) ? 1 : 0) + (g == 0 && rng.nextDouble() < 0.1 ? 1 : 0);
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
        String positiveConst = null;
        if (rng.nextDouble() < 0.3) {
            positiveConst = parameterName(CONST_NAMES, "c");
            Double dflt = rng.nextBoolean() ? round(0.5 + rng.nextDouble()) : null;
            params.add(new Param(positiveConst, Param.Kind.CONST_DOUBLE, dflt, round(0.5 + rng.nextDouble()), 1));
            scope.doubles.add(positiveConst);
        }
        String intConst = null;
        if (rng.nextDouble() < 0.25) {
            intConst = parameterName(INT_CONST_NAMES, "n");
            Double dflt = rng.nextBoolean() ? (double) (1 + rng.nextInt(4)) : null;
            params.add(new Param(intConst, Param.Kind.CONST_INT, dflt, 1 + rng.nextInt(4), 1));
        }
        if (rng.nextDouble() < 0.3) {
            Collections.shuffle(params, rng);
        }
        ex = new RowExpressions(rng, groups, positiveConst, intConst);
        blocks = new LanguageBlocks(rng, ex, groups, this::fresh, intConst);

        List<S> body = new ArrayList<>();
        if (rng.nextDouble() < 0.3) {
            blocks.intLocal(body);
        }
        List<String> results = new ArrayList<>();
        int count = 1 + rng.nextInt(3);
        for (int b = 0; b < count; b++) {
            double r = rng.nextDouble();
            String result;
            if (r < 0.36) {
                result = accumulation(body, scope);
            } else if (r < 0.42) {
                result = logSumExpByHand(body, scope);
            } else if (r < 0.6) {
                result = nested(body, scope);
            } else if (r < 0.7) {
                result = blocks.neighbours(body, scope);
            } else if (r < 0.79) {
                result = blocks.reductionOfReductions(body, scope);
            } else if (r < 0.86) {
                result = blocks.suffixes(body, scope);
            } else if (r < 0.93) {
                result = blocks.temporaryRow(body, scope);
            } else {
                result = fresh(LOCAL_NAMES, "t");
                body.add(new Decl(result, ex.expr(scope, 3)));
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
        if (rng.nextDouble() < 0.2) {
            value = ex.rescaled(value);
        }
        if (rng.nextDouble() < 0.3) {
            value = new Bin('+', value, ex.expr(scope, 2));
        }
        body.add(new Return(value));
        Reduction reduction = Reduction.values()[rng.nextInt(3)];
        return new Program(name, reduction, List.copyOf(params), List.of(), body, seed);
    }

    // ------------------------------------------------------------------ blocks

    /**
     * A local, a loop accumulating into it, and maybe the local rescaled by lengths afterwards
     * ({@code s / x.length}, {@code s * ((1.0 * a.length) / b.length)}); returns the local's name.
     */
    private String accumulation(List<S> body, Scope scope) {
        Group group = ex.pick(groups);
        String row = ex.pick(group.inputs);
        String loopVar = fresh(LOOP_NAMES, "i");
        String acc = fresh(LOCAL_NAMES, "s");
        Scope inner = scope.inside(new Loop(loopVar, group));
        int form = rng.nextInt(7);
        List<S> loopBody = new ArrayList<>();
        if (rng.nextDouble() < 0.25) {
            String local = fresh(LOCAL_NAMES, "d");
            loopBody.add(new Decl(local, rng.nextBoolean() ? ex.expr(inner, 2) : ex.loopTerm(inner, 2)));
            inner.declareInLoop(local);
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
            // the condition is held in a boolean local declared in the loop now and then
            step = new If(blocks.condition(inner, loopBody), List.of(step), otherwise == null ? List.of() : List.of(otherwise));
        }
        loopBody.add(step);
        body.add(new For(loopVar, row, null, loopBody));
        if (rng.nextDouble() < (form <= 1 ? 0.4 : 0.15)) {
            String rescaled = fresh(LOCAL_NAMES, "m");
            body.add(new Decl(rescaled, ex.rescaled(new Ref(acc))));
            return rescaled;
        }
        return acc;
    }

    private E initial(int form, Scope scope, Group group) {
        switch (form) {
            case 0:
            case 1:
                return rng.nextDouble() < 0.7 ? new Num(0.0, false) : ex.expr(scope, 1);
            case 2:
                return rng.nextDouble() < 0.7 ? new Num(1.0, false) : new Num(0.5, false);
            case 6: {
                double r = rng.nextDouble();
                return r < 0.4 ? NEGATIVE_INFINITY : r < 0.7 ? new Index(ex.pick(group.inputs), new Num(0, true))
                        : new Num(0.0, false);
            }
            default: {
                boolean max = form == 3 || form == 5;
                double r = rng.nextDouble();
                if (r < 0.4) {
                    return max ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
                } else if (r < 0.7) {
                    return new Index(ex.pick(group.inputs), new Num(0, true));
                }
                return new Num(max ? -10.0 : 10.0, false);
            }
        }
    }

    /** One accumulation step of {@code form}: 0 {@code +=}, 1 {@code -=}, 2 {@code *=}, 3/5 max, 4 min, 6 logAddExp. */
    private S step(int form, String acc, Scope inner) {
        switch (form) {
            case 0:
                return new Compound(acc, '+', ex.loopTerm(inner, 3));
            case 1:
                return new Compound(acc, '-', ex.loopTerm(inner, 2));
            case 2:
                return new Compound(acc, '*', ex.factor(ex.loopTerm(inner, 2)));
            default:
                return maxStep(form, acc, rng.nextBoolean() ? ex.loopElement(inner) : ex.loopTerm(inner, 2));
        }
    }

    /**
     * {@code acc = Math.max(acc, term)} (form 3 or 5), {@code Math.min} (form 4) or
     * {@code Functions.logAddExp} (form 6, a log-sum-exp), either argument order.
     */
    private S maxStep(int form, String acc, E term) {
        String f = form == 4 ? "Math.min" : form == 6 ? "Functions.logAddExp" : "Math.max";
        return new Assign(acc, rng.nextInt(4) == 0 ? call(f, term, new Ref(acc)) : call(f, new Ref(acc), term));
    }

    /** {@code m = max_i t(x[i]); se = sum_i exp(t(x[i]) - m); lse = m + log(se)}, maybe minus {@code t(x[k])}. */
    private String logSumExpByHand(List<S> body, Scope scope) {
        Group group = ex.pick(groups);
        String row = ex.pick(group.inputs);
        String m = fresh(LOCAL_NAMES, "m");
        String se = fresh(LOCAL_NAMES, "se");
        String i = fresh(LOOP_NAMES, "i");
        String j = fresh(LOOP_NAMES, "j");
        String other = group.all().size() > 1 && rng.nextBoolean() ? ex.pick(group.all()) : null;
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

    // ------------------------------------------------------------------ nested loops

    /** The shape of one block of nested loops. */
    private record Nest(List<Loop> loops, String acc, int form, boolean conditional, String second, int secondForm) {}

    /**
     * Two or three nested loops over rows of one group or of several, accumulating into {@code s}
     * in the innermost loop and now and then in an outer one too (into {@code s} with the same
     * form, or into a second local); returns {@code s}, or {@code s} combined with the second local.
     * Every accumulator is declared before the loops, as the language asks today.
     */
    private String nested(List<S> body, Scope scope) {
        int depth = rng.nextDouble() < 0.3 ? 3 : 2;
        List<Loop> loops = new ArrayList<>();
        for (int level = 0; level < depth; level++) {
            // mostly a group no enclosing loop runs over: rows of different lengths meet
            Group g = level > 0 && rng.nextDouble() < 0.6 ? ex.otherGroup(scopeOf(loops)) : ex.pick(groups);
            loops.add(new Loop(fresh(LOOP_NAMES, "i"), g));
        }
        int form = new int[] {0, 0, 0, 1, 2, 3, 4, 6}[rng.nextInt(8)];
        boolean conditional = rng.nextDouble() < 0.25;
        String acc = fresh(LOCAL_NAMES, "s");
        body.add(new Decl(acc, nestedInitial(form, conditional, loops.get(0).group())));
        String second = null;
        int secondForm = 0;
        if (rng.nextDouble() < 0.3) {
            second = fresh(LOCAL_NAMES, "t");
            secondForm = new int[] {0, 1, 2, 3, 4, 6}[rng.nextInt(6)];
            body.add(new Decl(second, nestedInitial(secondForm, true, loops.get(0).group())));
        }
        Nest nest = new Nest(loops, acc, form, conditional, second, secondForm);
        body.add(new For(loops.get(0).var(), ex.pick(loops.get(0).group().inputs), null, level(nest, 0, scope)));
        if (second == null) {
            return acc;
        }
        String combined = fresh(LOCAL_NAMES, "r");
        body.add(new Decl(combined, rng.nextBoolean() ? new Bin('+', new Ref(acc), new Ref(second))
                : new Bin('-', new Ref(acc), call("Math.tanh", new Ref(second)))));
        return combined;
    }

    private static Scope scopeOf(List<Loop> loops) {
        Scope s = new Scope();
        s.loops.addAll(loops);
        return s;
    }

    /** The body of loop {@code level} of {@code nest}, inside {@code outer}. */
    private List<S> level(Nest nest, int level, Scope outer) {
        Scope inner = outer.inside(nest.loops().get(level));
        List<S> body = new ArrayList<>();
        if (rng.nextDouble() < 0.2) {
            String local = fresh(LOCAL_NAMES, "d");
            body.add(new Decl(local, ex.loopTerm(inner, 2)));
            inner.declareInLoop(local);
        }
        if (level == nest.loops().size() - 1) {
            S step = nest.form() == 2 ? new Compound(nest.acc(), '*', ex.factor(innermostTerm(inner)))
                    : nest.form() >= 3 ? maxStep(nest.form(), nest.acc(), innermostTerm(inner))
                    : new Compound(nest.acc(), nest.form() == 1 ? '-' : '+', innermostTerm(inner));
            body.add(nest.conditional() ? new If(ex.loopCondition(inner), List.of(step), List.of()) : step);
            return body;
        }
        Loop next = nest.loops().get(level + 1);
        body.add(new For(next.var(), ex.pick(next.group().inputs), null, level(nest, level + 1, inner)));
        if (rng.nextDouble() < 0.35) {
            boolean useSecond = nest.second() != null && rng.nextBoolean();
            S step = useSecond ? step(nest.secondForm(), nest.second(), inner) : step(nest.form(), nest.acc(), inner);
            if (rng.nextDouble() < 0.3) {
                step = new If(ex.loopCondition(inner), List.of(step), List.of());
            }
            // before or after the inner loop (a local of this loop is declared first)
            body.add(rng.nextBoolean() ? body.size() - 1 : body.size(), step);
        }
        return body;
    }

    /**
     * The innermost loop's term: elements of two loops combined, that times or plus a row function
     * of another row, a loop-invariant term alone ({@code s += mean(z)} three loops deep), or any
     * loop term.
     */
    private E innermostTerm(Scope inner) {
        double r = rng.nextDouble();
        if (r < 0.4) {
            return ex.pair(inner);
        } else if (r < 0.6) {
            E invariant = ex.invariant(inner);
            return rng.nextBoolean() ? new Bin('*', ex.pair(inner), invariant) : new Bin('+', invariant, ex.pair(inner));
        } else if (r < 0.7) {
            return ex.invariant(inner);
        }
        return ex.loopTerm(inner, 2);
    }

    /** A start that every form can leave: a max/min under a condition may see no iteration, so no infinity then. */
    private E nestedInitial(int form, boolean conditional, Group group) {
        if (form >= 3 && conditional) {
            return rng.nextBoolean() ? new Num(form == 4 ? 10.0 : -10.0, false) : new Index(ex.pick(group.inputs), new Num(0, true));
        }
        return initial(form, new Scope(), group);
    }

    // ------------------------------------------------------------------ names

    String fresh(String[] pool, String prefix) {
        return names.fresh(pool, prefix);
    }

    private String parameterName(String[] pool, String prefix) {
        return names.parameterName(pool, prefix);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Call call(String f, E... args) {
        return new Call(f, List.of(args));
    }
}
