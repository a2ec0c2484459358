package io.gradgen.processor.fuzz;

import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.processor.fuzz.Ast.Assign;
import io.gradgen.processor.fuzz.Ast.Bin;
import io.gradgen.processor.fuzz.Ast.Call;
import io.gradgen.processor.fuzz.Ast.Compound;
import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.For;
import io.gradgen.processor.fuzz.Ast.If;
import io.gradgen.processor.fuzz.Ast.Index;
import io.gradgen.processor.fuzz.Ast.Length;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.S;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What {@link RowGenerator} produces, measured without a compiler over a thousand programs: each
 * program shape of issue 13 (the class of the length bug the fuzzer once found only in a long run)
 * must come out often enough that the CI run of about a hundred row programs meets it several times
 * and a long run meets it thousands of times. A retuned generator that loses a shape fails here.
 */
class RowShapesTest {

    private static final int PROGRAMS = 1000;

    @Test
    void everyShapeOfIssue13IsGeneratedOften() {
        Map<String, Integer> counts = new TreeMap<>();
        Random rng = new Random(13);
        for (int i = 0; i < PROGRAMS; i++) {
            long seed = rng.nextLong();
            Program p = new RowGenerator().next(new Random(seed), "p" + i, seed);
            for (String shape : shapes(p)) {
                if (!shape.startsWith("length read ")) {
                    counts.merge(shape, 1, Integer::sum);
                }
            }
        }
        // at least 3% of row programs each: about three in CI's hundred, six hundred in 20,000
        List<String> rare = new ArrayList<>();
        for (String shape : List.of("three or more row lengths", "row function of another row inside a loop",
                "loop-invariant accumulation term", "invariant term times a loop element", "three nested loops",
                "row function in a nested loop", "quotient of three or more int atoms", "@Param int",
                "accumulation += nested", "accumulation -= nested", "accumulation *= nested", "accumulation max nested",
                "accumulation min nested", "conditional accumulation nested", "accumulation in an outer loop",
                "invariant row function in a loop, rescaled by a third length")) {
            if (counts.getOrDefault(shape, 0) < PROGRAMS * 3 / 100) {
                rare.add(shape + " (" + counts.getOrDefault(shape, 0) + ")");
            }
        }
        assertWithMessage("shapes in %s row programs: %s", PROGRAMS, counts).that(rare).isEmpty();
    }

    /** The constructs of the 0.2 language (issue 16), each in at least 3% of row programs too. */
    @Test
    void everyConstructOfIssue16IsGeneratedOften() {
        Map<String, Integer> counts = new TreeMap<>();
        Random rng = new Random(16);
        for (int i = 0; i < PROGRAMS; i++) {
            long seed = rng.nextLong();
            for (String shape : languageShapes(new RowGenerator().next(new Random(seed), "p" + i, seed))) {
                counts.merge(shape, 1, Integer::sum);
            }
        }
        List<String> rare = new ArrayList<>();
        for (String shape : List.of("loop from 1", "loop to length - 1", "loop from an outer index",
                "loop up to an outer index", "loop bound from an int local or Math.min", "read x[i - 1]", "read x[i + 1]",
                "reduction into a local of the outer loop", "logAddExp accumulation", "temporary row",
                "row function of a temporary row", "temporary row read in a loop", "boolean local", "int local",
                "Math.log10", "Functions.lgamma", "Functions.digamma", "Functions.logAddExp", "Functions.cosine")) {
            if (counts.getOrDefault(shape, 0) < PROGRAMS * 3 / 100) {
                rare.add(shape + " (" + counts.getOrDefault(shape, 0) + ")");
            }
        }
        assertWithMessage("constructs in %s row programs: %s", PROGRAMS, counts).that(rare).isEmpty();
    }

