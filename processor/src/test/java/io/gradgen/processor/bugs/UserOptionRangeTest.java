package io.gradgen.processor.bugs;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.processor.testing.CompilationMemo;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 3, for a user's own loss: {@code @Param(min, max, exclusiveMin, exclusiveMax,
 * oneOf)} makes the generated constructor refuse values outside the range, naming the loss, the
 * constant, the rule and the value; a {@code double[]} constant is checked element by element.
 */
class UserOptionRangeTest {
    private static final CompilationMemo COMPILED = new CompilationMemo();

    private static CompiledSources compiled() {
        return COMPILED.get("Ranges", () -> GradgenCompiler.compileCleanly(List.of(JavaFileObjects.forSourceLines(
                "ranges.RangedLosses",
                "package ranges;",
                "import io.gradgen.annotations.Loss;",
                "import io.gradgen.annotations.Param;",
                "final class RangedLosses {",
                "    @Loss static double tempered(double x, double y,",
                "            @Param(value = 1.0, min = 0, exclusiveMin = true) double temperature,",
                "            @Param(value = 0.5, min = 0, max = 1, exclusiveMax = true) double mix,",
                "            @Param(value = 2, oneOf = {1, 2, 4}) int power) {",
                "        return mix * Math.pow((x - y) / temperature, power);",
                "    }",
                "    @Loss static double weightedSquare(double x, @Param(min = 0) double[] w) {",
                "        return w[0] * x * x;",
                "    }",
                "}"))));
    }

    private static Class<?> tempered() {
        return compiled().load("ranges.TemperedLoss");
    }

    @Test
    void valuesInsideTheRangeConstruct() {
        Losses.instantiate(tempered(), 0.5, 0.0, 4);
        Losses.instantiate(tempered());
    }

    @Test
    void anExclusiveLowerBoundRejectsTheBoundItself() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.instantiate(tempered(), 0.0, 0.5, 2));
        assertThat(e).hasMessageThat().isEqualTo("TemperedLoss: temperature must be > 0, got 0.0");
    }

    @Test
    void anExclusiveUpperBoundAndNaN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.instantiate(tempered(), 1.0, 1.0, 2));
        assertThat(e).hasMessageThat().isEqualTo("TemperedLoss: mix must be in [0, 1), got 1.0");
        assertThrows(IllegalArgumentException.class, () -> Losses.instantiate(tempered(), 1.0, Double.NaN, 2));
    }

    @Test
    void oneOfRejectsEverythingElse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.instantiate(tempered(), 1.0, 0.5, 3));
        assertThat(e).hasMessageThat().isEqualTo("TemperedLoss: power must be one of 1, 2, 4, got 3");
    }

    @Test
    void aRowConstantIsCheckedElementByElement() {
        Class<?> loss = compiled().load("ranges.WeightedSquareLoss");
        Losses.instantiate(loss, (Object) new double[] {0, 1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.instantiate(loss, (Object) new double[] {1, -2}));
        assertThat(e).hasMessageThat().isEqualTo("WeightedSquareLoss: w[1] must be ≥ 0, got -2.0");
    }
}
