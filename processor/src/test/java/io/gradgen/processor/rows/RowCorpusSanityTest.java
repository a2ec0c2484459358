package io.gradgen.processor.rows;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.annotations.Reduction;
import io.gradgen.processor.rows.RowLossCase.Arg;
import io.gradgen.processor.rows.RowLossCase.Const;
import io.gradgen.processor.rows.RowLossCase.Element;
import io.gradgen.processor.rows.RowLossCase.Label;
import io.gradgen.processor.rows.RowLossCase.Row;
import io.gradgen.processor.rows.RowSamples.Batch;
import io.gradgen.processor.rows.RowSamples.Shape;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the test material itself, without the processor: the table in {@link RowCorpus}
 * describes exactly the corpus's {@code @Loss} methods (names, reductions, parameter kinds), the
 * plain methods compile warning-free with {@code -proc:none}, their reference values and central
 * differences are finite on the sampled domains, and isolating or re-reducing a loss keeps its
 * source compilable with its line numbers. So when {@link RowLossFunctionalTest} fails, the
 * processor is to blame, not the corpus.
 */
class RowCorpusSanityTest {

    static Stream<RowLossCase> cases() {
        return RowCorpus.CASES.stream();
    }

    @Test
    void tableListsEveryLossOfTheCorpusWithItsNameAndReduction() {
        Map<String, String> declared = io.gradgen.processor.testing.LossSources.declared(RowCorpus.ALL_SOURCES);
        Map<String, String> table = new LinkedHashMap<>();
        for (RowLossCase c : RowCorpus.CASES) {
            table.put(c.source() + "." + c.method(), c.generatedName() + " " + c.reduction());
        }
        assertThat(table).containsExactlyEntriesIn(declared);
        assertThat(table.size()).isAtLeast(20);
        assertThat(table.values().stream().map(v -> v.split(" ")[0]).distinct().count()).isEqualTo((long) table.size());
        for (Reduction r : List.of(Reduction.MEAN, Reduction.SUM, Reduction.NONE)) { // BATCH_MEAN: ReductionSwitchTest
            assertWithMessage("some corpus loss reduces with %s", r)
                    .that(table.values().stream().anyMatch(v -> v.endsWith(" " + r))).isTrue();
        }
        for (String method : RowCorpus.REDUCTION_VARIANTS) {
            assertThat(RowCorpus.byMethod(method)).isNotNull();
        }
    }

