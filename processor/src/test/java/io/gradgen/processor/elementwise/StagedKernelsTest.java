package io.gradgen.processor.elementwise;

import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.kernels.VectorMath;
import io.gradgen.processor.elementwise.Samples.Batch;
import io.gradgen.processor.elementwise.Samples.Shape;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.Losses;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two kernels of every generated element-wise loss against each other: the plain scalar one
 * and the staged one, which runs the transcendental calls as {@code VectorMath} passes over blocks
 * of positions. With VectorMath's scalar path (this JVM has no Vector API module) both compute the
 * same IEEE operations in the same order, so they must agree to the bit, for values and gradients,
 * over several blocks and a partial last one. (VectorMath's own Vector API path is checked against
 * {@code java.lang.Math} to a few ulps in the runtime's tests.)
 */
class StagedKernelsTest {
    private static final Shape SHAPE = new Shape(3, 701); // 2103 positions: four full blocks and a partial one

    static Stream<LossCase> cases() {
        return ElementwiseCorpus.CASES.stream();
    }

    @AfterEach
    void clearTheSwitch() {
        System.clearProperty("gradgen.kernels");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stagedAndScalarKernelsAgreeToTheBit(LossCase lossCase) {
        assertWithMessage("this test needs VectorMath's scalar path").that(VectorMath.isVectorized()).isFalse();
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        Batch batch = Samples.draw(lossCase, SHAPE);
        double[] upstream = Samples.upstream(lossCase, SHAPE);
        for (Reduction reduction : new Reduction[] {Reduction.SUM, Reduction.NONE}) {
            double[][] scalar = run(compiled, lossCase, batch, reduction, upstream, "scalar");
            double[][] staged = run(compiled, lossCase, batch, reduction, upstream, "staged");
            for (int k = 0; k < scalar.length; k++) {
                assertWithMessage("%s %s, %s", lossCase, reduction, k == 0 ? "value" : "gradient of input " + (k - 1))
                        .that(bits(staged[k])).isEqualTo(bits(scalar[k]));
            }
        }
    }

    /** The value, then each input's gradient, with the kernels chosen by {@code -Dgradgen.kernels}. */
    private static double[][] run(CompiledSources compiled, LossCase lossCase, Batch batch, Reduction reduction,
            double[] upstream, String kernels) {
        System.setProperty("gradgen.kernels", kernels);
        LossFunction loss = Losses.withReduction(ElementwiseLossFunctionalTest.newLoss(compiled, lossCase), reduction);
        Tensor[] inputs = batch.tensorsAllRequiringGrad();
        Tensor out = loss.forward(inputs);
        if (reduction == Reduction.NONE) {
            out.backward(Tensor.of(upstream, SHAPE.dims()));
        } else {
            out.backward();
        }
        double[][] result = new double[inputs.length + 1][];
        result[0] = out.toArray();
        for (int j = 0; j < inputs.length; j++) {
            result[j + 1] = inputs[j].grad() == null ? new double[0] : inputs[j].grad().toArray();
        }
        return result;
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
