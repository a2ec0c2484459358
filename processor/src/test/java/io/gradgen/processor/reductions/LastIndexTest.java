package io.gradgen.processor.reductions;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @LastIndex}: a {@code @Param double[]} broadcast over the last dimension of an
 * element-wise loss, as PyTorch's {@code BCELoss(weight)}; also inside a row loss, where the last
 * batch dimension is the one before the row.
 */
class LastIndexTest {
    private static final CompiledSources COMPILED = GradgenCompiler.compileCleanly(List.of(
            JavaFileObjects.forSourceString("broadcast.Losses", String.join("\n",
                    "package broadcast;",
                    "",
                    "import io.gradgen.annotations.LastIndex;",
                    "import io.gradgen.annotations.Loss;",
                    "import io.gradgen.annotations.Param;",
                    "import io.gradgen.annotations.Reduction;",
                    "import static io.gradgen.Functions.*;",
                    "",
                    "final class Losses {",
                    "    @Loss(reduction = Reduction.SUM)",
                    "    static double weighted(double x, double y, @Param double[] weight, @LastIndex int c) {",
                    "        return weight[c] * sq(x - y);",
                    "    }",
                    "",
                    "    @Loss(reduction = Reduction.NONE)",
                    "    static double perColumn(double[] row, @Param double[] scale, @LastIndex int column) {",
                    "        return scale[column] * sum(row);",
                    "    }",
                    "}",
                    ""))));

    @Test
    void theWeightBroadcastsOverTheLastDimension() {
        double[] weight = {1.0, 2.0, 3.0};
        LossFunction loss = Losses.instantiate(COMPILED.load("broadcast.WeightedLoss"), (Object) weight);
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {0, 0, 0, 1, 1, 1};
        Tensor input = Tensor.of(x, 2, 3).requiresGrad(true);
        Tensor out = loss.forward(input, Tensor.of(y, 2, 3));
        double expected = 0;
        double[] grad = new double[6];
        for (int i = 0; i < 6; i++) {
            expected += weight[i % 3] * (x[i] - y[i]) * (x[i] - y[i]);
            grad[i] = 2 * weight[i % 3] * (x[i] - y[i]);
        }
        assertThat(out.item()).isEqualTo(expected);
        out.backward();
        assertThat(input.grad().toArray()).usingTolerance(0.0).containsExactly(grad).inOrder();
    }

    @Test
    void aWeightOfAnotherLengthThanTheLastDimensionIsAnErrorBeforeAnyWork() {
        LossFunction loss = Losses.instantiate(COMPILED.load("broadcast.WeightedLoss"), (Object) new double[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.forward(Tensor.of(new double[6], 2, 3), Tensor.of(new double[6], 2, 3)));
        assertThat(e).hasMessageThat().contains("weight has length 2");
        assertThat(e).hasMessageThat().contains("last dimension is 3");
    }

    @Test
    void inARowLossItIndexesTheLastBatchDimension() {
        LossFunction loss = Losses.instantiate(COMPILED.load("broadcast.PerColumnLoss"), (Object) new double[] {10, 100});
        // batch shape [3, 2], rows of 2
        double[] rows = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        Tensor input = Tensor.of(rows, 3, 2, 2).requiresGrad(true);
        Tensor out = loss.forward(input);
        assertThat(out.shape()).asList().containsExactly(3, 2).inOrder();
        assertThat(out.toArray()).usingTolerance(0.0)
                .containsExactly(30.0, 700.0, 110.0, 1500.0, 190.0, 2300.0).inOrder();
        out.backward(Tensor.ones(3, 2));
        assertThat(input.grad().toArray()).usingTolerance(0.0)
                .containsExactly(10.0, 10.0, 100.0, 100.0, 10.0, 10.0, 100.0, 100.0, 10.0, 10.0, 100.0, 100.0)
                .inOrder();
    }
}
