package io.gradgen.processor.rows;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A row maximum passes its gradient to the arg-max element, and splits it evenly between tied
 * maxima, as PyTorch's {@code amax} does: whether written as {@code Functions.max}, as a
 * {@code Math.max} accumulation loop, or (for the minimum) as a {@code Math.min} one.
 */
class RowMaxTieTest {
    private static final CompiledSources COMPILED = GradgenCompiler.compileCleanly(List.of(
            JavaFileObjects.forSourceString("ties.Maxima", String.join("\n",
                    "package ties;",
                    "",
                    "import io.gradgen.annotations.Loss;",
                    "import io.gradgen.annotations.Reduction;",
                    "import static io.gradgen.Functions.*;",
                    "",
                    "final class Maxima {",
                    "    @Loss(reduction = Reduction.SUM)",
                    "    static double libraryMax(double[] x) { return max(x); }",
                    "",
                    "    @Loss(reduction = Reduction.SUM)",
                    "    static double loopMax(double[] x) {",
                    "        double m = Double.NEGATIVE_INFINITY;",
                    "        for (int i = 0; i < x.length; i++) {",
                    "            m = Math.max(m, x[i]);",
                    "        }",
                    "        return m;",
                    "    }",
                    "",
                    "    @Loss(reduction = Reduction.SUM)",
                    "    static double loopNegatedMin(double[] x) {",
                    "        double m = Double.POSITIVE_INFINITY;",
                    "        for (int i = 0; i < x.length; i++) {",
                    "            m = Math.min(m, -x[i]);",
                    "        }",
                    "        return -m;",
                    "    }",
                    "}",
                    ""))));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"LibraryMaxLoss", "LoopMaxLoss", "LoopNegatedMinLoss"})
    void theGradientGoesToTheArgMaxAndTiesSplitEvenly(String lossName) {
        LossFunction loss = Losses.instantiate(COMPILED.load("ties." + lossName));
        Tensor x = Tensor.of(new double[] {1, 3, 3, 2, /* second row: one maximum */ 5, 1, 0, 4}, 2, 4)
                .requiresGrad(true);

        Tensor value = loss.forward(x);
        value.backward();

        assertThat(value.item()).isEqualTo(8.0);
        assertThat(x.grad().toArray()).usingTolerance(0.0) // -0.0 counts as 0
                .containsExactly(0.0, 0.5, 0.5, 0.0, 1.0, 0.0, 0.0, 0.0).inOrder();
    }
}
