package io.gradgen.processor.elementwise;

import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.elementwise.Samples.Batch;
import io.gradgen.processor.elementwise.Samples.Shape;
import io.gradgen.processor.testing.CompiledSources;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated element-wise loss's fused pass (value and gradients together, delivered by the
 * backward) against its two passes ({@code -Dgradgen.fused=false}), with the scalar and the staged
 * kernels: the same values and gradients to the bit, except that a zero gradient's sign may
 * differ (a gradient delivered as computed keeps a {@code -0.0} that adding it to zeros turns into
 * {@code 0.0}). Covers leaves with no gradient yet, zeroed leaves whose gradient array is
 * exchanged over several steps, computed inputs (the gradient handed on through the graph), an
 * upstream gradient other than 1 (not delivered: two passes), and a second backward over the
 * same graph (computed again).
 */
class FusedKernelsTest {
    private static final Shape SHAPE = new Shape(3, 701);

    static Stream<LossCase> cases() {
        return ElementwiseCorpus.CASES.stream();
    }

    @AfterEach
    void clearTheSwitches() {
        System.clearProperty("gradgen.fused");
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
                LossFunction loss = withReduction(ElementwiseLossFunctionalTest.newLoss(compiled, lossCase), reduction);
                for (Scenario scenario : Scenario.values()) {
                    double[][] fused = scenario.run(loss, batch, "true");
                    double[][] twoPass = scenario.run(loss, batch, "false");
                    for (int k = 0; k < fused.length; k++) {
                        assertWithMessage("%s, %s kernels, %s, %s: %s", lossCase, kernels, reduction, scenario,
                                k == 0 ? "value" : "gradient of input " + (k - 1))
                                .that(bits(fused[k])).isEqualTo(bits(twoPass[k]));
                    }
                }
            }
        }
    }

    /** How a test step uses the loss; each returns the value, then each leaf's gradient. */
    enum Scenario {
        /** Fresh leaves: the gradient arrays become the leaves' gradients. */
        FRESH_LEAVES {
            @Override
            double[][] steps(LossFunction loss, Tensor[] leaves) {
                return step(loss, leaves, UnaryOperator.identity(), 1.0, 1);
            }
        },
        /** Three training steps with zeroGrad(): arrays exchanged and reused. */
        ZEROED_LEAVES_THREE_STEPS {
            @Override
            double[][] steps(LossFunction loss, Tensor[] leaves) {
                double[][] result = null;
                for (int s = 0; s < 3; s++) {
                    Arrays.stream(leaves).forEach(Tensor::zeroGrad);
                    result = step(loss, leaves, UnaryOperator.identity(), 1.0, 1);
                }
                return result;
            }
        },
        /** Inputs computed from the leaves: the gradient flows on through the graph. */
        COMPUTED_INPUTS {
            @Override
            double[][] steps(LossFunction loss, Tensor[] leaves) {
                return step(loss, leaves, t -> t.requiresGrad() ? t.mul(1.0) : t, 1.0, 1);
            }
        },
        /** loss · 2: an upstream gradient of 2. */
        SCALED_UPSTREAM {
            @Override
            double[][] steps(LossFunction loss, Tensor[] leaves) {
                return step(loss, leaves, UnaryOperator.identity(), 2.0, 1);
            }
        },
        /** backward() twice over the same graph. */
        TWO_BACKWARDS {
            @Override
            double[][] steps(LossFunction loss, Tensor[] leaves) {
                return step(loss, leaves, UnaryOperator.identity(), 1.0, 2);
            }
        };

        abstract double[][] steps(LossFunction loss, Tensor[] leaves);

        double[][] run(LossFunction loss, Batch batch, String fused) {
            System.setProperty("gradgen.fused", fused);
            return steps(loss, batch.tensorsAllRequiringGrad());
        }

        static double[][] step(LossFunction loss, Tensor[] leaves, UnaryOperator<Tensor> input, double upstream,
                int backwards) {
            Tensor[] inputs = Arrays.stream(leaves).map(input).toArray(Tensor[]::new);
            Tensor value = loss.forward(inputs);
            Tensor root = upstream == 1.0 ? value : value.mul(upstream);
            for (int b = 0; b < backwards; b++) {
                root.backward();
            }
            double[][] result = new double[leaves.length + 1][];
            result[0] = value.toArray();
            for (int j = 0; j < leaves.length; j++) {
                result[j + 1] = leaves[j].grad() == null ? new double[0] : leaves[j].grad().toArray();
            }
            return result;
        }
    }

    /** The bits of each value, with -0.0 read as 0.0. */
    private static long[] bits(double[] values) {
        return Arrays.stream(values).map(v -> v == 0.0 ? 0.0 : v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private static LossFunction withReduction(LossFunction loss, Reduction reduction) {
        try {
            Method m = loss.getClass().getMethod("withReduction", Reduction.class);
            return (LossFunction) m.invoke(loss, reduction);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
