package io.gradgen.processor.reductions;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reduction chosen at run time ({@code withReduction}, PyTorch's {@code reduction=}),
 * {@code BATCH_MEAN}, a mean weighted by {@code Functions.weighted} with an ignored label that lies
 * outside the row, and {@code Functions.detach}.
 */
class ReductionSwitchTest {
    private static final CompiledSources COMPILED = GradgenCompiler.compileCleanly(List.of(
            JavaFileObjects.forSourceString("switching.Losses", String.join("\n",
                    "package switching;",
                    "",
                    "import io.gradgen.annotations.Loss;",
                    "import io.gradgen.annotations.Param;",
                    "import static io.gradgen.Functions.*;",
                    "",
                    "final class Losses {",
                    "    @Loss",
                    "    static double squared(double x, double y) { return sq(x - y); }",
                    "",
                    "    @Loss",
                    "    static double rowSquared(double[] x, double[] y) {",
                    "        double s = 0.0;",
                    "        for (int i = 0; i < x.length; i++) {",
                    "            s += sq(x[i] - y[i]);",
                    "        }",
                    "        return s;",
                    "    }",
                    "",
                    "    @Loss",
                    "    static double weightedNll(double[] logProbs, int target, @Param double[] weight,",
                    "            @Param(-100) int ignoreIndex) {",
                    "        if (target == ignoreIndex) {",
                    "            return weighted(0.0, 0.0);",
                    "        }",
                    "        double w = weight[target];",
                    "        return weighted(-w * logProbs[target], w);",
                    "    }",
                    "",
                    "    @Loss(reduction = io.gradgen.annotations.Reduction.SUM)",
                    "    static double flagged(double x, @Param boolean square, @Param(1) boolean shift) {",
                    "        double v = square ? x * x : x;",
                    "        return shift && !square ? v + 1.0 : v;",
                    "    }",
                    "",
                    "    @Loss",
                    "    static double clampedVariance(double x, double var, @Param(0.5) double eps) {",
                    "        double v = var + detach(Math.max(var, eps) - var);",
                    "        return 0.5 * (Math.log(v) + x * x / v);",
                    "    }",
                    "}",
                    ""))));

    private static final double[] X = {0.5, -1.0, 2.0, 0.25, 1.5, -0.5};
    private static final double[] Y = {1.0, 1.0, 1.0, -1.0, 0.0, 0.5};

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void everyReductionOfAnElementwiseLossAtRunTime(Reduction reduction) {
        LossFunction loss = Losses.withReduction(Losses.instantiate(COMPILED.load("switching.SquaredLoss")), reduction);
        Tensor x = Tensor.of(X, 2, 3).requiresGrad(true);
        Tensor y = Tensor.of(Y, 2, 3);
        Tensor out = loss.forward(x, y);
        double[] perPosition = new double[6];
        for (int i = 0; i < 6; i++) {
            perPosition[i] = (X[i] - Y[i]) * (X[i] - Y[i]);
        }
        double divisor = switch (reduction) {
            case MEAN -> 6;
            case BATCH_MEAN -> 2; // the first batch dimension
            default -> 1;
        };
        double[] upstream = {1, -2, 0.5, 3, 0, 1.5};
        if (reduction == Reduction.NONE) {
            assertThat(out.shape()).asList().containsExactly(2, 3).inOrder();
            assertThat(out.toArray()).usingTolerance(1e-15).containsExactly(perPosition).inOrder();
            out.backward(Tensor.of(upstream, 2, 3));
        } else {
            double sum = 0;
            for (double v : perPosition) {
                sum += v;
            }
            assertThat(out.shape()).isEmpty();
            assertThat(out.item()).isWithin(1e-15).of(sum / divisor);
            out.backward();
        }
        double[] grad = x.grad().toArray();
        for (int i = 0; i < 6; i++) {
            double scale = reduction == Reduction.NONE ? upstream[i] : 1.0 / divisor;
            assertThat(grad[i]).isWithin(1e-15).of(scale * 2 * (X[i] - Y[i]));
        }
    }

    @Test
    void batchMeanOfARowLossDividesByTheFirstBatchDimension() {
        LossFunction loss = Losses.withReduction(Losses.instantiate(COMPILED.load("switching.RowSquaredLoss")),
                Reduction.BATCH_MEAN);
        // batch shape [2, 1], rows of 3: the sum over everything divided by 2
        Tensor x = Tensor.of(X, 2, 1, 3).requiresGrad(true);
        Tensor out = loss.forward(x, Tensor.of(Y, 2, 1, 3));
        double sum = 0;
        for (int i = 0; i < 6; i++) {
            sum += (X[i] - Y[i]) * (X[i] - Y[i]);
        }
        assertThat(out.item()).isWithin(1e-15).of(sum / 2);
        out.backward();
        assertThat(x.grad().toArray()[4]).isWithin(1e-15).of(2 * (X[4] - Y[4]) / 2);
    }

    @Test
    void withReductionKeepsTheConstantsAndTheDefaultIsTheAnnotations() throws Exception {
        Class<?> type = COMPILED.load("switching.WeightedNllLoss");
        LossFunction loss = Losses.instantiate(type, (Object) new double[] {1, 2, 3}, 1);
        assertThat(type.getMethod("reduction").invoke(loss)).isEqualTo(Reduction.MEAN);
        LossFunction summed = Losses.withReduction(loss, Reduction.SUM);
        assertThat(type.getMethod("reduction").invoke(summed)).isEqualTo(Reduction.SUM);
        assertThat((double[]) type.getMethod("weight").invoke(summed)).isEqualTo(new double[] {1, 2, 3});
        assertThat(type.getMethod("ignoreIndex").invoke(summed)).isEqualTo(1);
        assertThat(summed.toString()).isEqualTo("WeightedNllLoss(weight=[1.0, 2.0, 3.0], ignoreIndex=1, reduction=SUM)");
        assertThat(loss.toString()).isEqualTo("WeightedNllLoss(weight=[1.0, 2.0, 3.0], ignoreIndex=1)");
        assertThrows(NullPointerException.class, () -> Losses.withReduction(loss, null));
    }

    @Test
    void weightedMeanDividesByTheWeightsOfTheLabelsThatCountAndIgnoresOutOfRangeIgnoredLabels() {
        Class<?> type = COMPILED.load("switching.WeightedNllLoss");
        double[] weight = {0.5, 2.0, 1.5};
        LossFunction loss = Losses.instantiate(type, (Object) weight, -100);
        double[] logProbs = {-0.1, -2.0, -3.0, -1.0, -0.5, -2.5, -0.7, -0.9, -1.1};
        double[] targets = {2, -100, 0}; // the ignored label lies outside the row, as PyTorch allows
        Tensor input = Tensor.of(logProbs, 3, 3).requiresGrad(true);
        Tensor out = loss.forward(input, Tensor.of(targets, 3));
        double numerator = 1.5 * 3.0 + 0.5 * 0.7;
        double denominator = 1.5 + 0.5;
        assertThat(out.item()).isWithin(1e-15).of(numerator / denominator);
        out.backward();
        double[] expected = new double[9];
        expected[2] = -1.5 / denominator;
        expected[6] = -0.5 / denominator;
        assertThat(input.grad().toArray()).usingTolerance(1e-15).containsExactly(expected).inOrder();

        Tensor none = Losses.withReduction(loss, Reduction.NONE).forward(input.detach(), Tensor.of(targets, 3));
        assertThat(none.toArray()).usingTolerance(1e-15).containsExactly(4.5, 0.0, 0.35).inOrder();
    }

    @Test
    void aLabelOutOfRangeThatIsNotIgnoredIsStillAnError() {
        LossFunction loss = Losses.instantiate(COMPILED.load("switching.WeightedNllLoss"),
                (Object) new double[] {1, 1, 1}, -100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.forward(Tensor.of(new double[6], 2, 3), Tensor.of(new double[] {0, 3}, 2)));
        assertThat(e).hasMessageThat().contains("batch position 1");
        assertThat(e).hasMessageThat().contains("3.0");
    }

    @Test
    void detachKeepsTheClampedValueButPassesTheGradientStraightThrough() {
        LossFunction loss = Losses.instantiate(COMPILED.load("switching.ClampedVarianceLoss"));
        Tensor x = Tensor.of(new double[] {1.0, 2.0}, 2);
        Tensor var = Tensor.of(new double[] {0.25, 2.0}, 2).requiresGrad(true); // 0.25 is clamped to 0.5
        Tensor out = Losses.withReduction(loss, Reduction.SUM).forward(x, var);
        double expected = 0.5 * (Math.log(0.5) + 1.0 / 0.5) + 0.5 * (Math.log(2.0) + 4.0 / 2.0);
        assertThat(out.item()).isWithin(1e-15).of(expected);
        out.backward();
        // d/dvar of 0.5·(log v + x²/v) evaluated at the clamped v, as if the clamp were the identity
        assertThat(var.grad().toArray()).usingTolerance(1e-15)
                .containsExactly(0.5 * (1 / 0.5 - 1.0 / 0.25), 0.5 * (1 / 2.0 - 4.0 / 4.0)).inOrder();
    }

    @Test
    void booleanFlagsDefaultToFalseUnlessWrittenOneAndSelectTheBranch() throws Exception {
        Class<?> type = COMPILED.load("switching.FlaggedLoss");
        LossFunction defaults = Losses.instantiate(type);
        assertThat(type.getMethod("square").invoke(defaults)).isEqualTo(false);
        assertThat(type.getMethod("shift").invoke(defaults)).isEqualTo(true);
        Tensor x = Tensor.of(new double[] {2.0, -3.0}, 2).requiresGrad(true);
        assertThat(defaults.forward(x).item()).isEqualTo(2.0 + 1 + -3.0 + 1);
        LossFunction squared = Losses.instantiate(type, true, true);
        Tensor out = squared.forward(x);
        assertThat(out.item()).isEqualTo(4.0 + 9.0);
        out.backward();
        assertThat(x.grad().toArray()).usingTolerance(0.0).containsExactly(4.0, -6.0).inOrder();
        assertThat(squared.toString()).isEqualTo("FlaggedLoss(square=true, shift=true)");
    }
}
