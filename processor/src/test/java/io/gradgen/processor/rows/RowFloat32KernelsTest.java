package io.gradgen.processor.rows;

import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.DType;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.rows.RowSamples.Batch;
import io.gradgen.processor.rows.RowSamples.Shape;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.Losses;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row loss of the corpus, reduced, on FLOAT32 rows and element inputs (labels FLOAT32 too): its float
 * kernels, which widen blocks of rows and read element inputs as floats, give bit for bit what its
 * double kernels give on the inputs widened whole ({@code -Dgradgen.float32=false}), over enough
 * positions for many rows to a block, with FLOAT32 results and gradients.
 */
class RowFloat32KernelsTest {
    /** 1,200 positions: several blocks for every row length of the corpus. */
    private static final Shape SHAPE = new Shape(40, 30);

    static Stream<RowLossCase> cases() {
        return RowCorpus.CASES.stream();
    }

    @AfterEach
    void clearTheSwitch() {
        System.clearProperty("gradgen.float32");
    }

    /** The value, then each input's gradient (empty where it has none). */
    private static double[][] run(LossFunction loss, Batch batch) {
        Tensor[] doubles = batch.tensorsRequiringGrad();
        Tensor[] floats = new Tensor[doubles.length];
        for (int j = 0; j < doubles.length; j++) {
            floats[j] = doubles[j].to(DType.FLOAT32).requiresGrad(doubles[j].requiresGrad());
        }
        Tensor value = loss.forward(floats);
        assertWithMessage("the result's type").that(value.dtype()).isEqualTo(DType.FLOAT32);
        value.backward();
        double[][] out = new double[floats.length + 1][];
        out[0] = value.toArray();
        for (int j = 0; j < floats.length; j++) {
            out[j + 1] = floats[j].grad() == null ? new double[0] : floats[j].grad().toArray();
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void floatKernelsGiveTheWidenedDoubleKernelsBits(RowLossCase lossCase) {
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        Batch batch = RowSamples.draw(lossCase, SHAPE);
        for (Reduction reduction : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
            LossFunction loss = Losses.withReduction(RowLossFunctionalTest.newLoss(compiled, lossCase), reduction);
            double[][] floats = run(loss, batch);
            System.setProperty("gradgen.float32", "false");
            double[][] widened = run(loss, batch);
            System.clearProperty("gradgen.float32");
            for (int k = 0; k < floats.length; k++) {
                assertWithMessage("%s, %s: %s", lossCase, reduction, k == 0 ? "value" : "gradient of input " + (k - 1))
                        .that(floats[k]).usingExactEquality().containsExactly(widened[k]).inOrder();
            }
        }
    }
}
