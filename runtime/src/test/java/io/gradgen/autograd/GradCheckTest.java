package io.gradgen.autograd;

import io.gradgen.LossResults;
import io.gradgen.LossBatch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GradCheckTest {

    @Test
    void passesOnCorrectFunction() {
        Tensor a = Tensor.randn(new Random(1), 3, 2).requiresGrad(true);
        Tensor b = Tensor.randn(new Random(2), 2, 4).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> in.get(0).matmul(in.get(1)).tanh(), List.of(a, b));
        assertTrue(r.passed(), r.toString());
        assertEquals(14, r.checkedElements());
        assertEquals(0, r.failedElements());
        assertTrue(r.toString().startsWith("gradcheck passed: 14 elements within tolerance; worst: input "),
                r.toString());
        GradCheck.assertGradients(in -> in.get(0).matmul(in.get(1)).tanh(), List.of(a, b));
    }

    @Test
    void leavesTheCallersTensorsAlone() {
        Tensor a = Tensor.vector(1, 2).requiresGrad(true);
        GradCheck.assertGradients(in -> in.get(0).mul(in.get(0)).sum(), List.of(a));
        assertNull(a.grad());
        assertArrayEquals(new double[] {1, 2}, a.toArray());
    }

    @Test
    void failsOnWrongBackwardAndReportsWorstElement() {
        // y = x^2 elementwise, but the backward claims 2x everywhere except element [1, 2], where it says 0
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor c = Tensor.ones(2).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> brokenSquare(in.get(1)).sum().add(in.get(0).sum()), List.of(c, x));
        assertFalse(r.passed());
        assertEquals(1, r.failedElements());
        assertEquals(8, r.checkedElements());
        assertEquals(1, r.inputIndex());
        assertArrayEquals(new int[] {2, 3}, r.inputShape());
        assertArrayEquals(new int[] {1, 2}, r.elementIndex());
        assertEquals(0.0, r.analytic());
        assertEquals(12.0, r.numeric(), 1e-6);
        String report = r.toString();
        assertTrue(report.startsWith("gradcheck failed: 1 of 8 elements out of tolerance; worst: input 1 (shape [2, 3])"
                + " at [1, 2]: analytic 0.0, numeric 11.99999"), report);
        assertTrue(report.endsWith("(eps=1.0E-6, atol=1.0E-5, rtol=0.001)"), report);
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradCheck.assertGradients(in -> brokenSquare(in.get(0)).sum(), List.of(x)));
        assertTrue(e.getMessage().contains("at [1, 2]: analytic 0.0"), e.getMessage());
    }

    @Test
    void nonScalarOutputsAreCheckedThroughRandomUpstream() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> brokenSquare(in.get(0)), List.of(x));
        assertFalse(r.passed());
        assertArrayEquals(new int[] {1, 2}, r.elementIndex());
        assertTrue(GradCheck.check(in -> in.get(0).pow(2), List.of(x)).passed());
    }

    @Test
    void toleranceOptions() {
        Tensor x = Tensor.vector(1).requiresGrad(true);
        // analytic 2.002 vs numeric 2: outside rtol 1e-4 but inside rtol 1e-2
        GradCheck.Result strict = GradCheck.check(in -> scaledSquare(in.get(0), 1.001).sum(), List.of(x),
                GradCheck.Options.defaults().withTolerances(0, 1e-4));
        assertFalse(strict.passed());
        GradCheck.Result loose = GradCheck.check(in -> scaledSquare(in.get(0), 1.001).sum(), List.of(x),
                GradCheck.Options.defaults().withTolerances(0, 1e-2).withEps(1e-5).withSeed(3));
        assertTrue(loose.passed(), loose.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.Options.defaults().withEps(0));
        assertEquals("GradCheck.Options: eps must be > 0, got 0.0", e.getMessage());
    }

    @Test
    void rejectsFunctionsWithNothingToCheck() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(in -> in.get(0).sum(), List.of(Tensor.ones(2))));
        assertTrue(e.getMessage().startsWith("GradCheck: no input requires grad"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(in -> in.get(0).detach().sum(), List.of(Tensor.ones(2).requiresGrad(true))));
        assertTrue(e.getMessage().startsWith("GradCheck: the function's output does not require grad"), e.getMessage());
    }

    @Test
    @SuppressWarnings("try")
    void worksInsideNoGradScope() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        try (var g = NoGrad.enter()) {
            assertTrue(GradCheck.check(in -> in.get(0).exp().sum(), List.of(x)).passed());
            assertFalse(GradMode.isEnabled());
        }
    }

    /** x^2 whose backward is wrong at flat position 5. */
    private static Tensor brokenSquare(Tensor x) {
        return custom(x, x.pow(2), g -> {
            double[] gx = new double[x.numel()];
            double[] xs = x.toArray();
            double[] gs = g.toArray();
            for (int i = 0; i < gx.length; i++) {
                gx[i] = i == 5 ? 0 : 2 * xs[i] * gs[i];
            }
            return Tensor.of(gx, x.shape());
        });
    }

    /** x^2 with a backward that is off by the factor {@code scale}. */
    private static Tensor scaledSquare(Tensor x, double scale) {
        return custom(x, x.pow(2), g -> g.mul(x).mul(2 * scale));
    }

    /**
     * {@code forward}'s values with a hand-written backward {@code rule}: GradCheck must catch a
     * backward that is wrong by a known amount, and no generated class is wrong on purpose.
     */
    private static Tensor custom(Tensor input, Tensor forward, java.util.function.UnaryOperator<Tensor> rule) {
        BackwardFunction fn = new BackwardFunction() {
            @Override
            public String name() {
                return "CustomBackward";
            }

            @Override
            public List<Tensor> inputs() {
                return List.of(input);
            }

            @Override
            public Tensor[] apply(Tensor gradOutput) {
                return new Tensor[] {rule.apply(gradOutput)};
            }
        };
        Tensor values = forward.detach();
        if (!LossResults.needsGrad(input)) {
            return values;
        }
        return LossResults.result(LossBatch.data(values), values.shape(), fn);
    }
}