    /** The issue-16 constructs one program has (each counted once). */
    static Set<String> languageShapes(Program p) {
        Set<String> out = new HashSet<>();
        Set<String> temps = new HashSet<>();
        Nodes.forEachStatement(p.body(), s -> {
            if (s instanceof For f) {
                if (f.from() instanceof Ast.Num n && n.value() == 1) {
                    out.add("loop from 1");
                }
                if (f.to() instanceof Bin b && b.op() == '-' && b.left() instanceof Length) {
                    out.add("loop to length - 1");
                }
                if (f.from() instanceof Ref || f.from() instanceof Bin b && b.left() instanceof Ref) {
                    out.add("loop from an outer index");
                }
                E to = f.to() instanceof Bin b && b.left() instanceof Ref ? b.left() : f.to();
                if (to instanceof Ref r && isLoopVariable(p, r.name())) {
                    out.add("loop up to an outer index");
                } else if (to instanceof Ref || to instanceof Call) {
                    out.add("loop bound from an int local or Math.min");
                }
                Set<String> declared = new HashSet<>();
                for (S inner : f.body()) {
                    if (inner instanceof Ast.Decl d) {
                        declared.add(d.name());
                    } else if (inner instanceof For g && assigns(g.body(), declared)) {
                        out.add("reduction into a local of the outer loop");
                    }
                }
            } else if (s instanceof Ast.NewArray a) {
                out.add("temporary row");
                temps.add(a.name());
            } else if (s instanceof Ast.BoolDecl) {
                out.add("boolean local");
            } else if (s instanceof Ast.IntDecl) {
                out.add("int local");
            } else if (s instanceof Assign a && a.value() instanceof Call c && c.function().equals("Functions.logAddExp")
                    && c.args().get(0) instanceof Ref r && r.name().equals(a.name())) {
                out.add("logAddExp accumulation");
            }
        });
        Nodes.mapExpressions(p, e -> {
            if (e instanceof Index x && x.index() instanceof Bin b && b.right() instanceof Ast.Num n && n.value() == 1) {
                out.add(b.op() == '-' ? "read x[i - 1]" : "read x[i + 1]");
            }
            if (e instanceof Index x && temps.contains(x.array()) && x.index() instanceof Ref r && isLoopVariable(p, r.name())) {
                out.add("temporary row read in a loop");
            }
            if (e instanceof Call c && Nodes.isRowCall(c) && c.args().stream().anyMatch(a -> temps.contains(((Ref) a).name()))) {
                out.add("row function of a temporary row");
            }
            if (e instanceof Call c && List.of("Math.log10", "Functions.lgamma", "Functions.digamma", "Functions.logAddExp",
                    "Functions.cosine").contains(c.function())) {
                out.add(c.function());
            }
            return e;
        });
        return out;
    }

    private static boolean isLoopVariable(Program p, String name) {
        boolean[] found = {false};
        Nodes.forEachStatement(p.body(), s -> found[0] |= s instanceof For f && f.var().equals(name));
        return found[0];
    }

    /** Whether {@code body} (at any depth) assigns one of {@code locals}. */
    private static boolean assigns(List<S> body, Set<String> locals) {
        boolean[] found = {false};
        Nodes.forEachStatement(body, s -> found[0] |= s instanceof Assign a && locals.contains(a.name())
                || s instanceof Compound c && locals.contains(c.name()));
        return found[0];
    }

    /** The shapes one program has (each counted once). */
    static Set<String> shapes(Program p) {
        Set<String> out = new HashSet<>();
        Map<String, Integer> lengths = new TreeMap<>();
        Set<String> ints = Nodes.intParams(p);
        for (Param q : p.params()) {
            if (q.isRow()) {
                lengths.put(q.name(), q.length());
            }
            if (q.kind() == Param.Kind.CONST_INT) {
                out.add("@Param int");
            }
        }
        Nodes.forEachStatement(p.body(), s -> {
            if (s instanceof Ast.NewArray a) {
                lengths.put(a.name(), lengths.get(a.lengthOf()));
            }
        });
        if (new HashSet<>(lengths.values()).size() >= 3) {
            out.add("three or more row lengths");
        }
        Nodes.mapExpressions(p, e -> {
            if (e instanceof Length l) {
                out.add("length read " + lengths.get(l.array()));
            }
            return e;
        });
        walk(p.body(), new ArrayList<>(), lengths, ints, out);
        Nodes.mapExpressions(p, e -> {
            if (e instanceof Bin b && (b.op() == '/' || b.op() == '*') && intAtoms(e, ints) >= 3) {
                out.add("quotient of three or more int atoms");
            }
            return e;
        });
        return out;
    }

    /** Statements inside {@code loops} (the enclosing loops, outermost first). */
    private static void walk(List<S> body, List<For> loops, Map<String, Integer> lengths, Set<String> ints,
            Set<String> out) {
        for (S s : body) {
            if (s instanceof For f) {
                List<For> inner = new ArrayList<>(loops);
                inner.add(f);
                if (inner.size() >= 3) {
                    out.add("three nested loops");
                }
                if (f.body().stream().anyMatch(b -> b instanceof For) && (accumulates(f.body())
                        || f.body().stream().anyMatch(b -> b instanceof If i && (accumulates(i.then()) || accumulates(i.otherwise()))))) {
                    out.add("accumulation in an outer loop");
                }
                walk(f.body(), inner, lengths, ints, out);
            } else if (s instanceof If i) {
                if (!loops.isEmpty() && (accumulates(i.then()) || accumulates(i.otherwise())) && loops.size() >= 2) {
                    out.add("conditional accumulation nested");
                }
                walk(i.then(), loops, lengths, ints, out);
                walk(i.otherwise(), loops, lengths, ints, out);
            } else if (!loops.isEmpty()) {
                loopStatement(s, loops, lengths, out);
            }
        }
    }

