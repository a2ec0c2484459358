package io.gradgen.processor.options;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.testing.CompilationMemo;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's loss gets {@code with<P>} copies for every {@code @Param} (double, int, boolean, row),
 * checked as the constructor is and keeping the reduction; an optional row
 * {@code @Param(v) double[] w} left out reads as {@code v} everywhere (any finite default, not only
 * 1), and given, is read element by element, with its length checked against the row it weighs.
 */
class OptionCopiesTest {
    private static final CompilationMemo COMPILED = new CompilationMemo();

    private static CompiledSources compiled() {
        return COMPILED.get("Options", () -> GradgenCompiler.compileCleanly(List.of(JavaFileObjects.forSourceLines(
                "options.OptionLosses",
                "package options;",
                "import io.gradgen.annotations.Loss;",
                "import io.gradgen.annotations.Param;",
                "final class OptionLosses {",
                "    @Loss static double tempered(double x, double y,",
                "            @Param(value = 1.0, min = 0, exclusiveMin = true) double temperature,",
                "            @Param(value = 2, oneOf = {1, 2}) int power, @Param boolean flip) {",
                "        double d = (x - y) / temperature;",
                "        return flip ? -Math.pow(d, power) : Math.pow(d, power);",
                "    }",
                "    @Loss static double scaledRows(double[] x, double[] y,",
                "            @Param(0.5) double[] w, @Param(value = 1.0, min = 0) double[] v) {",
                "        double s = 0.0;",
                "        for (int i = 0; i < x.length; i++) {",
                "            s += w[i] * (x[i] - y[i]) * (x[i] - y[i]) + v[i] * x[i];",
                "        }",
                "        return s;",
                "    }",
                "}"))));
    }

    private static LossFunction copy(LossFunction loss, String method, Class<?> type, Object value) {
        try {
            return (LossFunction) loss.getClass().getMethod(method, type).invoke(loss, value);
        } catch (InvocationTargetException e) {
            throw (RuntimeException) e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object get(LossFunction loss, String accessor) throws ReflectiveOperationException {
        return loss.getClass().getMethod(accessor).invoke(loss);
    }

    @Test
    void everyParamHasACopyThatKeepsTheRestAndTheReduction() throws ReflectiveOperationException {
        LossFunction base = Losses.withReduction(Losses.instantiate(compiled().load("options.TemperedLoss")),
                Reduction.SUM);
        LossFunction copied = copy(copy(copy(base, "withTemperature", double.class, 0.5), "withPower", int.class, 1),
                "withFlip", boolean.class, true);
        assertEquals(0.5, get(copied, "temperature"));
        assertEquals(1, get(copied, "power"));
        assertEquals(true, get(copied, "flip"));
        assertEquals(Reduction.SUM, get(copied, "reduction"));
        assertEquals(1.0, get(base, "temperature"), "the original is unchanged");
        Tensor x = Tensor.of(new double[] {1, 2}, 2);
        Tensor y = Tensor.of(new double[] {0, 0}, 2);
        assertEquals(-(2 + 4), copied.forward(x, y).item(), 1e-12); // −Σ (x/0.5)^1
    }

    @Test
    void aCopyIsCheckedAsTheConstructorIs() {
        LossFunction base = Losses.instantiate(compiled().load("options.TemperedLoss"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> copy(base, "withTemperature", double.class, 0.0));
        assertThat(e).hasMessageThat().isEqualTo("TemperedLoss: temperature must be > 0, got 0.0");
        e = assertThrows(IllegalArgumentException.class, () -> copy(base, "withPower", int.class, 3));
        assertThat(e).hasMessageThat().isEqualTo("TemperedLoss: power must be one of 1, 2, got 3");
    }

    @Test
    void aLeftOutRowReadsAsItsDefaultEverywhere() throws ReflectiveOperationException {
        LossFunction byDefault = Losses.instantiate(compiled().load("options.ScaledRowsLoss"));
        assertNull(get(byDefault, "w"));
        LossFunction explicit = copy(copy(byDefault, "withW", double[].class, new double[] {0.5, 0.5, 0.5}), "withV",
                double[].class, new double[] {1, 1, 1});
        Tensor x = Tensor.of(new double[] {1, -2, 3, 0.5, 0.25, -1}, 2, 3);
        Tensor y = Tensor.of(new double[] {0, 1, 1, 2, -1, 0}, 2, 3);
        for (Reduction r : List.of(Reduction.NONE, Reduction.MEAN)) {
            Tensor xa = x.detach().requiresGrad(true);
            Tensor xb = x.detach().requiresGrad(true);
            Tensor a = Losses.withReduction(byDefault, r).forward(xa, y);
            Tensor b = Losses.withReduction(explicit, r).forward(xb, y);
            assertArrayEquals(b.toArray(), a.toArray(), 1e-14);
            a.sum().backward();
            b.sum().backward();
            assertArrayEquals(xb.grad().toArray(), xa.grad().toArray(), 1e-14);
        }
        // only v given: w still reads as 0.5
        LossFunction half = copy(byDefault, "withV", double[].class, new double[] {2, 2, 2});
        double expected = 0;
        double[] xs = x.toArray();
        double[] ys = y.toArray();
        for (int i = 0; i < 6; i++) {
            expected += 0.5 * (xs[i] - ys[i]) * (xs[i] - ys[i]) + 2 * xs[i];
        }
        assertEquals(expected / 2, half.forward(x, y).item(), 1e-12);
        assertNull(get(copy(half, "withV", double[].class, null), "v"), "withV(null) leaves it out again");
    }

    @Test
    void aGivenRowIsCheckedForItsRangeAndItsLength() {
        LossFunction byDefault = Losses.instantiate(compiled().load("options.ScaledRowsLoss"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> copy(byDefault, "withV", double[].class, new double[] {1, -1}));
        assertThat(e).hasMessageThat().isEqualTo("ScaledRowsLoss: v[1] must be ≥ 0, got -1.0");
        LossFunction shortW = copy(byDefault, "withW", double[].class, new double[] {1, 1});
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 1, 3);
        e = assertThrows(IllegalArgumentException.class, () -> shortW.forward(x, x));
        assertThat(e).hasMessageThat().contains("w");
        assertThat(e).hasMessageThat().contains("2");
        assertThat(e).hasMessageThat().contains("3");
    }
}
