package io.gradgen.processor.fuzz;

import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.For;
import io.gradgen.processor.fuzz.Ast.If;
import io.gradgen.processor.fuzz.Ast.Inject;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Ast.Raw;
import io.gradgen.processor.fuzz.Ast.Return;
import io.gradgen.processor.fuzz.Ast.S;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid program into a near miss: the same program with exactly one construct gradgen does
 * not support, which must be rejected with a {@code [gradgen/...]} error on its own line. In a
 * program with loops, three times in five the construct goes into a loop (see
 * {@link #LOOP_STATEMENTS}).
 */
final class NearMisses {
    private NearMisses() {}

    /** Wrapped around a random sub-expression ({@code %s}). */
    static final List<String> EXPRESSIONS = List.of(
            "Math.floorMod(7, 3) * %s",
            "%s + Math.random()",
            "%s * undefinedScale",
            "%s % 2.0",
            "Math.ulp(%s)",
            "Math.exq(%s)",
            "(double) (int) (%s * 1.5)",
            JavaRenderer.PLAIN_HELPER + "(%s)",
            "%s * (COUNT & 1)",
            "%s + \"\".length()",
            "%s * Math.floorDiv(COUNT, 2)");

    /** Inserted before a return, on a line of its own; {@code $P} is a parameter's name. */
    static final List<String> STATEMENTS = List.of(
            "double w9 = 1.0; while (w9 > 2.0) { w9 = w9 * 0.5; }",
            "$P = $P * 2.0;",
            "switch (COUNT) { default: break; }",
            "do { } while (false);",
            "long big = 1L;",
            "Math.exp(1.0);",
            "double w9 = 1.0; w9++;",
            "int iq = COUNT + 4; double dq = iq / 2;",
            "try { } finally { }",
            "assert COUNT > 0;",
            "$P += 1.0;",
            "double w9 = 0.0; w9 = w9 = 1.0;");

    static Program inject(Program p, Random rng) {
        // the loop near misses write rows of one loss's loops (x[i] = ...), which a batch loss's rows are not
        if (!p.isBatch() && !loopTargets(p.body()).isEmpty() && rng.nextInt(5) < 3) {
            return injectIntoLoop(p, rng);
        }
        List<String> called = calledHelpers(p);
        if (!called.isEmpty() && rng.nextInt(4) == 0) {
            return injectIntoHelper(p, called.get(rng.nextInt(called.size())), rng);
        }
        if (rng.nextBoolean()) {
            List<S> body = insertStatement(p.body(), statement(p, rng), rng, true);
            return p.withBody(body);
        }
        String template = EXPRESSIONS.get(rng.nextInt(EXPRESSIONS.size()));
        int[] count = {0};
        Nodes.mapBody(p.body(), new Nodes.Rewrite() {
            @Override
            public E expr(E e) {
                count[0]++;
                return e;
            }
        });
        int target = rng.nextInt(count[0]);
        int[] seen = {0};
        List<S> body = Nodes.mapBody(p.body(), new Nodes.Rewrite() {
            @Override
            public E expr(E e) {
                return seen[0]++ == target ? new Inject(template, e) : e;
            }
        });
        return p.withBody(body);
    }

    /**
     * A near miss inside a {@code @Differentiable} helper that the loss calls: it must be reported
     * on the helper's line. (Assigning a parameter is left out here: a helper's parameters are
     * not the loss's.)
     */
    private static Program injectIntoHelper(Program p, String name, Random rng) {
        List<Ast.Helper> helpers = new ArrayList<>();
        for (Ast.Helper h : p.helpers()) {
            if (!h.name().equals(name)) {
                helpers.add(h);
                continue;
            }
            String template = EXPRESSIONS.get(rng.nextInt(EXPRESSIONS.size()));
            int[] count = {0};
            Nodes.mapBody(h.body(), new Nodes.Rewrite() {
                @Override
                public E expr(E e) {
                    count[0]++;
                    return e;
                }
            });
            int target = rng.nextInt(count[0]);
            int[] seen = {0};
            helpers.add(new Ast.Helper(h.name(), h.params(), Nodes.mapBody(h.body(), new Nodes.Rewrite() {
                @Override
                public E expr(E e) {
                    return seen[0]++ == target ? new Inject(template, e) : e;
                }
            })));
        }
        return new Program(p.name(), p.reduction(), p.params(), helpers, p.body(), p.seed());
    }

    /** The helpers the loss body calls, directly or through other helpers. */
    static List<String> calledHelpers(Program p) {
        java.util.Set<String> called = new java.util.LinkedHashSet<>();
        collectCalls(p.body(), called);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Ast.Helper h : p.helpers()) {
                if (called.contains(h.name())) {
                    int before = called.size();
                    collectCalls(h.body(), called);
                    grew |= called.size() > before;
                }
            }
        }
        return new ArrayList<>(called);
    }

    private static void collectCalls(List<S> body, java.util.Set<String> into) {
        Nodes.mapBody(body, new Nodes.Rewrite() {
            @Override
            public E expr(E e) {
                if (e instanceof Ast.Call c && Nodes.isHelperCall(c)) {
                    into.add(c.function());
                }
                return e;
            }
        });
    }

    private static S statement(Program p, Random rng) {
        List<Param> inputs = p.params().stream().filter(q -> q.kind() == Param.Kind.INPUT).toList();
        String template;
        do {
            template = STATEMENTS.get(rng.nextInt(STATEMENTS.size()));
        } while (inputs.isEmpty() && template.contains("$P"));
        return new Raw(inputs.isEmpty() ? template : template.replace("$P", inputs.get(rng.nextInt(inputs.size())).name()));
    }

    // ------------------------------------------------------------------ rows

    /** The loop constructs gradgen must reject: {@code $X} is the loop's row, {@code $I} its variable. */
    static final List<String> LOOP_STATEMENTS = List.of(
            "$X[$I] = $X[$I] * 0.5;",
            "break;",
            "if ($X[$I] > 10.0) { break; }",
            "continue;",
            "$X[0] += 1.0;");

    /**
     * The loops a near miss may go into: not one that fills a temporary row ({@code t[i] = ...}),
     * whose changed form would also be refused as a fill ({@code [gradgen/LocalArray]}) on other lines.
     */
    private static List<For> loopTargets(List<S> body) {
        List<For> loops = new ArrayList<>();
        Nodes.forEachStatement(body, s -> {
            if (s instanceof For f && !fills(f)) {
                loops.add(f);
            }
        });
        return loops;
    }

    private static boolean fills(For f) {
        boolean[] found = {false};
        Nodes.forEachStatement(f.body(), s -> found[0] |= s instanceof Ast.Store);
        return found[0];
    }

    /**
     * A near miss in a row program: a loop whose bound passes the row's end ({@code i <= x.length})
     * and reads {@code x[i]}, a statement
     * that writes a row or leaves the loop, {@code s = x[i]} (an assignment that does not
     * accumulate), or an index computed from a double ({@code x[(int) y]}).
     */
    private static Program injectIntoLoop(Program p, Random rng) {
        List<For> loops = loopTargets(p.body());
        For target = loops.get(rng.nextInt(loops.size()));
        String x = target.array();
        String i = target.var();
        int form = rng.nextInt(6);
        if (form == 5 && (target.from() == null || target.from() instanceof Ast.Num)
                && (target.to() == null || target.to() instanceof Ast.Bin b && b.left() instanceof Ast.Length)) {
            // a neighbour the loop's range does not allow: x[i + 1] up to the row's end, x[i - 1] from 0
            // (or from a shifted start, two before it); only in loops with literal and length bounds,
            // which never run empty: over a range that may (from a label, up to an outer index) the
            // read is rightly checked at run time instead
            String read = target.to() == null ? x + "[" + i + " + 1]"
                    : target.from() == null ? x + "[" + i + " - 1]" : x + "[" + i + " - 2]";
            if (target.to() != null && target.from() != null && !(target.from() instanceof Ast.Num n && n.value() == 1)) {
                read = x + "[" + i + " + " + x + ".length]";
            }
            Raw raw = new Raw("double wq8 = " + read + ";");
            return p.withBody(replaceLoop(p.body(), target, target.withBody(insertAnywhere(target.body(), raw, rng))));
        }
        if (form == 0 && target.wholeRow()) {
            // Since 0.2 a loop may run over any int range (i < 3, i <= x.length): what is refused is a
            // read that provably leaves its row, so the loop past the row's end also reads x[i]
            // (reported on that read's line; the loop's line is marked too).
            String bound = rng.nextBoolean() ? i + " <= " + x + ".length" : i + " < " + x + ".length + 1";
            List<S> body = new ArrayList<>(target.body());
            body.add(0, new Raw("double wq8 = " + x + "[" + i + "];"));
            return p.withBody(replaceLoop(p.body(), target, target.withBound(bound).withBody(body)));
        } else if (form == 1) {
            String y = p.params().stream().filter(q -> q.kind() == Param.Kind.INPUT || q.kind() == Param.Kind.CONST_DOUBLE)
                    .map(Param::name).findFirst().orElse(x + "[0]");
            String template = "%s + " + x + "[(int) " + y + "]";
            int[] count = {0};
            Nodes.mapBody(target.body(), new Nodes.Rewrite() {
                @Override
                public E expr(E e) {
                    count[0]++;
                    return e;
                }
            });
            int chosen = rng.nextInt(count[0]);
            int[] seen = {0};
            List<S> changed = Nodes.mapBody(target.body(), new Nodes.Rewrite() {
                @Override
                public E expr(E e) {
                    return seen[0]++ == chosen ? new Inject(template, e) : e;
                }
            });
            return p.withBody(replaceLoop(p.body(), target, target.withBody(changed)));
        } else if (form == 2 && p.body().contains(target)) {
            // a local declared before a top-level loop and assigned, not accumulated, inside it
            // (a fresh one: assigning an accumulator the loop also reads would be reported there too)
            int at = p.body().indexOf(target);
            List<S> body = new ArrayList<>(p.body());
            body.set(at, target.withBody(insertAnywhere(target.body(), new Raw("wq9 = " + x + "[" + i + "];"), rng)));
            body.add(at, new Ast.Decl("wq9", new Ast.Num(0.0, false)));
            return p.withBody(body);
        }
        String template = LOOP_STATEMENTS.get(rng.nextInt(LOOP_STATEMENTS.size()));
        Raw raw = new Raw(template.replace("$X", x).replace("$I", i));
        return p.withBody(replaceLoop(p.body(), target, target.withBody(insertAnywhere(target.body(), raw, rng))));
    }

    private static List<S> insertAnywhere(List<S> body, S s, Random rng) {
        List<S> out = new ArrayList<>(body);
        out.add(rng.nextInt(out.size() + 1), s);
        return out;
    }

    /** {@code body} with the loop {@code target} (by identity) replaced, at whatever depth. */
    private static List<S> replaceLoop(List<S> body, For target, For replacement) {
        List<S> out = new ArrayList<>();
        for (S s : body) {
            if (s == target) {
                out.add(replacement);
            } else if (s instanceof For f) {
                out.add(f.withBody(replaceLoop(f.body(), target, replacement)));
            } else if (s instanceof If f) {
                out.add(new If(f.condition(), replaceLoop(f.then(), target, replacement),
                        replaceLoop(f.otherwise(), target, replacement)));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** Inserts {@code s} into this list or one of its if-branches, before the list's return. */
    private static List<S> insertStatement(List<S> body, S s, Random rng, boolean top) {
        List<S> out = new ArrayList<>(body);
        List<Integer> branches = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof If) {
                branches.add(i);
            }
        }
        if (!branches.isEmpty() && rng.nextInt(3) == 0) {
            int i = branches.get(rng.nextInt(branches.size()));
            If f = (If) out.get(i);
            boolean then = f.otherwise().isEmpty() || rng.nextBoolean();
            out.set(i, then ? new If(f.condition(), insertStatement(f.then(), s, rng, false), f.otherwise())
                    : new If(f.condition(), f.then(), insertStatement(f.otherwise(), s, rng, false)));
            return out;
        }
        int limit = out.size();
        if (!out.isEmpty() && (out.get(out.size() - 1) instanceof Return || top)) {
            limit = out.size() - 1;
        }
        out.add(rng.nextInt(limit + 1), s);
        return out;
    }
}
