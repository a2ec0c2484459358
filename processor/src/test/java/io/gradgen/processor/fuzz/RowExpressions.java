package io.gradgen.processor.fuzz;

import io.gradgen.processor.fuzz.Ast.B;
import io.gradgen.processor.fuzz.Ast.Bin;
import io.gradgen.processor.fuzz.Ast.Call;
import io.gradgen.processor.fuzz.Ast.Cmp;
import io.gradgen.processor.fuzz.Ast.Cond;
import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.Index;
import io.gradgen.processor.fuzz.Ast.Length;
import io.gradgen.processor.fuzz.Ast.Neg;
import io.gradgen.processor.fuzz.Ast.Num;
import io.gradgen.processor.fuzz.Ast.Ref;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The expressions of one random row program (see {@link RowGenerator}): element-wise arithmetic and
 * calls over loop elements {@code x[i]}, labelled elements {@code x[k]}, the row functions
 * {@code sum mean max min logSumExp dot norm}, and the terms issue 13 asks for on purpose:
 * <ul>
 * <li><em>loop-invariant</em> terms inside a loop, which read no loop variable: a row function of a
 *     row of another length ({@code s -= mean(pred)} in a loop over {@code total}), a length term,
 *     an element input, a {@code @Param}, an earlier block's result;</li>
 * <li><em>length terms</em>: lengths of rows of different lengths, {@code @Param int}s, labels and int
 *     literals combined by {@code + - *} in int arithmetic, turned into doubles as
 *     {@code (1.0 * a.length) / (b.length * c.length)}, {@code sum(x) / y.length},
 *     {@code mean(pred) * x0.length}, {@code 0.5 * (a.length + k)}.</li>
 * </ul>
 * Denominators are kept away from zero: a positive int term (lengths, {@code @Param int}s of at
 * least 1, literals of at least 1, their sums and products) or {@code c + sq(e)}.
 */
final class RowExpressions {

    /**
     * Rows of one length: the inputs, constants and temporary rows ({@code double[] t = new double[x.length]},
     * once filled) that a loop over any of them may index together.
     */
    static final class Group {
        final int length;
        final List<String> inputs = new ArrayList<>();
        final List<String> consts = new ArrayList<>();
        final List<String> temps = new ArrayList<>();
        String label;

        Group(int length) {
            this.length = length;
        }

        List<String> all() {
            List<String> out = new ArrayList<>(inputs);
            out.addAll(consts);
            out.addAll(temps);
            return out;
        }
    }

    /** A loop in scope: its variable and the group its rows come from. */
    record Loop(String var, Group group) {}

    /** What an expression may refer to where it is generated. */
    static final class Scope {
        final List<String> doubles = new ArrayList<>();
        final List<Loop> loops = new ArrayList<>();
        /** The locals among {@code doubles} declared inside a loop: they may read its variable. */
        final Set<String> loopLocals = new HashSet<>();

        Scope copy() {
            Scope s = new Scope();
            s.doubles.addAll(doubles);
            s.loops.addAll(loops);
            s.loopLocals.addAll(loopLocals);
            return s;
        }

        /** This scope inside one more loop. */
        Scope inside(Loop loop) {
            Scope s = copy();
            s.loops.add(loop);
            return s;
        }

        /** A local declared in the innermost loop of this scope. */
        void declareInLoop(String local) {
            doubles.add(local);
            loopLocals.add(local);
        }

        /** What a loop-invariant term may read: no loop variable, no local of a loop. */
        Scope outsideLoops() {
            Scope s = new Scope();
            for (String d : doubles) {
                if (!loopLocals.contains(d)) {
                    s.doubles.add(d);
                }
            }
            return s;
        }

        Set<Group> loopGroups() {
            Set<Group> out = new HashSet<>();
            for (Loop l : loops) {
                out.add(l.group());
            }
            return out;
        }
    }

