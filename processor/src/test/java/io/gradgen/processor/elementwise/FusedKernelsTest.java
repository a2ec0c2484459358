package io.gradgen.processor.elementwise;

import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.LossFunction;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.elementwise.Samples.Batch;
import io.gradgen.processor.elementwise.Samples.Shape;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.FusedScenario;
import io.gradgen.processor.testing.Losses;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated element-wise loss's fused pass against its two passes, with the scalar and the
 * staged kernels, in every {@link FusedScenario}: the same values and gradients to the bit, except
 * that a zero gradient's sign may differ (a gradient delivered as computed keeps a {@code -0.0}
 * that adding it to zeros turns into {@code 0.0}).
 */
class FusedKernelsTest {
    private static final Shape SHAPE = new Shape(3, 701);

    static Stream<LossCase> cases() {
        return ElementwiseCorpus.CASES.stream();
    }

    @AfterEach
    void clearTheSwitch() {
        System.clearProperty("gradgen.kernels");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fusedAndTwoPassLossesAgree(LossCase lossCase) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        Batch batch = Samples.draw(lossCase, SHAPE);
        for (String kernels : new String[] {"scalar", "staged"}) {
            System.setProperty("gradgen.kernels", kernels);
            for (Reduction reduction : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
                LossFunction loss = Losses.withReduction(ElementwiseLossFunctionalTest.newLoss(compiled, lossCase),
                        reduction);
                for (FusedScenario scenario : FusedScenario.values()) {
                    double[][] fused = scenario.run(loss, batch::tensorsAllRequiringGrad, true);
                    double[][] twoPass = scenario.run(loss, batch::tensorsAllRequiringGrad, false);
                    for (int k = 0; k < fused.length; k++) {
                        assertWithMessage("%s, %s kernels, %s, %s: %s", lossCase, kernels, reduction, scenario,
                                k == 0 ? "value" : "gradient of input " + (k - 1))
                                .that(FusedScenario.bits(fused[k])).isEqualTo(FusedScenario.bits(twoPass[k]));
                    }
                }
            }
        }
    }
}
