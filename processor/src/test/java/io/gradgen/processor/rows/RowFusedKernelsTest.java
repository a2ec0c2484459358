package io.gradgen.processor.rows;

import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.LossFunction;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.rows.RowSamples.Batch;
import io.gradgen.processor.rows.RowSamples.Shape;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.FusedScenario;
import io.gradgen.processor.testing.Losses;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated row loss's fused pass (value, saved reductions and gradient rows in one loop
 * over the batch) against its two passes, in every {@link FusedScenario}: the same values and
 * gradients to the bit, a zero's sign aside.
 */
class RowFusedKernelsTest {
    private static final Shape SHAPE = new Shape(2, 3);

    static Stream<RowLossCase> cases() {
        return RowCorpus.CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fusedAndTwoPassLossesAgree(RowLossCase lossCase) {
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        Batch batch = RowSamples.draw(lossCase, SHAPE);
        for (Reduction reduction : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
            LossFunction loss = Losses.withReduction(RowLossFunctionalTest.newLoss(compiled, lossCase), reduction);
            for (FusedScenario scenario : FusedScenario.values()) {
                double[][] fused = scenario.run(loss, batch::tensorsRequiringGrad, true);
                double[][] twoPass = scenario.run(loss, batch::tensorsRequiringGrad, false);
                for (int k = 0; k < fused.length; k++) {
                    assertWithMessage("%s, %s, %s: %s", lossCase, reduction, scenario,
                            k == 0 ? "value" : "gradient of input " + (k - 1))
                            .that(FusedScenario.bits(fused[k])).isEqualTo(FusedScenario.bits(twoPass[k]));
                }
            }
        }
    }
}
