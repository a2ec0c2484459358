package io.gradgen.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.LossFunction;
import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's {@code weight=None}: the catalogue's optional rows ({@code @Param(1.0) double[]}). Left
 * out, a loss runs the kernels derived with the row folded in as ones, which read no row at all;
 * given, the weighted kernels. Both must agree with a row of ones given explicitly, for every
 * reduction, in the value, the gradients and the second derivatives.
 */
class OptionalWeightTest {
    private static final int N = 5;
    private static final int C = 4;
    private static final Random RANDOM = new Random(17);

    /** One loss with its inputs: {@code withRows} gives the loss with its optional rows set to a row each (or null). */
    private record Case(String name, LossFunction byDefault, Function<double[], LossFunction> withRows,
            Tensor[] inputs) {
    }

    private static double[] uniform(int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * RANDOM.nextDouble();
        }
        return v;
    }

    private static double[] labels(int n, int classes) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = RANDOM.nextInt(classes);
        }
        return v;
    }

    private static double[] ones(int n) {
        double[] row = new double[n];
        Arrays.fill(row, 1.0);
        return row;
    }

    private static List<Case> cases() {
        double[] soft = uniform(N * C, 0.05, 1);
        return List.of(
                new Case("NLLLoss", new NLLLoss(), w -> new NLLLoss().withWeight(w),
                        new Tensor[] {Tensor.of(uniform(N * C, -4, -0.05), N, C), Tensor.of(labels(N, C), N)}),
                new Case("NLLLoss(ignoreIndex=1)", new NLLLoss(1), w -> new NLLLoss(w, 1),
                        new Tensor[] {Tensor.of(uniform(N * C, -4, -0.05), N, C),
                                Tensor.of(new double[] {1, 0, 1, 3, 2}, N)}),
                new Case("CrossEntropyLoss", new CrossEntropyLoss().withLabelSmoothing(0.1),
                        w -> new CrossEntropyLoss().withLabelSmoothing(0.1).withWeight(w),
                        new Tensor[] {Tensor.of(uniform(N * C, -3, 3), N, C), Tensor.of(labels(N, C), N)}),
                new Case("SoftTargetCrossEntropyLoss", new SoftTargetCrossEntropyLoss(),
                        w -> new SoftTargetCrossEntropyLoss().withWeight(w),
                        new Tensor[] {Tensor.of(uniform(N * C, -3, 3), N, C), Tensor.of(soft, N, C)}),
                new Case("MultiMarginLoss(p=2)", new MultiMarginLoss().withP(2),
                        w -> new MultiMarginLoss(2, 1.0, w),
                        new Tensor[] {Tensor.of(uniform(N * C, -2, 2), N, C), Tensor.of(labels(N, C), N)}),
                new Case("MultiLabelSoftMarginLoss", new MultiLabelSoftMarginLoss(),
                        w -> new MultiLabelSoftMarginLoss(w),
                        new Tensor[] {Tensor.of(uniform(N * C, -2, 2), N, C),
                                Tensor.of(labels(N * C, 2), N, C)}),
                new Case("BCELoss", new BCELoss(), w -> new BCELoss().withWeight(w),
                        new Tensor[] {Tensor.of(uniform(N * C, 0.02, 0.98), N, C),
                                Tensor.of(uniform(N * C, 0, 1), N, C)}),
                new Case("BCEWithLogitsLoss(weight)", new BCEWithLogitsLoss(), w -> new BCEWithLogitsLoss().withWeight(w),
                        new Tensor[] {Tensor.of(uniform(N * C, -3, 3), N, C), Tensor.of(uniform(N * C, 0, 1), N, C)}),
                new Case("BCEWithLogitsLoss(posWeight)", new BCEWithLogitsLoss(),
                        w -> new BCEWithLogitsLoss().withPosWeight(w),
                        new Tensor[] {Tensor.of(uniform(N * C, -3, 3), N, C), Tensor.of(uniform(N * C, 0, 1), N, C)}),
                new Case("BCEWithLogitsLoss(weight, posWeight)", new BCEWithLogitsLoss(),
                        w -> new BCEWithLogitsLoss(w, w),
                        new Tensor[] {Tensor.of(uniform(N * C, -3, 3), N, C), Tensor.of(uniform(N * C, 0, 1), N, C)}));
    }

    /** The value and every input gradient, under the given reduction. */
    private static double[][] run(LossFunction loss, Reduction r, Tensor[] inputs) {
        Tensor[] fresh = new Tensor[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            fresh[k] = Tensor.of(inputs[k].toArray(), inputs[k].shape()).requiresGrad(k == 0 || isSoft(inputs[k]));
        }
        Tensor out = loss.withReduction(r).forward(fresh);
        out.backward(Tensor.of(ones(out.numel()), out.shape()));
        double[][] result = new double[fresh.length + 1][];
        result[0] = out.toArray();
        for (int k = 0; k < fresh.length; k++) {
            result[k + 1] = fresh[k].grad() == null ? new double[0] : fresh[k].grad().toArray();
        }
        return result;
    }

    /** Soft targets (not integral) are differentiable inputs of BCE and soft-target cross-entropy. */
    private static boolean isSoft(Tensor t) {
        return Arrays.stream(t.toArray()).anyMatch(v -> v != Math.rint(v));
    }

    private static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-14 * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    @Test
    void leftOutEqualsARowOfOnesForEveryReduction() {
        for (Case c : cases()) {
            for (Reduction r : List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM)) {
                double[][] byDefault = run(c.byDefault(), r, c.inputs());
                double[][] weighted = run(c.withRows().apply(ones(C)), r, c.inputs());
                for (int k = 0; k < byDefault.length; k++) {
                    assertClose(c.name() + " " + r + (k == 0 ? " value" : " grad " + (k - 1)), weighted[k],
                            byDefault[k]);
                }
            }
        }
    }

    @Test
    void aGivenRowChangesTheLossAsItsWeights() {
        // doubling every weight doubles a sum; the weighted kernels really read the row
        for (Case c : cases()) {
            double[] twos = ones(C);
            Arrays.fill(twos, 2.0);
            double once = c.withRows().apply(ones(C)).withReduction(Reduction.SUM).forward(c.inputs()).item();
            double twice = c.withRows().apply(twos).withReduction(Reduction.SUM).forward(c.inputs()).item();
            if (c.name().contains("weight, posWeight")) {
                assertTrue(twice > 2 * once, c.name());
            } else if (c.name().contains("posWeight")) {
                assertTrue(twice > once, c.name() + ": a larger positive weight adds loss");
            } else {
                assertEquals(2 * once, twice, 1e-12 * Math.abs(once), c.name());
            }
        }
    }

    @Test
    void secondDerivativesAgreeToo() {
        for (Case c : cases()) {
            if (!(c.byDefault() instanceof SecondOrderLoss byDefault)) {
                continue;
            }
            SecondOrderLoss weighted = (SecondOrderLoss) c.withRows().apply(ones(C));
            Tensor pred = c.inputs()[0];
            Tensor[] others = Arrays.copyOfRange(c.inputs(), 1, c.inputs().length);
            double[] g1 = new double[pred.numel()];
            double[] h1 = new double[pred.numel()];
            double[] g2 = new double[pred.numel()];
            double[] h2 = new double[pred.numel()];
            byDefault.gradientAndHessian(pred, g1, h1, others);
            weighted.gradientAndHessian(pred, g2, h2, others);
            assertClose(c.name() + " gradient", g2, g1);
            assertClose(c.name() + " hessian", h2, h1);
        }
    }

    @Test
    void theDefaultKernelsReadNoWeight() throws ReflectiveOperationException {
        for (String name : List.of("NLLLoss$DefaultWeight", "CrossEntropyLoss$DefaultWeight",
                "BCEWithLogitsLoss$DefaultWeightPosWeight", "BCELoss$DefaultWeight")) {
            Class<?> variant = Class.forName("io.gradgen.losses." + name);
            for (Field f : variant.getDeclaredFields()) {
                assertFalse(f.getName().toLowerCase(java.util.Locale.ROOT).contains("weight"),
                        name + " holds " + f.getName());
            }
        }
        // with only pos_weight left out, the weight is still read
        Class<?> half = Class.forName("io.gradgen.losses.BCEWithLogitsLoss$DefaultPosWeight");
        assertEquals("weight", half.getDeclaredField("weight").getName());
    }

    @Test
    void aLeftOutRowReadsAsNullAndCopiesAreIndependent() {
        NLLLoss plain = new NLLLoss();
        assertNull(plain.weight());
        double[] w = {1, 2, 3};
        NLLLoss weighted = plain.withWeight(w);
        w[0] = 100; // the loss kept a copy
        assertArrayEquals(new double[] {1, 2, 3}, weighted.weight());
        assertNotSame(weighted.weight(), weighted.weight());
        assertNull(plain.weight(), "withWeight leaves the original unchanged");
        assertNull(weighted.withWeight(null).weight(), "withWeight(null) returns to the default");
        assertEquals(Reduction.SUM, weighted.withReduction(Reduction.SUM).withWeight(null).reduction(),
                "a copy keeps the reduction");
        assertEquals("NLLLoss(ignoreIndex=-100)", plain.toString());
        assertEquals("NLLLoss(weight=[1.0, 2.0, 3.0], ignoreIndex=-100, reduction=SUM)",
                weighted.withReduction(Reduction.SUM).toString());
        assertEquals("BCEWithLogitsLoss(posWeight=[2.0])", new BCEWithLogitsLoss().withPosWeight(new double[] {2})
                .toString());
    }

    @Test
    void aGivenRowOfTheWrongLengthNamesTheOption() {
        Tensor logits = Tensor.of(uniform(N * C, -2, 2), N, C);
        Tensor target = Tensor.of(labels(N, C), N);
        double[] three = {1, 1, 1};
        for (LossFunction loss : List.of(new NLLLoss().withWeight(three), new CrossEntropyLoss().withWeight(three),
                new MultiMarginLoss().withWeight(three))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.forward(logits, target));
            assertTrue(e.getMessage().contains("weight") && e.getMessage().contains("3"), e.getMessage());
        }
        Tensor probabilities = Tensor.of(uniform(N * C, 0.05, 0.95), N, C);
        for (LossFunction loss : List.of(new BCELoss().withWeight(three), new BCEWithLogitsLoss().withPosWeight(three),
                new MultiLabelSoftMarginLoss().withWeight(three))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.forward(probabilities, probabilities));
            String option = loss instanceof BCEWithLogitsLoss ? "posWeight" : "weight";
            assertTrue(e.getMessage().contains(option), e.getMessage());
        }
    }
}
