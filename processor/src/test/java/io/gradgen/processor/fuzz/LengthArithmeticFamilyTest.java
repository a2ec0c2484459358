package io.gradgen.processor.fuzz;

import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.annotations.Reduction;
import io.gradgen.processor.fuzz.Ast.Bin;
import io.gradgen.processor.fuzz.Ast.Call;
import io.gradgen.processor.fuzz.Ast.Compound;
import io.gradgen.processor.fuzz.Ast.Decl;
import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.For;
import io.gradgen.processor.fuzz.Ast.Index;
import io.gradgen.processor.fuzz.Ast.Length;
import io.gradgen.processor.fuzz.Ast.Num;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.Return;
import io.gradgen.processor.fuzz.Ast.S;
import io.gradgen.processor.fuzz.Oracle.Failure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The family of issue 13's first bug: arithmetic on the lengths of several rows of different
 * lengths ({@code total.length}, {@code x0.length}, {@code pred.length}), on {@code int} labels and
 * on {@code @Param int} constants. The IR computes with real numbers, but after simplification a
 * quotient or product of such values ({@code len(total) / (len(pred) · len(x0))}) has only
 * {@code int} operands, and Java computed it in {@code int}: the quotient was truncated (every
 * gradient of {@code pred} was 0) and products could wrap. Every program here goes through the
 * processor and the fuzzer's {@link Oracle} (value against an independent interpreter, gradients
 * against central differences, under every reduction).
 */
class LengthArithmeticFamilyTest {

    /** How a loop combines its per-iteration term into the accumulator. */
    private enum Form { ADD, SUBTRACT, MULTIPLY, MAX, MIN }

    /** A row function of {@code pred}, or a length quotient written out by hand. */
    private static final List<String> ROW_FUNCTIONS = List.of("mean", "sumOverLength", "sum", "max", "min",
            "logSumExp", "norm", "dot");

    /** Where the row function sits relative to the loop over {@code total}. */
    private enum Placement {
        /** {@code acc op= f(pred)}: a loop-invariant term (the fuzzer's original finding). */
        INVARIANT,
        /** {@code acc op= f(pred) * total[i]}. */
        TIMES_ELEMENT,
        /** {@code acc op= total[i]}, and {@code acc * f(pred)} after the loop. */
        OUTSIDE
    }

    /** What the loss does with a third row's length after the loop. */
    private static final List<Character> OUTER = List.of('/', '*', '+', '-');

    @Test
    void rowFunctionsOfOneRowInsideALoopOverAnotherCombinedWithAThirdLength() {
        List<Program> programs = new ArrayList<>();
        long seed = 13_001;
        for (Form form : Form.values()) {
            for (String function : ROW_FUNCTIONS) {
                for (char outer : OUTER) {
                    for (Placement placement : Placement.values()) {
                        programs.add(loopProgram("p" + programs.size(), form, function, outer, placement, seed++));
                    }
                }
            }
        }
        assertAllPass("LengthLoops", programs);
    }

    @Test
    void quotientsAndProductsOfLengthsLabelsAndIntConstants() {
        List<Program> programs = new ArrayList<>();
        long seed = 13_500;
        // (1.0 * a) / b: the double factor makes it a real division in Java source; the simplifier
        // drops the 1.0 and leaves a quotient of two ints
        List<E[]> pairs = List.of(
                new E[] {new Length("total"), new Length("pred")},
                new E[] {new Ref("target"), new Length("pred")},
                new E[] {new Ref("k"), new Length("x0")},
                new E[] {new Ref("k"), new Ref("target")},
                new E[] {new Length("x0"), new Ref("k")});
        for (E[] pair : pairs) {
            for (char op : new char[] {'/', '*', '+', '-'}) {
                E ratio = new Bin(op, new Bin('*', new Num(1.0, false), pair[0]), pair[1]);
                E loss = new Bin('*', new Call("Functions.sum", List.of(new Ref("pred"))), ratio);
                programs.add(program("q" + programs.size(), Reduction.MEAN,
                        List.of(new Return(loss)), seed++));
            }
        }
        assertAllPass("LengthQuotients", programs);
    }

    private static Program loopProgram(String name, Form form, String function, char outer, Placement placement,
            long seed) {
        E term = rowFunction(function);
        List<S> loopBody = new ArrayList<>();
        String acc = "acc";
        E init = switch (form) {
            case MULTIPLY -> new Num(1.0, false);
            case MAX, MIN -> new Index("total", new Num(0, true));
            default -> new Num(0.0, false);
        };
        E element = new Index("total", new Ref("i"));
        E step = switch (placement) {
            case INVARIANT -> term;
            case TIMES_ELEMENT -> new Bin('*', term, element);
            case OUTSIDE -> element;
        };
        switch (form) {
            case ADD -> loopBody.add(new Compound(acc, '+', step));
            case SUBTRACT -> loopBody.add(new Compound(acc, '-', step));
            case MULTIPLY -> loopBody.add(new Compound(acc, '*', new Bin('+', new Num(1.0, false),
                    new Bin('*', new Num(0.1, false), step))));
            case MAX -> loopBody.add(new Ast.Assign(acc, new Call("Math.max", List.of(new Ref(acc), step))));
            case MIN -> loopBody.add(new Ast.Assign(acc, new Call("Math.min", List.of(new Ref(acc), step))));
        }
        List<S> body = new ArrayList<>();
        body.add(new Decl(acc, init));
        body.add(new For("i", "total", null, loopBody));
        E result = placement == Placement.OUTSIDE ? new Bin('*', new Ref(acc), term) : new Ref(acc);
        body.add(new Return(new Bin(outer, result, new Length("x0"))));
        return program(name, Reduction.SUM, body, seed);
    }

    private static E rowFunction(String function) {
        Ref pred = new Ref("pred");
        return switch (function) {
            case "sumOverLength" -> new Bin('/', new Call("Functions.sum", List.of(pred)), new Length("pred"));
            case "dot" -> new Call("Functions.dot", List.of(pred, new Ref("pred")));
            default -> new Call("Functions." + function, List.of(pred));
        };
    }

    /** Rows of three different lengths, a label in range of {@code pred}, and an int constant. */
    private static Program program(String name, Reduction reduction, List<S> body, long seed) {
        List<Param> params = List.of(
                Param.row("total", 3, 1.0),
                Param.row("x0", 5, 1.0),
                Param.row("pred", 4, 1.0),
                new Param("target", Param.Kind.LABEL, null, 0, 4),
                new Param("k", Param.Kind.CONST_INT, 3.0, 3.0, 1));
        return new Program(name, reduction, params, List.of(), body, seed);
    }

    private static void assertAllPass(String className, List<Program> programs) {
        Oracle oracle = new Oracle();
        List<Failure> failures = oracle.run(className, programs);
        assertWithMessage("programs of the length-arithmetic family failing:\n%s",
                String.join("\n", failures.stream().map(Failure::toString).toList()))
                .that(failures).isEmpty();
        assertWithMessage("every program is checked numerically (%s)", oracle.stats)
                .that((long) oracle.stats.checked).isEqualTo((long) programs.size());
    }
}
