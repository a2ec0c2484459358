package io.gradgen.processor.fuzz;

import io.gradgen.processor.fuzz.Ast.E;
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
 * not support, which must be rejected with a {@code [gradgen/...]} error on its own line. The
 * constructs avoid what row losses will make legal ({@code for} loops, indexing, {@code .length}).
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
        String template = STATEMENTS.get(rng.nextInt(STATEMENTS.size()));
        List<Param> inputs = p.params().stream().filter(q -> q.kind() == Param.Kind.INPUT).toList();
        return new Raw(template.replace("$P", inputs.get(rng.nextInt(inputs.size())).name()));
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
