package io.gradgen.processor.bugs;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.autograd.NoGrad;
import io.gradgen.processor.testing.CompilationMemo;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 2: a generated backward reads its inputs again when it runs (under
 * {@code Reduction.NONE}, on a second {@code backward()}, whenever the forward did not compute the
 * gradients in its own pass). An input changed in place after the forward (an optimizer step on the
 * prediction, a target refilled for the next batch) must fail as PyTorch fails, naming the loss, the
 * input and both versions, and never yield the gradient of the new values. Every path gives the
 * forward's gradient or that error. Real generated classes, compiled here.
 */
class InPlaceAfterForwardTest {
    private static final CompilationMemo COMPILED = new CompilationMemo();

    private static CompiledSources compiled() {
        return COMPILED.get("InPlace", () -> GradgenCompiler.compileCleanly(List.of(JavaFileObjects.forSourceLines(
                "bugs.InPlaceLosses",
                "package bugs;",
                "import io.gradgen.annotations.Loss;",
                "import io.gradgen.Functions;",
                "final class InPlaceLosses {",
                "    @Loss static double squared(double pred, double target) {",
                "        return (pred - target) * (pred - target);",
                "    }",
                "    @Loss static double crossEntropy(double[] logits, int target) {",
                "        return Functions.logSumExp(logits) - logits[target];",
                "    }",
                "}"))));
    }

    private static LossFunction loss(String name, Reduction reduction) {
        LossFunction loss = Losses.instantiate(compiled().load("bugs." + name));
        try {
            return (LossFunction) loss.getClass().getMethod("withReduction", Reduction.class).invoke(loss, reduction);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void targetChangedInPlaceBeforeANoneBackwardFails() {
        Tensor pred = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor target = Tensor.of(new double[] {0, 0, 0}, 3);
        Tensor out = loss("SquaredLoss", Reduction.NONE).forward(pred, target);
        target.fillInPlace(5);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> out.backward(Tensor.ones(3)));
        assertThat(e).hasMessageThat().contains("SquaredLoss");
        assertThat(e).hasMessageThat().contains("target");
        assertThat(e).hasMessageThat().contains("version 0");
        assertThat(e).hasMessageThat().contains("version 1");
        assertThat(pred.grad()).isNull();
    }

    @Test
    void predictionUpdatedUnderNoGradBeforeAMeanBackwardGivesTheForwardsGradientOrFails() {
        Tensor pred = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor target = Tensor.of(new double[] {0, 0, 0}, 3);
        Tensor out = loss("SquaredLoss", Reduction.MEAN).forward(pred, target);
        NoGrad.run(() -> pred.mulInPlace(10));
        try {
            out.backward();
            // the fused pass computed the gradient in the forward: it must be that one, 2·(x − y)/3
            assertThat(pred.grad().toArray()).usingTolerance(1e-12).containsExactly(2.0 / 3, 4.0 / 3, 2.0).inOrder();
        } catch (IllegalStateException e) {
            assertThat(e).hasMessageThat().contains("pred");
        }
    }

    @Test
    void upstreamOtherThanOneRecomputesAndSoMustCheck() {
        Tensor pred = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor target = Tensor.of(new double[] {0, 0, 0}, 3);
        Tensor out = loss("SquaredLoss", Reduction.SUM).forward(pred, target);
        target.fillInPlace(1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> out.backward(Tensor.scalar(2.0)));
        assertThat(e).hasMessageThat().contains("target");
    }

    @Test
    void secondBackwardOverAKeptGraphChecksAgain() {
        Tensor logits = Tensor.of(new double[] {1, 2, 3, 0, 1, 0}, 2, 3).requiresGrad(true);
        Tensor target = Tensor.of(new double[] {2, 0}, 2);
        Tensor out = loss("CrossEntropyLoss", Reduction.MEAN).forward(logits, target);
        out.backward();
        double[] first = logits.grad().toArray();
        logits.clearGrad();
        target.fillInPlace(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, out::backward);
        assertThat(e).hasMessageThat().contains("CrossEntropyLoss");
        assertThat(e).hasMessageThat().contains("target");
        assertThat(first).hasLength(6);
    }

    @Test
    void unchangedInputsBackwardAsBefore() {
        Tensor pred = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor target = Tensor.of(new double[] {0, 0, 0}, 3);
        Tensor out = loss("SquaredLoss", Reduction.NONE).forward(pred, target);
        out.backward(Tensor.ones(3));
        assertThat(pred.grad().toArray()).usingTolerance(1e-12).containsExactly(2.0, 4.0, 6.0).inOrder();
    }
}
