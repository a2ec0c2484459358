package io.gradgen.processor.options;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code @Param double} at whose default the loss does less work per position (here a select and an
 * {@code exp} fold away) gets kernels derived with the default folded in, which the public class runs
 * exactly when the number is at its default; a number whose default saves nothing (Huber's
 * {@code delta}) gets none. Both kernels compute the user's formula: at {@code -0.0}, which the
 * dispatch tells from the default {@code 0.0} but the formula does not, they agree bit for bit.
 */
class DefaultNumberSpecialisationTest {
    private static CompiledSources compiled;

    @BeforeAll
    static void compile() {
        compiled = GradgenCompiler.compileCleanly(List.of(JavaFileObjects.forSourceLines(
                "spec.SpecLosses",
                "package spec;",
                "import io.gradgen.annotations.Loss;",
                "import io.gradgen.annotations.Param;",
                "final class SpecLosses {",
                "    @Loss static double penalised(double pred, double target, @Param(0.0) double lambda) {",
                "        double d = pred - target;",
                "        return d * d + (lambda == 0 ? 0.0 : lambda * Math.exp(-d * d));",
                "    }",
                "    @Loss static double huber(double pred, double target, @Param(1.0) double delta) {",
                "        double d = Math.abs(pred - target);",
                "        return d < delta ? 0.5 * d * d : delta * (d - 0.5 * delta);",
                "    }",
                "}")));
    }

    private static LossFunction loss(String name, Object... constants) throws ReflectiveOperationException {
        Class<?> type = compiled.load("spec." + name);
        if (constants.length == 0) {
            return (LossFunction) type.getConstructor().newInstance();
        }
        return (LossFunction) type.getConstructor(double.class).newInstance(constants);
    }

    /** The value, then the gradient of each input. */
    private static double[][] run(LossFunction loss) {
        Tensor pred = Tensor.of(new double[] {0.5, -1.25, 2.0, 0.0, 3.5, -0.75}, 6).requiresGrad(true);
        Tensor target = Tensor.of(new double[] {0.25, 1.0, 2.0, -0.5, 1.5, -0.7}, 6).requiresGrad(true);
        Tensor out = loss.forward(pred, target);
        out.backward();
        return new double[][] {{out.item()}, pred.grad().toArray(), target.grad().toArray()};
    }

    @Test
    void aNumberWhoseDefaultSavesWorkGetsItsOwnKernels() throws ClassNotFoundException {
        List<String> nested = Arrays.stream(compiled.load("spec.PenalisedLoss").getDeclaredClasses())
                .map(Class::getSimpleName).sorted().toList();
        assertEquals(List.of("DefaultLambda", "DefaultLambdaBackward"), nested);
        assertEquals(0, compiled.load("spec.HuberLoss").getDeclaredClasses().length,
                "Huber's delta folded in computes the same min: no second set of kernels");
    }

    @Test
    void bothKernelsComputeTheUsersFormula() throws ReflectiveOperationException {
        double[][] atDefault = run(loss("PenalisedLoss"));
        double[][] general = run(loss("PenalisedLoss", -0.0));
        for (int k = 0; k < atDefault.length; k++) {
            assertArrayEquals(general[k], atDefault[k], 0.0, "output " + k);
        }
        double[][] penalised = run(loss("PenalisedLoss", 0.5));
        assertNotEquals(atDefault[0][0], penalised[0][0], "the general kernels read lambda");
        assertTrue(penalised[0][0] > atDefault[0][0]);
    }

    @Test
    void copiesSwitchBetweenTheKernels() throws ReflectiveOperationException {
        LossFunction byDefault = loss("PenalisedLoss");
        LossFunction changed = (LossFunction) byDefault.getClass().getMethod("withLambda", double.class)
                .invoke(byDefault, 0.5);
        LossFunction back = (LossFunction) changed.getClass().getMethod("withLambda", double.class)
                .invoke(changed, 0.0);
        assertArrayEquals(run(loss("PenalisedLoss", 0.5))[0], run(changed)[0], 0.0);
        assertArrayEquals(run(byDefault)[1], run(back)[1], 0.0);
    }
}
