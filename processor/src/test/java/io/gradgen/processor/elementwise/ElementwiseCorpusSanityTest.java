package io.gradgen.processor.elementwise;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.elementwise.Samples.Batch;
import io.gradgen.processor.elementwise.Samples.Shape;
import io.gradgen.processor.elementwise.TensorOps.MissingTensorOp;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the test material itself, without the processor: the table in {@link ElementwiseCorpus}
 * describes exactly the corpus's {@code @Loss} methods, every sampled point gives a finite loss, and
 * each Tensor-op version is the same function as its plain method (values, and gradients against
 * central differences). So when {@link ElementwiseLossFunctionalTest} fails, the processor is to
 * blame, not the corpus.
 */
class ElementwiseCorpusSanityTest {

    static Stream<LossCase> cases() {
        return ElementwiseCorpus.CASES.stream();
    }

    @Test
    void tableListsEveryLossOfTheCorpusWithItsNameAndReduction() throws IOException {
        Map<String, String> declared = io.gradgen.processor.testing.LossSources.declared(ElementwiseCorpus.ALL_SOURCES);
        Map<String, String> table = new LinkedHashMap<>();
        for (LossCase c : ElementwiseCorpus.CASES) {
            table.put(c.source() + "." + c.method(), c.generatedName() + " " + c.reduction());
        }
        assertThat(table).containsExactlyEntriesIn(declared);
        assertThat(table.size()).isAtLeast(24);
        assertThat(table.values().stream().map(v -> v.split(" ")[0]).distinct().count()).isEqualTo((long) table.size());
        for (Reduction r : java.util.List.of(Reduction.MEAN, Reduction.SUM, Reduction.NONE)) { // BATCH_MEAN: ReductionSwitchTest
            assertWithMessage("some corpus loss reduces with %s", r)
                    .that(table.values().stream().anyMatch(v -> v.endsWith(" " + r))).isTrue();
        }
    }

    @Test
    void derivedNamesFollowApiMd() {
        assertThat(derivedName("huber")).isEqualTo("HuberLoss");
        assertThat(derivedName("customLoss")).isEqualTo("CustomLoss");
        assertThat(derivedName("l1")).isEqualTo("L1Loss");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tensorFormulaIsThePlainMethod(LossCase lossCase) {
        CompiledSources compiled = CorpusCompilations.withoutProcessor(lossCase);
        Method plain = Losses.plainMethod(compiled.load(lossCase.sourceClassName()), lossCase.method());
        for (Shape shape : List.of(new Shape(3, 5), new Shape(7))) {
            Batch batch = Samples.draw(lossCase, shape);
            double[] expected = Samples.plainValues(plain, batch);
            for (int i = 0; i < expected.length; i++) {
                assertWithMessage("%s %s is finite", lossCase, batch.describe(i))
                        .that(Double.isFinite(expected[i])).isTrue();
            }

            Tensor[] inputs = batch.tensorsAllRequiringGrad();
            Tensor perPosition;
            try {
                perPosition = lossCase.formula().apply(inputs, batch.c());
            } catch (MissingTensorOp missing) {
                Assumptions.abort(lossCase + ": " + missing.getMessage());
                return;
            }
            double[] got = perPosition.toArray();
            for (int i = 0; i < expected.length; i++) {
                assertWithMessage("%s Tensor-op value %s", lossCase, batch.describe(i))
                        .that(Samples.close(got[i], expected[i], 1e-12)).isTrue();
            }

            perPosition.sum().backward();
            List<String> failures = new ArrayList<>();
            for (int j = 0; j < inputs.length; j++) {
                double[] g = inputs[j].grad() == null ? new double[shape.numel()] : inputs[j].grad().toArray();
                for (int i = 0; i < g.length; i++) {
                    double numeric = Samples.centralDifference(plain, lossCase, batch.at(i), batch.c(), j);
                    if (!Samples.close(g[i], numeric, 1e-6)) {
                        failures.add(String.format("d/d%s %s: Tensor ops %s, central difference %s",
                                lossCase.inputs().get(j).name(), batch.describe(i), g[i], numeric));
                    }
                }
            }
            assertWithMessage("%s on %s", lossCase, shape).that(failures).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isolatingALossKeepsOnlyThatLossAndStillCompiles(LossCase lossCase) throws IOException {
        List<JavaFileObject> files = CorpusSources.isolating(lossCase);
        JavaFileObject own = files.get(0);
        Matcher m = CorpusSources.LOSS_METHOD.matcher(own.getCharContent(true));
        List<String> losses = new ArrayList<>();
        while (m.find()) {
            losses.add(m.group("method"));
        }
        assertThat(losses).containsExactly(lossCase.method());
        String original = CorpusSources.read("corpus/elementwise/" + lossCase.source() + ".java");
        String isolated = own.getCharContent(true).toString();
        String signature = "static double " + lossCase.method() + "(";
        assertWithMessage("line of %s", signature).that(lineOf(isolated, signature)).isEqualTo(lineOf(original, signature));
        GradgenCompiler.compileCleanly(GradgenCompiler.javacWithoutProcessor(), files);
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
