package io.gradgen.processor.fuzz;

import io.gradgen.processor.fuzz.Ast.And;
import io.gradgen.processor.fuzz.Ast.B;
import io.gradgen.processor.fuzz.Ast.Cond;
import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.Helper;
import io.gradgen.processor.fuzz.Ast.If;
import io.gradgen.processor.fuzz.Ast.Inject;
import io.gradgen.processor.fuzz.Ast.Not;
import io.gradgen.processor.fuzz.Ast.Num;
import io.gradgen.processor.fuzz.Ast.Or;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.S;
import io.gradgen.processor.fuzz.Oracle.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy delta debugging over the program tree: from a failing program, try every one-step
 * reduction (drop a statement, a parameter or a helper; replace an if by one branch; replace an
 * expression by one of its operands or by a literal; a condition by one of its operands), keep the
 * first that still fails the same way, and repeat until none does. Candidates are checked many to
 * a compilation, like the fuzzer's own batches.
 */
final class Shrinker {
    private static final int CHUNK = 30;
    private static final int MAX_ROUNDS = 150;

    private final Oracle oracle = new Oracle();
    private int compilation;

    Program shrink(Failure failure) {
        Program current = failure.program();
        boolean nearMiss = current.isNearMiss();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, Program> candidates = new LinkedHashMap<>();
            int size = Nodes.size(current);
            for (Program c : candidates(current)) {
                if (Nodes.size(c) < size && Nodes.wellFormed(c) && c.isNearMiss() == nearMiss) {
                    candidates.putIfAbsent(ProgramText.print(c), c);
                }
            }
            Program next = firstStillFailing(new ArrayList<>(candidates.values()), failure.kind(), symptom(failure));
            if (next == null) {
                return current;
            }
            current = next.withName(failure.program().name());
        }
        return current;
    }

    /**
     * What a candidate must still show besides the failure's kind: for a compile error or warning,
     * the message's first two lines without file, line and program names ({@code cannot find symbol}
     * and the symbol), so that a shrink does not wander off to another error of the same kind (such
     * as a near-empty loop the processor rightly refuses). Empty for the other kinds.
     */
    static String symptom(Failure f) {
        if (f.kind() != Oracle.Kind.REJECTED && f.kind() != Oracle.Kind.WARNING && f.kind() != Oracle.Kind.INTERNAL) {
            return "";
        }
        String[] lines = f.detail().split("\n");
        String head = lines.length > 1 ? lines[0] + "\n" + lines[1] : lines[0];
        return head.replaceAll("\\S+\\.java:\\d+:", "").replaceAll("[0-9]+", "#").replaceAll("[A-Za-z]#", "?#");
    }

    private Program firstStillFailing(List<Program> candidates, Oracle.Kind kind, String symptom) {
        for (int from = 0; from < candidates.size(); from += CHUNK) {
            List<Program> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(candidates.size(), from + CHUNK); i++) {
                chunk.add(candidates.get(i).withName("s" + i));
            }
            List<Failure> failures = oracle.run("Shrink" + compilation++, chunk);
            for (Program c : chunk) {
                for (Failure f : failures) {
                    if (f.program().name().equals(c.name()) && f.kind() == kind && symptom(f).equals(symptom)) {
                        return c;
                    }
                }
            }
        }
        return null;
    }

    /** Every one-step reduction, larger steps first. */
    static List<Program> candidates(Program p) {
        List<Program> out = new ArrayList<>();
        for (List<S> body : bodyVariants(p.body())) {
            out.add(p.withBody(body));
        }
        for (int h = 0; h < p.helpers().size(); h++) {
            List<Helper> without = new ArrayList<>(p.helpers());
            without.remove(h);
            out.add(new Program(p.name(), p.reduction(), p.params(), without, p.body(), p.seed()));
            Helper helper = p.helpers().get(h);
            for (List<S> body : bodyVariants(helper.body())) {
                List<Helper> changed = new ArrayList<>(p.helpers());
                changed.set(h, new Helper(helper.name(), helper.params(), body));
                out.add(new Program(p.name(), p.reduction(), p.params(), changed, p.body(), p.seed()));
            }
        }
        for (int i = 0; i < p.params().size(); i++) {
            List<Param> without = new ArrayList<>(p.params());
            without.remove(i);
            out.add(new Program(p.name(), p.reduction(), without, p.helpers(), p.body(), p.seed()));
        }
        int expressions = count(p);
        for (int k = 0; k < expressions; k++) {
            int target = k;
            E node = nth(p, target);
            for (E alternative : alternatives(node)) {
                out.add(replace(p, target, alternative));
            }
            if (!(node instanceof Ref) && !(node instanceof Ast.Inject)) {
                for (Param q : p.params()) {
                    if (q.kind() == Param.Kind.INPUT) {
                        out.add(replace(p, target, new Ref(q.name())));
                        break;
                    }
                }
                for (Param q : p.params()) {
                    if (q.kind() == Param.Kind.ROW && !(node instanceof Ast.Index)) {
                        out.add(replace(p, target, new Ast.Index(q.name(), new Num(0, true))));
                        break;
                    }
                }
                for (Param q : p.params()) {
                    if (q.kind() == Param.Kind.MATRIX && !(node instanceof Ast.Elem)) {
                        out.add(replace(p, target, new Ast.Elem(q.name(), new Num(0, true), new Num(0, true))));
                        break;
                    }
                }
            }
        }
        int conditions = countConditions(p);
        for (int k = 0; k < conditions; k++) {
            for (B alternative : alternatives(nthCondition(p, k))) {
                out.add(replaceCondition(p, k, alternative));
            }
        }
        return out;
    }

    private static List<List<S>> bodyVariants(List<S> body) {
        List<List<S>> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            List<S> without = new ArrayList<>(body);
            without.remove(i);
            out.add(without);
            if (body.get(i) instanceof Ast.For f) {
                for (List<S> inner : bodyVariants(f.body())) {
                    List<S> changed = new ArrayList<>(body);
                    changed.set(i, f.withBody(inner));
                    out.add(changed);
                }
            }
            if (body.get(i) instanceof If f) {
                for (List<S> branch : List.of(f.then(), f.otherwise())) {
                    List<S> spliced = new ArrayList<>(body.subList(0, i));
                    spliced.addAll(branch);
                    spliced.addAll(body.subList(i + 1, body.size()));
                    out.add(spliced);
                }
                for (List<S> then : bodyVariants(f.then())) {
                    List<S> changed = new ArrayList<>(body);
                    changed.set(i, new If(f.condition(), then, f.otherwise()));
                    out.add(changed);
                }
                for (List<S> otherwise : bodyVariants(f.otherwise())) {
                    List<S> changed = new ArrayList<>(body);
                    changed.set(i, new If(f.condition(), f.then(), otherwise));
                    out.add(changed);
                }
            }
        }
        return out;
    }

    private static List<E> alternatives(E e) {
        List<E> out = new ArrayList<>();
        if (e instanceof Inject) {
            return out; // the near miss itself stays
        }
        if (e instanceof Cond c) {
            out.add(c.then());
            out.add(c.otherwise());
        } else {
            out.addAll(Nodes.children(e));
        }
        if (!(e instanceof Num n && n.value() == 1.0) && !(e instanceof Ref)) {
            out.add(new Num(1.0, false));
        }
        return out;
    }

    private static List<B> alternatives(B b) {
        if (b instanceof And a) {
            return List.of(a.left(), a.right());
        } else if (b instanceof Or o) {
            return List.of(o.left(), o.right());
        } else if (b instanceof Not n) {
            return List.of(n.operand());
        }
        return List.of();
    }

    private static int count(Program p) {
        int[] n = {0};
        Nodes.mapExpressions(p, e -> {
            n[0]++;
            return e;
        });
        return n[0];
    }

    private static E nth(Program p, int k) {
        int[] n = {0};
        E[] found = new E[1];
        Nodes.mapExpressions(p, e -> {
            if (n[0]++ == k) {
                found[0] = e;
            }
            return e;
        });
        return found[0];
    }

    private static Program replace(Program p, int k, E replacement) {
        int[] n = {0};
        return Nodes.mapExpressions(p, e -> n[0]++ == k ? replacement : e);
    }

    private static int countConditions(Program p) {
        int[] n = {0};
        Nodes.rewrite(p, new Nodes.Rewrite() {
            @Override
            public B cond(B b) {
                n[0]++;
                return b;
            }
        });
        return n[0];
    }

    private static B nthCondition(Program p, int k) {
        int[] n = {0};
        B[] found = new B[1];
        Nodes.rewrite(p, new Nodes.Rewrite() {
            @Override
            public B cond(B b) {
                if (n[0]++ == k) {
                    found[0] = b;
                }
                return b;
            }
        });
        return found[0];
    }

    private static Program replaceCondition(Program p, int k, B replacement) {
        int[] n = {0};
        return Nodes.rewrite(p, new Nodes.Rewrite() {
            @Override
            public B cond(B b) {
                return n[0]++ == k ? replacement : b;
            }
        });
    }
}
