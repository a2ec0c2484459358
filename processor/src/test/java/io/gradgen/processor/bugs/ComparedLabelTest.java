package io.gradgen.processor.bugs;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.processor.testing.CompilationMemo;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 4: an {@code int} label that is only compared with a loop's index
 * ({@code s += (i == target) ? -x[i] : 0.0}) was never range-checked, so label 7 on rows of 3 gave
 * loss 0 without a word. The row the index runs over gives the range: {@code [0, length)} for
 * {@code ==} and {@code !=} (the label names an element), {@code [0, length]} for an ordering
 * ({@code i < k}: the label counts elements). A label compared only with constants is checked to be
 * integral.
 */
class ComparedLabelTest {
    private static final CompilationMemo COMPILED = new CompilationMemo();

    private static CompiledSources compiled() {
        return COMPILED.get("Compared", () -> GradgenCompiler.compileCleanly(List.of(JavaFileObjects.forSourceLines(
                "compared.ComparedLosses",
                "package compared;",
                "import io.gradgen.annotations.Loss;",
                "import io.gradgen.annotations.Param;",
                "final class ComparedLosses {",
                "    @Loss static double picked(double[] x, int target) {",
                "        double s = 0.0;",
                "        for (int i = 0; i < x.length; i++) {",
                "            s += (i == target) ? -x[i] : 0.0;",
                "        }",
                "        return s;",
                "    }",
                "    @Loss static double others(double[] x, int target) {",
                "        double s = 0.0;",
                "        for (int i = 0; i < x.length; i++) {",
                "            if (target != i) {",
                "                s += x[i] * x[i];",
                "            }",
                "        }",
                "        return s;",
                "    }",
                "    @Loss static double prefix(double[] x, int count) {",
                "        double s = 0.0;",
                "        for (int i = 0; i < x.length; i++) {",
                "            if (i < count) {",
                "                s += x[i];",
                "            }",
                "        }",
                "        return s;",
                "    }",
                "    @Loss static double ignoring(double[] x, int target, @Param(-100) int ignore) {",
                "        if (target == ignore) {",
                "            return 0.0;",
                "        }",
                "        double s = 0.0;",
                "        for (int i = 0; i < x.length; i++) {",
                "            s += (i == target) ? -x[i] : 0.0;",
                "        }",
                "        return s;",
                "    }",
                "    @Loss static double signed(double x, int y) {",
                "        return y == 1 ? x : -x;",
                "    }",
                "}"))));
    }

    private static LossFunction loss(String name) {
        return Losses.instantiate(compiled().load("compared." + name));
    }

    private static final Tensor ROWS = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);

    @Test
    void aLabelComparedWithTheIndexMustNameAnElement() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss("PickedLoss").forward(ROWS, Tensor.of(new double[] {0, 7}, 2)));
        assertThat(e).hasMessageThat().contains("target at batch position 1");
        assertThat(e).hasMessageThat().contains("7");
        assertThrows(IllegalArgumentException.class,
                () -> loss("OthersLoss").forward(ROWS, Tensor.of(new double[] {3, 0}, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> loss("PickedLoss").forward(ROWS, Tensor.of(new double[] {-1, 0}, 2)));
    }

    @Test
    void inRangeLabelsWorkAsBefore() {
        Tensor out = loss("PickedLoss").forward(ROWS, Tensor.of(new double[] {2, 0}, 2));
        assertThat(out.item()).isEqualTo((-3.0 - 4.0) / 2);
    }

    @Test
    void aLabelInAnOrderingCountsElements() {
        Tensor all = loss("PrefixLoss").forward(ROWS, Tensor.of(new double[] {3, 0}, 2));
        assertThat(all.item()).isEqualTo(3.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss("PrefixLoss").forward(ROWS, Tensor.of(new double[] {4, 0}, 2)));
        assertThat(e).hasMessageThat().contains("count at batch position 0");
    }

    @Test
    void anIgnoredLabelMayLieOutsideTheRow() {
        Tensor out = loss("IgnoringLoss").forward(ROWS, Tensor.of(new double[] {-100, 1}, 2));
        assertThat(out.item()).isEqualTo(-5.0 / 2);
        assertThrows(IllegalArgumentException.class,
                () -> loss("IgnoringLoss").forward(ROWS, Tensor.of(new double[] {-99, 1}, 2)));
    }

    @Test
    void aLabelComparedWithAConstantIsCheckedToBeIntegral() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2);
        assertThat(loss("SignedLoss").forward(x, Tensor.of(new double[] {1, -1}, 2)).item()).isEqualTo(-0.5);
        assertThrows(IllegalArgumentException.class,
                () -> loss("SignedLoss").forward(x, Tensor.of(new double[] {1, 0.5}, 2)));
    }
}
