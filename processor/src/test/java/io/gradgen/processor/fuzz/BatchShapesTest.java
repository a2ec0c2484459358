package io.gradgen.processor.fuzz;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.processor.fuzz.Ast.Assign;
import io.gradgen.processor.fuzz.Ast.B;
import io.gradgen.processor.fuzz.Ast.Call;
import io.gradgen.processor.fuzz.Ast.Cmp;
import io.gradgen.processor.fuzz.Ast.Decl;
import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.Elem;
import io.gradgen.processor.fuzz.Ast.For;
import io.gradgen.processor.fuzz.Ast.If;
import io.gradgen.processor.fuzz.Ast.Index;
import io.gradgen.processor.fuzz.Ast.Named;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.Row;
import io.gradgen.processor.fuzz.Ast.RowLength;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What {@link BatchGenerator} produces, measured without a compiler over a thousand programs: every
 * construct of batch losses (issue 16) must come out in at least 3% of them, so that the CI run's
 * batch programs meet each a few times and a long run thousands of times. Every program is well
 * formed and survives the text format of the regression corpus unchanged.
 */
class BatchShapesTest {

    private static final int PROGRAMS = 1000;

    @Test
    void everyBatchConstructIsGeneratedOften() {
        Map<String, Integer> counts = new TreeMap<>();
        Random rng = new Random(16);
        for (int i = 0; i < PROGRAMS; i++) {
            long seed = rng.nextLong();
            Program p = new BatchGenerator().next(new Random(seed), "p" + i, seed);
            assertWithMessage("well formed:\n%s", ProgramText.print(p)).that(Nodes.wellFormed(p)).isTrue();
            assertThat(ProgramText.print(ProgramText.parse(ProgramText.print(p)))).isEqualTo(ProgramText.print(p));
            for (String shape : shapes(p)) {
                counts.merge(shape, 1, Integer::sum);
            }
        }
        List<String> rare = new ArrayList<>();
        for (String shape : List.of("two double[][] of different row counts", "int[] labels", "@Param double",
                "@Param int", "@Param double[]", "pair loop", "masked b != a", "label comparison", "logAddExp from -inf",
                "max accumulation", "min accumulation", "sum of exponentials", "reduction into a local of the outer loop",
                "loop from an outer index", "loop up to an outer index", "loop from 1", "loop to length - 1",
                "neighbour row x[a - 1] or x[a + 1]", "column loop x[a][j]", "element at a label x[b][y[b]]",
                "row at a label c[y[b]]", "temporary row", "dot of two rows", "cosine of two rows", "row at a literal index",
                "x.length in the value")) {
            if (counts.getOrDefault(shape, 0) < PROGRAMS * 3 / 100) {
                rare.add(shape + " (" + counts.getOrDefault(shape, 0) + ")");
            }
        }
        assertWithMessage("shapes in %s batch programs: %s", PROGRAMS, counts).that(rare).isEmpty();
    }

    private static Set<String> shapes(Program p) {
        Set<String> out = new HashSet<>();
        List<Param> matrices = p.params().stream().filter(q -> q.kind() == Param.Kind.MATRIX).toList();
        if (matrices.stream().map(Param::rows).distinct().count() > 1) {
            out.add("two double[][] of different row counts");
        }
        for (Param q : p.params()) {
            switch (q.kind()) {
                case LABELS -> out.add("int[] labels");
                case CONST_DOUBLE -> out.add("@Param double");
                case CONST_INT -> out.add("@Param int");
                case CONST_ROW -> out.add("@Param double[]");
                default -> { }
            }
        }
        Nodes.forEachStatement(p, s -> {
            if (s instanceof For f) {
                loop(f, out);
            } else if (s instanceof Ast.NewArray) {
                out.add("temporary row");
            } else if (s instanceof If i) {
                condition(i.condition(), out);
            } else if (s instanceof Assign a && a.value() instanceof Call c) {
                out.add(c.function().equals("Math.max") ? "max accumulation" : c.function().equals("Math.min")
                        ? "min accumulation" : "other accumulation");
            } else if (s instanceof Decl d && d.init() instanceof Named n && n.value() == Double.NEGATIVE_INFINITY) {
                out.add("-inf start");
            }
        });
        if (out.contains("-inf start") && hasCall(p, "Functions.logAddExp")) {
            out.add("logAddExp from -inf");
        }
        Nodes.mapExpressions(p, e -> {
            expression(e, out);
            return e;
        });
        return out;
    }

    private static void loop(For f, Set<String> out) {
        if (f.to() instanceof RowLength) {
            out.add("column loop x[a][j]");
        }
        if (f.from() instanceof Ref || f.from() instanceof Ast.Bin b && b.left() instanceof Ref) {
            out.add("loop from an outer index");
        }
        if (f.to() instanceof Ref) {
            out.add("loop up to an outer index");
        }
        if (f.from() instanceof Ast.Num n && n.value() == 1) {
            out.add("loop from 1");
        }
        if (f.to() instanceof Ast.Bin b && b.op() == '-') {
            out.add("loop to length - 1");
        }
        for (Ast.S s : f.body()) {
            if (s instanceof For inner && !(inner.to() instanceof RowLength)) {
                out.add("pair loop");
            }
            if (s instanceof Decl d && f.body().stream().anyMatch(t -> t instanceof For g && assigns(g, d.name()))) {
                out.add("reduction into a local of the outer loop");
            }
        }
    }

    private static boolean assigns(For f, String local) {
        boolean[] found = {false};
        Nodes.forEachStatement(f.body(), s -> found[0] |= s instanceof Assign a && a.name().equals(local)
                || s instanceof Ast.Compound c && c.name().equals(local));
        return found[0];
    }

    private static void condition(B b, Set<String> out) {
        if (b instanceof Cmp c && c.op().equals("!=") && c.left() instanceof Ref && c.right() instanceof Ref) {
            out.add("masked b != a");
        } else if (b instanceof Cmp c && c.left() instanceof Index) {
            out.add("label comparison");
        }
    }

    private static void expression(E e, Set<String> out) {
        if (e instanceof Elem x && x.col() instanceof Index) {
            out.add("element at a label x[b][y[b]]");
        }
        if (e instanceof Elem x && x.row() instanceof Index) {
            out.add("row at a label c[y[b]]");
        }
        if (e instanceof Ast.Length) {
            out.add("x.length in the value");
        }
        if (e instanceof Call c && c.function().equals("Math.exp")) {
            out.add("sum of exponentials");
        }
        if (e instanceof Call c && Nodes.isRowCall(c)) {
            if (c.function().equals("Functions.dot") && c.args().stream().allMatch(a -> a instanceof Row)) {
                out.add("dot of two rows");
            }
            if (c.function().equals("Functions.cosine")) {
                out.add("cosine of two rows");
            }
            for (E a : c.args()) {
                if (a instanceof Row r && r.index() instanceof Ast.Num) {
                    out.add("row at a literal index");
                }
                if (a instanceof Row r && r.index() instanceof Ast.Bin) {
                    out.add("neighbour row x[a - 1] or x[a + 1]");
                }
                if (a instanceof Row r && r.index() instanceof Index) {
                    out.add("row at a label c[y[b]]");
                }
            }
        }
    }

    private static boolean hasCall(Program p, String function) {
        boolean[] found = {false};
        Nodes.mapExpressions(p, e -> {
            found[0] |= e instanceof Call c && c.function().equals(function);
            return e;
        });
        return found[0];
    }
}
