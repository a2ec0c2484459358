package io.gradgen.processor.language;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.autograd.GradCheck;
import io.gradgen.processor.testing.CompilationMemo;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.lang.reflect.Method;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The 0.2 loss language on per-position losses, each loss compiled by the real processor and held to
 * its plain method (the forward, per position) and to central differences (every gradient element):
 * loops with any start and end, neighbour elements, a loop from an enclosing loop's index (ListMLE's
 * suffix sums), reductions of reductions (Chamfer), int and boolean locals, local arrays filled in a
 * loop, helpers that take and return rows, logAddExp accumulation, log10, lgamma, and a static final
 * constant initialised by a call.
 */
class LanguageTest {
    private static final CompilationMemo COMPILED = new CompilationMemo();

    static CompiledSources compiled() {
        return COMPILED.get("Language", () -> GradgenCompiler.compileCleanly(java.util.List.of(
                JavaFileObjects.forResource("language/LanguageLosses.java"))));
    }

    private static LossFunction loss(String name) {
        return Losses.withReduction(Losses.instantiate(compiled().load("language." + name)), Reduction.NONE);
    }

    /**
     * Checks the forward against the plain method per position and the gradients by central
     * differences; a width of 1 is a {@code double} input, more a row, a negative width draws from
     * (0.5, 2.5) instead of (-1, 1).
     */
    private static void holdsToItsMethod(String lossClass, String method, int positions, int... widths) {
        Random rng = new Random(lossClass.hashCode());
        Tensor[] inputs = new Tensor[widths.length];
        for (int k = 0; k < widths.length; k++) {
            int w = Math.abs(widths[k]);
            double[] data = new double[positions * w];
            for (int e = 0; e < data.length; e++) {
                data[e] = widths[k] < 0 ? 0.5 + rng.nextDouble() * 2 : rng.nextDouble() * 2 - 1;
            }
            inputs[k] = w == 1 ? Tensor.of(data, positions) : Tensor.of(data, positions, w);
        }
        LossFunction loss = loss(lossClass);
        Tensor out = Losses.forwardTyped(loss, inputs);
        Method plain = Losses.plainMethod(compiled().load("language.LanguageLosses"), method);
        for (int n = 0; n < positions; n++) {
            Object[] args = new Object[widths.length];
            for (int k = 0; k < widths.length; k++) {
                double[] all = inputs[k].toArray();
                int w = all.length / positions;
                args[k] = inputs[k].shape().length == 1 ? (Object) all[n]
                        : java.util.Arrays.copyOfRange(all, n * w, (n + 1) * w);
            }
            double expected = Losses.callPlain(plain, args);
            assertWithMessage("%s at position %s", lossClass, n).that(out.toArray()[n])
                    .isWithin(1e-12 * Math.max(1, Math.abs(expected))).of(expected);
        }
        for (Tensor t : inputs) {
            t.requiresGrad(true);
        }
        GradCheck.Result result = GradCheck.check(loss, inputs);
        assertWithMessage("%s: %s", lossClass, result).that(result.passed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "TotalVariationLoss, totalVariation, 7",
            "SecondDifferenceLoss, secondDifference, 6",
            "ListMleLoss, listMle, 5",
            "FirstThreeLoss, firstThree, 5",
            "WindowLoss, window, 6",
            "SmoothMaxLoss, smoothMax, 4",
            "SoftmaxEntropyLoss, softmaxEntropy, 5",
            "ShiftedNormLoss, shiftedNorm, 4"})
    void rowLossesOfTheNewLanguage(String lossClass, String method, int width) {
        holdsToItsMethod(lossClass, method, 3, width);
    }

    @Test
    void chamferIsAReductionOfReductions() {
        holdsToItsMethod("ChamferLoss", "chamfer", 3, 4, 5);
    }

    @Test
    void cosineThroughARowHelper() {
        holdsToItsMethod("CosineDistanceLoss", "cosineDistance", 3, 4, 4);
    }

    @Test
    void booleanLocalsAndSpecialFunctions() {
        holdsToItsMethod("GatedLoss", "gated", 6, 1, 1);
        holdsToItsMethod("PoissonFullLoss", "poissonFull", 5, -1, -1);
        holdsToItsMethod("DecibelLoss", "decibel", 5, -1);
        holdsToItsMethod("GaussianLoss", "gaussian", 5, 1, 1);
    }

    @Test
    void aLabelBoundIsCheckedAtRunTime() {
        holdsToItsMethodWithLabels();
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.forwardTyped(loss("PrefixLoss"), x, Tensor.of(new double[] {2, 5}, 2)));
        assertThat(e).hasMessageThat().contains("PrefixLoss");
        assertThat(e).hasMessageThat().contains("batch position 1");
        assertThat(e).hasMessageThat().contains("x[i]");
    }

    private static void holdsToItsMethodWithLabels() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor k = Tensor.of(new double[] {2, 3}, 2);
        assertThat(Losses.forwardTyped(loss("PrefixLoss"), x, k).toArray()).usingExactEquality()
                .containsExactly(3.0, 15.0).inOrder();
    }
}