    @Test
    void corpusCoversTheRowLanguageOfIssue4() {
        StringBuilder all = new StringBuilder();
        for (String path : RowCorpus.ALL_SOURCES) {
            all.append(RowCorpusSources.read(path));
        }
        String corpus = all.toString();
        for (String construct : List.of("double[]", "int target", "@Param double[]", ".length", "[target]",
                "[i]", "for (int i = 0; i < ", "+= ", "-= ", "*= ", "= Math.max(", "= Math.min(", "if (i != target)",
                "for (int j = 0; j < b.length; j++)", "logSumExp(", "dot(", "norm(", "sum(", "mean(", "max(x)",
                "min(x)", "Reduction.NONE", "Reduction.SUM")) {
            assertWithMessage("the row corpus uses %s", construct).that(corpus).contains(construct);
        }
        assertWithMessage("some loss has rows of different lengths")
                .that(RowCorpus.CASES.stream().anyMatch(c -> c.inputs().stream()
                        .filter(i -> i instanceof Row).mapToInt(i -> ((Row) i).length()).distinct().count() > 1))
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parameterKindsMatchThePlainMethod(RowLossCase lossCase) {
        CompiledSources compiled = RowCorpusCompilations.withoutProcessor(lossCase);
        Method plain = Losses.plainMethod(compiled.load(lossCase.sourceClassName()), lossCase.method());
        Class<?>[] types = plain.getParameterTypes();
        List<Arg> args = lossCase.args();
        assertWithMessage("%s: parameter count", lossCase).that(types.length).isEqualTo(args.size());
        for (int a = 0; a < types.length; a++) {
            Arg arg = args.get(a);
            Class<?> expected;
            if (arg instanceof Row) {
                expected = double[].class;
            } else if (arg instanceof Label) {
                expected = int.class;
            } else if (arg instanceof Element) {
                expected = double.class;
            } else {
                Const c = (Const) arg;
                switch (c.kind()) {
                    case DOUBLE:
                        expected = double.class;
                        break;
                    case INT:
                        expected = int.class;
                        break;
                    default:
                        expected = double[].class;
                        break;
                }
            }
            assertWithMessage("%s: type of parameter %s (%s)", lossCase, a, arg.name()).that(types[a]).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void referenceValuesAndCentralDifferencesAreFiniteOnTheSampledDomains(RowLossCase lossCase) {
        CompiledSources compiled = RowCorpusCompilations.withoutProcessor(lossCase);
        Method plain = Losses.plainMethod(compiled.load(lossCase.sourceClassName()), lossCase.method());
        for (Shape shape : List.of(new Shape(), new Shape(4), new Shape(2, 3))) {
            Batch batch = RowSamples.draw(lossCase, shape);
            double[] values = RowSamples.plainValues(plain, batch);
            assertThat(values).hasLength(shape.numel());
            for (int i = 0; i < values.length; i++) {
                assertWithMessage("%s %s is finite", lossCase, batch.describe(i))
                        .that(Double.isFinite(values[i])).isTrue();
                for (int j : lossCase.differentiableInputs()) {
                    for (int c = 0; c < lossCase.inputs().get(j).width(); c++) {
                        double numeric = RowSamples.centralDifference(plain, batch, i, j, c);
                        assertWithMessage("%s d/d%s[%s] %s is finite", lossCase, lossCase.inputs().get(j).name(), c,
                                batch.describe(i)).that(Double.isFinite(numeric)).isTrue();
                    }
                }
            }
            for (int[] tensorShape : tensorShapes(lossCase, shape)) {
                assertThat(tensorShape.length).isAtLeast(shape.dims().length);
            }
            batch.tensorsRequiringGrad();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isolatingALossKeepsOnlyThatLossOnItsLinesAndStillCompiles(RowLossCase lossCase) throws IOException {
        List<JavaFileObject> files = RowCorpusSources.isolating(lossCase);
        String isolated = files.get(0).getCharContent(true).toString();
        Matcher m = RowCorpusSources.LOSS_METHOD.matcher(isolated);
        List<String> losses = new ArrayList<>();
        while (m.find()) {
            losses.add(m.group("method"));
        }
        assertThat(losses).containsExactly(lossCase.method());
        String original = RowCorpusSources.read(RowCorpusSources.path(lossCase));
        String signature = "static double " + lossCase.method() + "(";
        assertWithMessage("line of %s", signature).that(lineOf(isolated, signature)).isEqualTo(lineOf(original, signature));
        GradgenCompiler.compileCleanly(GradgenCompiler.javacWithoutProcessor(), files);

        for (Reduction reduction : List.of(Reduction.MEAN, Reduction.SUM, Reduction.NONE)) {
            List<JavaFileObject> rewritten = RowCorpusSources.withReduction(lossCase, reduction);
            String text = rewritten.get(0).getCharContent(true).toString();
            assertThat(text).contains("@Loss(name = \"" + lossCase.generatedName() + "\", reduction = "
                    + "io.gradgen.annotations.Reduction." + reduction + ")");
            assertWithMessage("line of %s with %s", signature, reduction).that(lineOf(text, signature))
                    .isEqualTo(lineOf(original, signature));
            GradgenCompiler.compileCleanly(GradgenCompiler.javacWithoutProcessor(), rewritten);
        }
    }

    @Test
    void shapesIndexRowMajor() {
        Shape shape = new Shape(2, 3);
        assertThat(shape.index(5)).isEqualTo(new int[] {1, 2});
        assertThat(shape.index(3)).isEqualTo(new int[] {1, 0});
        assertThat(new Shape().index(0)).isEqualTo(new int[0]);
        assertThat(new Shape().numel()).isEqualTo(1);
    }

    @Test
    void derivedNamesFollowApiMd() {
        assertThat(derivedName("crossEntropy")).isEqualTo("CrossEntropyLoss");
        assertThat(derivedName("focal")).isEqualTo("FocalLoss");
    }

    private static List<int[]> tensorShapes(RowLossCase lossCase, Shape shape) {
        List<int[]> out = new ArrayList<>();
        for (RowLossCase.Input input : lossCase.inputs()) {
            out.add(input.tensorShape(shape.dims()));
        }
        return out;
    }

    private static long lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertWithMessage("%s in the source", needle).that(at).isAtLeast(0);
        return text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    }

    static String derivedName(String method) {
        return io.gradgen.processor.testing.LossSources.derivedName(method);
    }
}