    private static void loopStatement(S s, List<For> loops, Map<String, Integer> lengths, Set<String> out) {
        E value = s instanceof Compound c ? c.value() : s instanceof Assign a ? a.value()
                : s instanceof Ast.Decl d ? d.init() : null;
        if (value == null) {
            return;
        }
        Set<String> vars = new HashSet<>();
        Set<Integer> loopLengths = new HashSet<>();
        for (For f : loops) {
            vars.add(f.var());
            loopLengths.add(lengths.get(f.array()));
        }
        boolean otherRowCall = anyRowCall(value, q -> !loopLengths.contains(lengths.get(q)));
        if (otherRowCall) {
            out.add("row function of another row inside a loop");
        }
        if (loops.size() >= 2 && anyRowCall(value, q -> true)) {
            out.add("row function in a nested loop");
        }
        String form = s instanceof Compound c ? String.valueOf(c.op()) + "="
                : s instanceof Assign a && a.value() instanceof Call call ? (call.function().endsWith("max") ? "max" : "min")
                : null;
        if (form == null) {
            return;
        }
        if (loops.size() >= 2) {
            out.add("accumulation " + form + " nested");
        }
        E term = s instanceof Compound c ? c.value() : ((Call) ((Assign) s).value()).args().stream()
                .filter(a -> !(a instanceof Ref)).findFirst().orElse(null);
        if (term != null && !readsAny(term, vars)) {
            out.add("loop-invariant accumulation term");
        }
        if (term instanceof Bin b && b.op() == '*' && (readsAny(b.left(), vars) != readsAny(b.right(), vars))) {
            out.add("invariant term times a loop element");
        }
        if (loops.size() == 1) {
            // the issue's program: a row function of a row of another length, then a third length anywhere
            Set<Integer> seen = new HashSet<>(loopLengths);
            collectRowCallLengths(term, lengths, seen);
            if (seen.size() >= 2 && thirdLength(seen, lengths, out)) {
                out.add("invariant row function in a loop, rescaled by a third length");
            }
        }
    }

    private static void collectRowCallLengths(E e, Map<String, Integer> lengths, Set<Integer> into) {
        if (e instanceof Call c && Nodes.isRowCall(c)) {
            c.args().forEach(a -> into.add(lengths.get(((Ref) a).name())));
            return;
        }
        Nodes.children(e).forEach(child -> collectRowCallLengths(child, lengths, into));
    }

    /** Set by {@link #shapes}: the lengths of the rows whose {@code .length} the program reads. */
    private static boolean thirdLength(Set<Integer> seen, Map<String, Integer> lengths, Set<String> out) {
        return out.stream().anyMatch(s -> s.startsWith("length read ") && !seen.contains(Integer.parseInt(s.substring(12))));
    }

    private static boolean accumulates(List<S> body) {
        return body.stream().anyMatch(s -> s instanceof Compound || s instanceof Assign);
    }

    private static boolean anyRowCall(E e, java.util.function.Predicate<String> row) {
        if (e instanceof Call c && Nodes.isRowCall(c)) {
            return c.args().stream().anyMatch(a -> row.test(((Ref) a).name()));
        }
        for (E child : Nodes.children(e)) {
            if (anyRowCall(child, row)) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsAny(E e, Set<String> vars) {
        if (e instanceof Ref r) {
            return vars.contains(r.name());
        }
        if (e instanceof Index x) {
            return readsAny(x.index(), vars);
        }
        for (E child : Nodes.children(e)) {
            if (readsAny(child, vars)) {
                return true;
            }
        }
        return false;
    }

    /** How many lengths, int parameters and int literals an int-valued product or quotient combines. */
    private static int intAtoms(E e, Set<String> ints) {
        if (e instanceof Length || e instanceof Ref r && ints.contains(r.name())) {
            return 1;
        }
        if (e instanceof Bin b) {
            return intAtoms(b.left(), ints) + intAtoms(b.right(), ints);
        }
        return 0;
    }
}