    private final Random rng;
    private final List<Group> groups;
    /** A {@code @Param double} of at least 0.5, or null. */
    private final String positiveConst;
    /** A {@code @Param int} of at least 1, or null. */
    private final String intConst;
    /** The {@code int} locals declared so far ({@code int n = x.length - 1}), each at least 1. */
    final List<String> intLocals = new ArrayList<>();

    RowExpressions(Random rng, List<Group> groups, String positiveConst, String intConst) {
        this.rng = rng;
        this.groups = groups;
        this.positiveConst = positiveConst;
        this.intConst = intConst;
    }

    // ------------------------------------------------------------------ general expressions

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
            return switch (rng.nextInt(14)) {
                case 10 -> call("Math.log10", positive(scope, depth - 1));
                case 11 -> call("Functions.lgamma", positive(scope, depth - 1));
                case 12 -> call("Functions.digamma", positive(scope, depth - 1));
                case 13 -> call("Functions.logAddExp", a, expr(scope, depth - 1));
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
            return rowCall(pick(groups));
        }
        return new Neg(expr(scope, depth - 1));
    }

    private E leaf(Scope scope) {
        double r = rng.nextDouble();
        if (!scope.loops.isEmpty() && r < 0.55) {
            return loopElement(scope);
        } else if (r < 0.63) {
            return new Num(new double[] {0.5, 1.0, 2.0, 0.25, 3.0}[rng.nextInt(5)], false);
        } else if (r < 0.73) {
            Group g = pick(groups);
            String row = pick(g.all());
            if (g.label != null && rng.nextDouble() < 0.7) {
                return new Index(row, new Ref(g.label));
            }
            return new Index(row, new Num(rng.nextInt(g.length), true));
        } else if (r < 0.8) {
            return lengthTerm();
        } else if (r < 0.88 || scope.doubles.isEmpty()) {
            return rowCall(pick(groups));
        }
        return new Ref(pick(scope.doubles));
    }

    /** {@code r[i]} for a loop in scope and a row of its group. */
    E loopElement(Scope scope) {
        Loop loop = pick(scope.loops);
        return new Index(pick(loop.group().all()), new Ref(loop.var()));
    }

    /** {@code a[i]} of one loop and {@code b[j]} of another, combined: the body of a nested loop. */
    E pair(Scope scope) {
        List<Loop> loops = new ArrayList<>(scope.loops);
        Loop first = loops.remove(rng.nextInt(loops.size()));
        Loop second = loops.isEmpty() ? first : pick(loops);
        E a = new Index(pick(first.group().inputs), new Ref(first.var()));
        E b = new Index(pick(second.group().all()), new Ref(second.var()));
        return switch (rng.nextInt(6)) {
            case 0 -> call("Functions.sq", new Bin('-', a, b));
            case 1 -> new Bin('*', a, b);
            case 2 -> call("Math.exp", new Neg(call("Functions.sq", new Bin('-', a, b))));
            case 3 -> call("Math.abs", new Bin('-', a, b));
            case 4 -> call("Math.max", new Num(0.0, false), new Bin('+', new Bin('-', a, b), new Num(0.5, false)));
            default -> new Bin('+', new Bin('*', a, b), expr(scope, 1));
        };
    }

    /** One of {@code sum mean max min logSumExp dot norm cosine} of a row of {@code g}. */
    E rowCall(Group g) {
        String row = pick(g.all());
        return switch (rng.nextInt(8)) {
            case 7 -> call("Functions.cosine", new Ref(pick(g.inputs)), new Ref(pick(g.all())));
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

    /** A group none of the loops in scope runs over, if there is one. */
    Group otherGroup(Scope scope) {
        List<Group> others = new ArrayList<>(groups);
        others.removeAll(scope.loopGroups());
        return others.isEmpty() ? pick(groups) : pick(others);
    }

    // ------------------------------------------------------------------ terms inside loops

    /**
     * A term that reads no loop variable, for use inside loops: a row function of a row of another
     * length than the loops', {@code sum(x) / x.length}, a length term, an input, a {@code @Param}
     * or an earlier result, or a small expression of those.
     */
    E invariant(Scope scope) {
        Scope outside = scope.outsideLoops();
        double r = rng.nextDouble();
        if (r < 0.35) {
            return rowCall(rng.nextInt(4) == 0 ? pick(groups) : otherGroup(scope));
        } else if (r < 0.5) {
            Group g = otherGroup(scope);
            String row = pick(g.all());
            return rng.nextBoolean() ? new Bin('/', call("Functions.sum", new Ref(row)), new Length(row))
                    : new Bin('/', rowCall(g), intTerm(true, 1));
        } else if (r < 0.65) {
            return lengthTerm();
        } else if (r < 0.8 && !outside.doubles.isEmpty()) {
            return new Ref(pick(outside.doubles));
        }
        return expr(outside, 1);
    }

    /**
     * What a loop adds, multiplies or compares into its accumulator: now and then a loop-invariant
     * term alone ({@code s -= mean(pred)}), or times, plus or minus the loop's element, else an
     * expression of everything in scope.
     */
    E loopTerm(Scope scope, int depth) {
        double r = rng.nextDouble();
        if (r < 0.15) {
            return invariant(scope);
        } else if (r < 0.35) {
            E element = rng.nextInt(3) == 0 ? expr(scope, 1) : loopElement(scope);
            E invariant = invariant(scope);
            return switch (rng.nextInt(4)) {
                case 0 -> new Bin('*', invariant, element);
                case 1 -> new Bin('*', element, invariant);
                case 2 -> new Bin('-', element, invariant);
                default -> new Bin('+', invariant, element);
            };
        }
        return expr(scope, depth);
    }

    // ------------------------------------------------------------------ lengths

    /**
     * An int-valued term: a row length, the {@code @Param int}, a label (not when {@code positive}),
     * an int literal, or a sum, difference (not when {@code positive}) or product of two such.
     */
    E intTerm(boolean positive, int depth) {
        if (depth > 0 && rng.nextDouble() < 0.4) {
            char op = positive ? "+**".charAt(rng.nextInt(3)) : "+-*".charAt(rng.nextInt(3));
            return new Bin(op, intTerm(positive, depth - 1), intTerm(positive, depth - 1));
        }
        if (!intLocals.isEmpty() && rng.nextDouble() < 0.2) {
            return new Ref(pick(intLocals));
        }
        double r = rng.nextDouble();
        if (intConst != null && r < 0.2) {
            return new Ref(intConst);
        }
        List<String> labels = new ArrayList<>();
        for (Group g : groups) {
            if (g.label != null) {
                labels.add(g.label);
            }
        }
        if (!positive && !labels.isEmpty() && r < 0.3) {
            return new Ref(pick(labels));
        } else if (r < 0.85) {
            return new Length(pick(pick(groups).all()));
        }
        return new Num(1 + rng.nextInt(3), true);
    }

    /**
     * A double built on lengths: {@code (1.0 * a.length) / (b.length * c.length)},
     * {@code 0.5 * (a.length + k)}, {@code sum(x) / y.length}, {@code mean(pred) * x0.length},
     * {@code 1.0 / (a.length * b.length)}. (Java has no int division here: a quotient of two int
     * terms is written with a double factor, as a user would.)
     */
    E lengthTerm() {
        return switch (rng.nextInt(6)) {
            case 0 -> new Bin('/', new Bin('*', new Num(1.0, false), intTerm(false, 1)), intTerm(true, 1));
            case 1 -> new Bin('*', new Num(rng.nextBoolean() ? 0.5 : 0.25, false), intTerm(false, 1));
            case 2 -> {
                Group g = pick(groups);
                yield new Bin('/', call("Functions.sum", new Ref(pick(g.all()))), new Length(pick(pick(groups).all())));
            }
            case 3 -> new Bin('/', rowCall(pick(groups)), intTerm(true, 1));
            case 4 -> new Bin('*', rowCall(pick(groups)), intTerm(false, 1));
            default -> new Bin('/', new Num(1.0, false), intTerm(true, 1));
        };
    }

    /**
     * {@code value} rescaled by lengths, as a mean or a normalisation would: divided by a positive
     * int term, multiplied by one or by a quotient of two, or shifted by a length term.
     */
    E rescaled(E value) {
        return switch (rng.nextInt(6)) {
            case 0, 1 -> new Bin('/', value, intTerm(true, 1));
            case 2 -> new Bin('*', value, intTerm(false, 1));
            case 3 -> new Bin('*', new Bin('/', new Bin('*', new Num(1.0, false), intTerm(true, 1)), intTerm(true, 1)), value);
            case 4 -> new Bin('-', value, lengthTerm());
            default -> new Bin('+', value, intTerm(false, 0));
        };
    }

    // ------------------------------------------------------------------ safe forms

    E positive(Scope scope, int depth) {
        E a = expr(scope, depth);
        E c = positiveConst != null && rng.nextInt(3) == 0 ? new Ref(positiveConst)
                : new Num(new double[] {0.5, 1.0, 2.0}[rng.nextInt(3)], false);
        return rng.nextBoolean() ? new Bin('+', c, call("Functions.sq", a)) : new Bin('+', call("Math.abs", a), c);
    }

    /** {@code t} turned into a factor kept away from 0 (and from huge values): a product loop stays well conditioned. */
    E factor(E t) {
        return switch (rng.nextInt(4)) {
            case 0 -> new Bin('+', new Num(1.0, false), new Bin('*', new Num(0.5, false), call("Math.tanh", t)));
            case 1 -> call("Math.exp", new Bin('*', new Num(0.25, false), call("Math.tanh", t)));
            case 2 -> new Bin('+', new Num(0.5, false), call("Functions.sigmoid", t));
            default -> new Bin('+', new Num(1.0, false), call("Functions.sq", call("Math.sin", t)));
        };
    }

    /**
     * A condition inside loops: {@code i != k}, {@code i > 0}, {@code i < k} or {@code i < y.length}
     * (a length of another row), {@code i != j} between two loops, a loop-invariant comparison
     * ({@code mean(pred) > 0}), or a comparison of elements.
     */
    B loopCondition(Scope scope) {
        Loop loop = pick(scope.loops);
        double r = rng.nextDouble();
        if (loop.group().label != null && r < 0.25) {
            return new Cmp(rng.nextInt(3) == 0 ? "==" : "!=", new Ref(loop.var()), new Ref(loop.group().label));
        } else if (r < 0.35) {
            return new Cmp(rng.nextBoolean() ? ">" : "<", new Ref(loop.var()), new Num(1, true));
        } else if (r < 0.45) {
            return new Cmp(rng.nextBoolean() ? "<" : ">=", new Ref(loop.var()), intTerm(true, 0));
        } else if (r < 0.55 && scope.loops.size() > 1) {
            List<Loop> others = new ArrayList<>(scope.loops);
            others.remove(loop);
            Loop other = pick(others);
            // loops over rows of different lengths too (regression/fuzz/loop-index-equality-*)
            return new Cmp(pick(new String[] {"!=", "==", "<", ">="}), new Ref(loop.var()), new Ref(other.var()));
        } else if (r < 0.62) {
            return new Cmp(rng.nextBoolean() ? "<" : ">", invariant(scope), new Num(rng.nextBoolean() ? 0.0 : 0.5, false));
        } else if (r < 0.82) {
            return new Cmp(pick(new String[] {"<", ">", "<=", ">="}), loopElement(scope),
                    new Num(rng.nextBoolean() ? 0.0 : 0.5, false));
        }
        return new Cmp(pick(new String[] {"<", ">"}), loopElement(scope), expr(scope, 1));
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
}
