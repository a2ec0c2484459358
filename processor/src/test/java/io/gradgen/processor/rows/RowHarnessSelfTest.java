package io.gradgen.processor.rows;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.Tensor;
import io.gradgen.processor.rows.RowSamples.Batch;
import io.gradgen.processor.rows.RowSamples.Shape;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.Losses;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The row harness itself, without the processor: for losses the runtime can express with its own
 * ops, the batch layout (rows as the last dimension, labels of the batch shape), the per-position
 * plain values and the central differences agree with the runtime's autograd. So a failure of
 * {@link RowLossFunctionalTest} is not the harness misplacing a row.
 */
class RowHarnessSelfTest {

    private static final List<Shape> SHAPES = List.of(new Shape(), new Shape(4), new Shape(2, 3));

    @Test
    void crossEntropyThroughRuntimeOps() {
        check("crossEntropy", in -> in[0].logSoftmax(-1).gatherLast(in[1]).neg());
    }

    @Test
    void softTargetCrossEntropyThroughRuntimeOps() {
        check("softTargetCrossEntropy", in -> in[0].logSoftmax(-1).mul(in[1]).sum(-1, false).neg());
    }

    @Test
    void diceThroughRuntimeOps() {
        check("dice", in -> {
            Tensor intersection = in[0].mul(in[1]).sum(-1, false);
            Tensor total = in[0].add(in[1]).sum(-1, false);
            return intersection.mul(2.0).add(0.5).div(total.add(0.5)).neg().add(1.0);
        });
    }

    @Test
    void pairwiseKernelRowsOfDifferentLengthsThroughRuntimeOps() {
        check("pairwiseKernel", in -> {
            int[] shape = in[0].shape();
            int batchDims = shape.length - 1;
            int[] aShape = java.util.Arrays.copyOf(shape, shape.length + 1);
            aShape[shape.length] = 1;
            int[] bShape = in[1].shape();
            int[] bExpanded = new int[bShape.length + 1];
            System.arraycopy(bShape, 0, bExpanded, 0, batchDims);
            bExpanded[batchDims] = 1;
            bExpanded[batchDims + 1] = bShape[batchDims];
            Tensor d = in[0].reshape(aShape).sub(in[1].reshape(bExpanded));
            Tensor k = d.mul(d).div(2.0).neg().exp();
            return k.sum(-1, false).sum(-1, false).div(4.0 * 6.0).log().neg();
        });
    }

    /** Per-position values of {@code formula} against the plain method, and its gradients against central differences. */
    private static void check(String method, Function<Tensor[], Tensor> formula) {
        RowLossCase lossCase = RowCorpus.byMethod(method);
        CompiledSources compiled = RowCorpusCompilations.withoutProcessor(lossCase);
        Method plain = Losses.plainMethod(compiled.load(lossCase.sourceClassName()), method);
        for (Shape shape : SHAPES) {
            Batch batch = RowSamples.draw(lossCase, shape);
            double[] expected = RowSamples.plainValues(plain, batch);
            Tensor[] inputs = batch.tensorsRequiringGrad();
            Tensor perPosition = formula.apply(inputs);
            assertWithMessage("%s on %s: per-position shape", method, shape).that(perPosition.shape()).isEqualTo(shape.dims());
            double[] got = perPosition.toArray();
            for (int i = 0; i < expected.length; i++) {
                assertWithMessage("%s %s", method, batch.describe(i)).that(RowSamples.close(got[i], expected[i], 1e-12))
                        .isTrue();
            }
            double[] upstream = RowSamples.upstream(lossCase, shape);
            perPosition.backward(Tensor.of(upstream, shape.dims()));
            for (int j : lossCase.differentiableInputs()) {
                double[] g = inputs[j].grad().toArray();
                int width = lossCase.inputs().get(j).width();
                assertThat(g).hasLength(shape.numel() * width);
                for (int i = 0; i < shape.numel(); i++) {
                    for (int c = 0; c < width; c++) {
                        double numeric = RowSamples.centralDifference(plain, batch, i, j, c);
                        assertWithMessage("%s d/d%s[%s] %s", method, lossCase.inputs().get(j).name(), c, batch.describe(i))
                                .that(RowSamples.close(g[i * width + c] / upstream[i], numeric, 1e-6)).isTrue();
                    }
                }
            }
        }
    }
}
