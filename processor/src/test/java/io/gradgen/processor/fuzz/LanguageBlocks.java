package io.gradgen.processor.fuzz;

import io.gradgen.processor.fuzz.Ast.And;
import io.gradgen.processor.fuzz.Ast.Assign;
import io.gradgen.processor.fuzz.Ast.B;
import io.gradgen.processor.fuzz.Ast.Bin;
import io.gradgen.processor.fuzz.Ast.BoolDecl;
import io.gradgen.processor.fuzz.Ast.Call;
import io.gradgen.processor.fuzz.Ast.Compound;
import io.gradgen.processor.fuzz.Ast.Decl;
import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.Flag;
import io.gradgen.processor.fuzz.Ast.For;
import io.gradgen.processor.fuzz.Ast.If;
import io.gradgen.processor.fuzz.Ast.Index;
import io.gradgen.processor.fuzz.Ast.IntDecl;
import io.gradgen.processor.fuzz.Ast.Length;
import io.gradgen.processor.fuzz.Ast.NewArray;
import io.gradgen.processor.fuzz.Ast.Not;
import io.gradgen.processor.fuzz.Ast.Num;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.S;
import io.gradgen.processor.fuzz.Ast.Store;
import io.gradgen.processor.fuzz.RowExpressions.Group;
import io.gradgen.processor.fuzz.RowExpressions.Loop;
import io.gradgen.processor.fuzz.RowExpressions.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The blocks of the 0.2 loss language (issue 16) that {@link RowGenerator} mixes into its programs,
 * each leaving one {@code double} local behind:
 * <ul>
 * <li><em>neighbours</em>: a loop from 1, to {@code x.length - 1} (or an {@code int} local set to
 *     it), or both, reading {@code x[i - 1]} and {@code x[i + 1]} (total variation, second
 *     differences); a loop from a label, or up to {@code Math.min(n, x.length)};</li>
 * <li><em>a reduction of reductions</em>: an inner loop accumulating into a local declared in the
 *     outer loop's body ({@code Math.min}, {@code Math.max}, {@code +=}, {@code logAddExp}), which the
 *     outer loop then accumulates (Chamfer distance);</li>
 * <li><em>suffix and prefix loops</em>: an inner loop from the outer loop's variable to the end, or
 *     from 0 up to it (ListMLE's suffix log-sum-exp);</li>
 * <li><em>a temporary row</em>: {@code double[] t = new double[x.length]} filled in a loop, then read
 *     by a row function ({@code logSumExp(t)}, {@code cosine(t, x)}...), by a label or in a loop; later
 *     blocks may read it too;</li>
 * </ul>
 * and, inside those and {@link RowGenerator}'s own loops, {@code boolean} locals holding a loop's
 * condition. {@code int} locals of lengths ({@code int n = x.length - 1}) are declared by
 * {@link #intLocal}. Every loop range is one the processor can prove inside its rows, and every
 * accumulation starts where an empty loop leaves a finite value.
 */
final class LanguageBlocks {

    /** The names of the generator, so that blocks draw fresh ones from the same pools. */
    interface Names {
        String fresh(String[] pool, String prefix);
    }

    private static final String[] LOOP_NAMES = {"i", "j", "p", "q", "idx", "position", "n", "offset"};
    private static final String[] LOCAL_NAMES = {
        "best", "nearest", "suffix", "prefix", "tv", "smooth", "acc", "total", "lse", "d2", "r", "sum",
    };
    private static final String[] FLAG_NAMES = {"positive", "far", "inside", "keep", "mask", "isTarget", "first"};
    private static final String[] INT_NAMES = {"n", "last", "count", "m", "size", "inner"};
    private static final String[] TEMP_NAMES = {"t", "scaled", "e", "centred", "diffs", "scores", "tmp"};

    private final Random rng;
    private final RowExpressions ex;
    private final List<Group> groups;
    private final Names names;
    /** {@code int} locals equal to a row's length minus one: name → the row. */
    private final java.util.Map<String, String> lastIndexOf = new java.util.HashMap<>();
    /** The {@code @Param int} (at least 1), or null. */
    private final String intConst;

    LanguageBlocks(Random rng, RowExpressions ex, List<Group> groups, Names names, String intConst) {
        this.rng = rng;
        this.ex = ex;
        this.groups = groups;
        this.names = names;
        this.intConst = intConst;
    }

    // ------------------------------------------------------------------ int locals

    /**
     * {@code int n = x.length - 1}, {@code int m = a.length * b.length} or {@code int c = x.length + k}:
     * each at least 1 (rows have two elements or more), read by later int terms and loop bounds.
     */
    void intLocal(List<S> body) {
        String name = names.fresh(INT_NAMES, "n");
        Group g = ex.pick(groups);
        String row = ex.pick(g.all());
        E value;
        switch (rng.nextInt(4)) {
            case 0, 3 -> {
                value = new Bin('-', new Length(row), new Num(1, true));
                lastIndexOf.put(name, row);
            }
            case 1 -> value = new Bin('*', new Length(row), new Length(ex.pick(ex.pick(groups).all())));
            default -> value = new Bin('+', new Length(row), intConst != null ? new Ref(intConst) : new Num(1, true));
        }
        body.add(new IntDecl(name, value));
        ex.intLocals.add(name);
    }

    // ------------------------------------------------------------------ neighbours

    /** A loop over a shifted range reading neighbours, accumulating into a new local; returns its name. */
    String neighbours(List<S> body, Scope scope) {
        Group group = ex.pick(groups);
        if (!lastIndexOf.isEmpty() && rng.nextBoolean()) {
            // the group of a row whose last index an int local holds, to loop up to that local
            String row = ex.pick(new ArrayList<>(lastIndexOf.values()));
            group = groups.stream().filter(g -> g.all().contains(row)).findFirst().orElse(group);
        }
        String row = ex.pick(group.inputs);
        String i = names.fresh(LOOP_NAMES, "i");
        E from;
        E to;
        boolean before;
        boolean after;
        double r = rng.nextDouble();
        String last = lastIndexOfRowIn(group);
        if (r < 0.3) {
            from = new Num(1, true); // total variation: x[i] − x[i − 1]
            to = null;
            before = true;
            after = false;
        } else if (r < 0.55) {
            from = null; // x[i + 1] − x[i], up to x.length − 1 or an int local holding it
            if (last == null && rng.nextBoolean()) {
                last = names.fresh(INT_NAMES, "n");
                body.add(new IntDecl(last, new Bin('-', new Length(row), new Num(1, true))));
                ex.intLocals.add(last);
                lastIndexOf.put(last, row);
            }
            to = last != null && rng.nextInt(3) > 0 ? new Ref(last) : new Bin('-', new Length(row), new Num(1, true));
            before = false;
            after = true;
        } else if (r < 0.7) {
            from = new Num(1, true); // second differences
            to = new Bin('-', new Length(row), new Num(1, true));
            before = true;
            after = true;
        } else if (r < 0.8 && group.label != null) {
            from = new Ref(group.label); // from a label to the end
            to = null;
            before = false;
            after = false;
        } else if (intConst != null) {
            from = null; // the first n elements, at most all of them
            to = new Call("Math.min", List.of(new Ref(intConst), new Length(row)));
            before = false;
            after = false;
        } else {
            from = new Num(1, true);
            to = null;
            before = true;
            after = false;
        }
        Scope inner = scope.inside(new Loop(i, group));
        E term = neighbourTerm(group, row, i, before, after);
        if (rng.nextDouble() < 0.35) {
            term = new Bin(rng.nextBoolean() ? '+' : '*', term, ex.loopTerm(inner, 1));
        }
        String acc = names.fresh(LOCAL_NAMES, "tv");
        int form = rng.nextInt(5);
        body.add(new Decl(acc, finiteStart(form, group)));
        List<S> loopBody = new ArrayList<>();
        loopBody.add(guarded(conditional(), accumulate(form, acc, term), inner, loopBody));
        body.add(new For(i, row, null, loopBody, from, to));
        return acc;
    }

    /** The lengths' last index of a row of {@code group}, held in an int local, or null. */
    private String lastIndexOfRowIn(Group group) {
        for (java.util.Map.Entry<String, String> e : lastIndexOf.entrySet()) {
            if (group.all().contains(e.getValue())) {
                return e.getKey();
            }
        }
        return null;
    }

    /** A term of {@code x[i]} and its neighbours {@code x[i - 1]} (when {@code before}), {@code x[i + 1]} (when {@code after}). */
    private E neighbourTerm(Group group, String row, String i, boolean before, boolean after) {
        String other = rng.nextInt(3) == 0 ? ex.pick(group.all()) : row;
        E here = new Index(row, new Ref(i));
        E prev = new Index(other, new Bin('-', new Ref(i), new Num(1, true)));
        E next = new Index(other, new Bin('+', new Ref(i), new Num(1, true)));
        if (before && after) {
            E second = new Bin('+', new Bin('-', next, new Bin('*', new Num(2, true), here)), prev);
            return rng.nextBoolean() ? call("Functions.sq", second) : new Bin('*', prev, next);
        }
        if (!before && !after) {
            return rng.nextBoolean() ? here : call("Functions.sq", new Bin('-', here, new Index(other, new Ref(i))));
        }
        E neighbour = before ? prev : next;
        E diff = new Bin('-', here, neighbour);
        return switch (rng.nextInt(5)) {
            case 0 -> call("Math.sqrt", new Bin('+', call("Functions.sq", diff), new Num(0.01, false)));
            case 1 -> call("Functions.sq", diff);
            case 2 -> call("Math.abs", diff);
            case 3 -> new Bin('*', here, neighbour);
            default -> call("Functions.logAddExp", here, neighbour);
        };
    }

    // ------------------------------------------------------------------ reductions of reductions

    /**
     * {@code for (i over a) { double best = ...; for (j over b) { best = min(best, d(a[i], b[j])); } total += f(best); }}
     * over rows of one group or two; returns {@code total}.
     */
    String reductionOfReductions(List<S> body, Scope scope) {
        Group outerGroup = ex.pick(groups);
        Group innerGroup = rng.nextDouble() < 0.6 ? ex.otherGroup(scope.inside(new Loop("-", outerGroup))) : ex.pick(groups);
        String i = names.fresh(LOOP_NAMES, "i");
        String j = names.fresh(LOOP_NAMES, "j");
        Scope outer = scope.inside(new Loop(i, outerGroup));
        Scope inner = outer.inside(new Loop(j, innerGroup));
        String total = names.fresh(LOCAL_NAMES, "total");
        String best = names.fresh(LOCAL_NAMES, "best");
        int innerForm = new int[] {4, 4, 3, 6, 6, 0}[rng.nextInt(6)];
        int outerForm = new int[] {0, 0, 1, 3, 6}[rng.nextInt(5)];
        body.add(new Decl(total, finiteStart(outerForm, outerGroup)));
        List<S> outerBody = new ArrayList<>();
        if (rng.nextDouble() < 0.25) {
            String d = names.fresh(LOCAL_NAMES, "d");
            outerBody.add(new Decl(d, ex.loopTerm(outer, 1)));
            outer.declareInLoop(d);
            inner = outer.inside(new Loop(j, innerGroup));
        }
        // a whole inner row: unless under a condition, the inner loop updates it at least once, so
        // it may start at an infinity
        boolean conditional = conditional();
        outerBody.add(new Decl(best, start(innerForm, innerGroup, !conditional)));
        E pairTerm = rng.nextDouble() < 0.7 ? ex.pair(inner) : ex.loopTerm(inner, 2);
        List<S> innerBody = new ArrayList<>();
        innerBody.add(guarded(conditional, accumulate(innerForm, best, pairTerm), inner, innerBody));
        outerBody.add(new For(j, ex.pick(innerGroup.inputs), null, innerBody));
        outer.declareInLoop(best);
        E use = switch (rng.nextInt(4)) {
            case 0 -> new Ref(best);
            case 1 -> new Bin('*', new Ref(best), ex.loopElement(outer));
            case 2 -> call("Math.tanh", new Ref(best));
            default -> new Bin('-', new Ref(best), ex.loopElement(outer));
        };
        outerBody.add(accumulate(outerForm, total, use));
        body.add(new For(i, ex.pick(outerGroup.inputs), null, outerBody));
        return total;
    }

    /**
     * ListMLE's shape: {@code for (i over x) { double s = ...; for (j = i; j < x.length; j++) s = logAddExp(s, x[j]); total += s - x[i]; }},
     * or a prefix {@code for (j = 0; j < i; j++)}; returns {@code total}.
     */
    String suffixes(List<S> body, Scope scope) {
        Group group = ex.pick(groups);
        String row = ex.pick(group.inputs);
        String i = names.fresh(LOOP_NAMES, "i");
        String j = names.fresh(LOOP_NAMES, "j");
        Scope outer = scope.inside(new Loop(i, group));
        Scope inner = outer.inside(new Loop(j, group));
        E from;
        E to;
        boolean neverEmpty;
        switch (rng.nextInt(4)) {
            case 0 -> {
                from = new Ref(i);
                to = null;
                neverEmpty = true;
            }
            case 1 -> {
                from = new Bin('+', new Ref(i), new Num(1, true));
                to = null;
                neverEmpty = false;
            }
            case 2 -> {
                from = null;
                to = new Ref(i);
                neverEmpty = false;
            }
            default -> {
                from = null;
                to = new Bin('+', new Ref(i), new Num(1, true));
                neverEmpty = true;
            }
        }
        String total = names.fresh(LOCAL_NAMES, "total");
        String acc = names.fresh(LOCAL_NAMES, "suffix");
        int innerForm = new int[] {6, 6, 0, 3, 4}[rng.nextInt(5)];
        int outerForm = new int[] {0, 0, 1, 3}[rng.nextInt(4)];
        body.add(new Decl(total, finiteStart(outerForm, group)));
        List<S> outerBody = new ArrayList<>();
        boolean conditional = conditional();
        E init = neverEmpty && !conditional ? start(innerForm, group, true)
                : rng.nextBoolean() ? new Index(row, new Ref(i)) : finiteStart(innerForm, group);
        outerBody.add(new Decl(acc, init));
        E term = switch (rng.nextInt(3)) {
            case 0 -> new Index(ex.pick(group.all()), new Ref(j));
            case 1 -> ex.pair(inner);
            default -> ex.loopTerm(inner, 1);
        };
        List<S> innerBody = new ArrayList<>();
        innerBody.add(guarded(conditional, accumulate(innerForm, acc, term), inner, innerBody));
        outerBody.add(new For(j, row, null, innerBody, from, to));
        E use = rng.nextBoolean() ? new Bin('-', new Ref(acc), new Index(row, new Ref(i))) : new Ref(acc);
        outerBody.add(accumulate(outerForm, total, use));
        body.add(new For(i, row, null, outerBody));
        return total;
    }

    // ------------------------------------------------------------------ temporary rows

    /**
     * {@code double[] t = new double[x.length]; for (i over x) { t[i] = ...; }} and a local reading
     * it; {@code t} joins its group, so later blocks may read it too. Returns the local.
     */
    String temporaryRow(List<S> body, Scope scope) {
        Group group = ex.pick(groups);
        String row = ex.pick(group.inputs);
        String t = names.fresh(TEMP_NAMES, "t");
        String i = names.fresh(LOOP_NAMES, "i");
        body.add(new NewArray(t, row));
        Scope inner = scope.inside(new Loop(i, group));
        List<S> fill = new ArrayList<>();
        if (rng.nextDouble() < 0.25) {
            String d = names.fresh(LOCAL_NAMES, "d");
            fill.add(new Decl(d, ex.loopTerm(inner, 1)));
            inner.declareInLoop(d);
        }
        fill.add(new Store(t, new Ref(i), rng.nextBoolean() ? ex.loopTerm(inner, 2)
                : new Bin('*', new Num(new double[] {0.5, 2.0, 3.0}[rng.nextInt(3)], false), ex.loopElement(inner))));
        body.add(new For(i, row, null, fill));
        group.temps.add(t);
        String result = names.fresh(LOCAL_NAMES, "r");
        double r = rng.nextDouble();
        if (r < 0.55) {
            String f = ex.pick(new String[] {"Functions.logSumExp", "Functions.sum", "Functions.max", "Functions.min",
                "Functions.mean", "Functions.logSumExp"});
            E read = call(f, new Ref(t));
            if (rng.nextInt(4) == 0) {
                read = call(rng.nextBoolean() ? "Functions.dot" : "Functions.cosine", new Ref(t), new Ref(ex.pick(group.inputs)));
            }
            body.add(new Decl(result, read));
        } else if (r < 0.7) {
            E at = group.label != null ? new Ref(group.label) : new Num(rng.nextInt(group.length), true);
            body.add(new Decl(result, new Bin('+', new Index(t, at), ex.rowCall(group))));
        } else {
            // read back in a loop over the same group, with its neighbour now and then
            String j = names.fresh(LOOP_NAMES, "j");
            Scope reading = scope.inside(new Loop(j, group));
            body.add(new Decl(result, new Num(0.0, false)));
            E term = new Bin('*', new Index(t, new Ref(j)), ex.loopElement(reading));
            if (rng.nextBoolean()) {
                body.add(new For(j, ex.pick(group.inputs), null, List.of(new Compound(result, '+', term))));
            } else {
                E diff = new Bin('-', new Index(t, new Ref(j)), new Index(t, new Bin('-', new Ref(j), new Num(1, true))));
                body.add(new For(j, ex.pick(group.inputs), null, List.of(new Compound(result, '+', call("Functions.sq", diff))),
                        new Num(1, true), null));
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ boolean locals

    /**
     * {@code step} under a condition when {@code conditional}, which is a {@code boolean} local
     * declared just before it (added to {@code body}) about half the time: {@code boolean far = ...; if (far) ...}.
     */
    private S guarded(boolean conditional, S step, Scope inner, List<S> body) {
        return conditional ? new If(condition(inner, body), List.of(step), List.of()) : step;
    }

    /** Whether the next accumulation goes under a condition. */
    private boolean conditional() {
        return rng.nextDouble() < 0.3;
    }

    /**
     * A loop condition, held in a {@code boolean} local declared in {@code body} half the time, and
     * then read alone, negated, or with another condition.
     */
    B condition(Scope inner, List<S> body) {
        B c = ex.loopCondition(inner);
        if (rng.nextBoolean()) {
            return c;
        }
        String flag = names.fresh(FLAG_NAMES, "b");
        body.add(new BoolDecl(flag, c));
        return switch (rng.nextInt(4)) {
            case 0 -> new Not(new Flag(flag));
            case 1 -> new And(new Flag(flag), ex.loopCondition(inner));
            default -> new Flag(flag);
        };
    }

    // ------------------------------------------------------------------ accumulations

    /**
     * One step of {@code form}: 0 {@code +=}, 1 {@code -=}, 3 {@code Math.max}, 4 {@code Math.min},
     * 6 {@code Functions.logAddExp} (others: {@code +=}).
     */
    private S accumulate(int form, String acc, E term) {
        return switch (form) {
            case 1 -> new Compound(acc, '-', term);
            case 3 -> new Assign(acc, call("Math.max", new Ref(acc), term));
            case 4 -> new Assign(acc, rng.nextInt(4) == 0 ? call("Math.min", term, new Ref(acc)) : call("Math.min", new Ref(acc), term));
            case 6 -> new Assign(acc, call("Functions.logAddExp", new Ref(acc), term));
            default -> new Compound(acc, '+', term);
        };
    }

    /** A start for an accumulation whose loop runs at least once when {@code nonEmpty}: an infinity then, at times. */
    private E start(int form, Group group, boolean nonEmpty) {
        if (nonEmpty && (form == 3 || form == 4 || form == 6) && rng.nextBoolean()) {
            return form == 4 ? RowGenerator.POSITIVE_INFINITY : RowGenerator.NEGATIVE_INFINITY;
        }
        return finiteStart(form, group);
    }

    /** A finite start: what an empty loop (or an if that never holds) leaves. */
    private E finiteStart(int form, Group group) {
        return switch (form) {
            case 3 -> rng.nextBoolean() ? new Num(-10.0, false) : new Index(ex.pick(group.inputs), new Num(0, true));
            case 4 -> rng.nextBoolean() ? new Num(10.0, false) : new Index(ex.pick(group.inputs), new Num(0, true));
            case 6 -> rng.nextBoolean() ? new Num(0.0, false) : new Index(ex.pick(group.inputs), new Num(0, true));
            default -> rng.nextDouble() < 0.8 ? new Num(0.0, false) : ex.rowCall(group);
        };
    }

    private static Call call(String f, E... args) {
        return new Call(f, List.of(args));
    }
}
