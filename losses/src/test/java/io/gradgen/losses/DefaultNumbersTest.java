package io.gradgen.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gradgen.LossFunction;
import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's numbers whose defaults let the kernels do less ({@code CrossEntropyLoss}'s
 * {@code labelSmoothing = 0}: no smoothing sum; {@code SmoothL1Loss}'s {@code beta = 1};
 * {@code TripletMarginLoss}'s {@code p = 2}: a square for a power) run kernels derived with the default
 * folded in. They must compute what the general kernels compute: at {@code -0.0}, which runs the
 * general kernels though the formula reads it as 0, bit for bit; next to a default, to rounding.
 */
class DefaultNumbersTest {
    private static final int N = 6;
    private static final int C = 5;
    private static final Random RANDOM = new Random(23);

    private static double[] uniform(int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * RANDOM.nextDouble();
        }
        return v;
    }

    /** The value and every input gradient, for each reduction, then the second derivatives. */
    private static List<double[]> run(LossFunction loss, Tensor... inputs) {
        List<double[]> out = new java.util.ArrayList<>();
        for (Reduction r : List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM)) {
            Tensor[] fresh = new Tensor[inputs.length];
            for (int k = 0; k < inputs.length; k++) {
                boolean integral = Arrays.stream(inputs[k].toArray()).allMatch(v -> v == Math.rint(v));
                fresh[k] = Tensor.of(inputs[k].toArray(), inputs[k].shape()).requiresGrad(!integral);
            }
            Tensor value = loss.withReduction(r).forward(fresh);
            double[] upstream = new double[value.numel()];
            Arrays.setAll(upstream, i -> 0.5 + 0.25 * (i % 3)); // the same in every run compared
            value.backward(Tensor.of(upstream, value.shape()));
            out.add(value.toArray());
            for (Tensor t : fresh) {
                out.add(t.grad() == null ? new double[0] : t.grad().toArray());
            }
        }
        if (loss instanceof SecondOrderLoss second) {
            double[] grad = new double[inputs[0].numel()];
            double[] hessian = new double[inputs[0].numel()];
            second.gradientAndHessian(inputs[0], grad, hessian, Arrays.copyOfRange(inputs, 1, inputs.length));
            out.add(grad);
            out.add(hessian);
        }
        return out;
    }

    private static void assertAgree(String what, List<double[]> expected, List<double[]> actual, double tolerance) {
        assertEquals(expected.size(), actual.size(), what);
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k).length, actual.get(k).length, what + " output " + k);
            for (int i = 0; i < expected.get(k).length; i++) {
                double want = expected.get(k)[i];
                assertEquals(want, actual.get(k)[i], tolerance * Math.max(1, Math.abs(want)),
                        what + " output " + k + "[" + i + "]");
            }
        }
    }

    @Test
    void crossEntropyWithoutSmoothingIsTheGeneralKernelAtZero() {
        Tensor logits = Tensor.of(uniform(N * C, -4, 4), N, C);
        Tensor target = Tensor.of(new double[] {0, 4, 2, -100, 1, 3}, N);
        double[] weight = uniform(C, 0.5, 2);
        assertAgree("CrossEntropyLoss", run(new CrossEntropyLoss(-100, -0.0), logits, target),
                run(new CrossEntropyLoss(), logits, target), 0);
        assertAgree("CrossEntropyLoss(weight)", run(new CrossEntropyLoss(weight, -100, -0.0), logits, target),
                run(new CrossEntropyLoss(weight, -100, 0.0), logits, target), 0);
    }

    @Test
    void smoothL1AndTripletAgreeNextToTheirDefaults() {
        Tensor pred = Tensor.of(uniform(N * C, -3, 3), N, C);
        Tensor target = Tensor.of(uniform(N * C, -3, 3), N, C);
        assertAgree("SmoothL1Loss", run(new SmoothL1Loss(Math.nextUp(1.0)), pred, target),
                run(new SmoothL1Loss(), pred, target), 1e-12);
        Tensor anchor = Tensor.of(uniform(N * C, -1, 1), N, C);
        Tensor positive = Tensor.of(uniform(N * C, -1, 1), N, C);
        Tensor negative = Tensor.of(uniform(N * C, -1, 1), N, C);
        assertAgree("TripletMarginLoss", run(new TripletMarginLoss(1.0, Math.nextUp(2.0), 1e-6, false), anchor,
                positive, negative), run(new TripletMarginLoss(), anchor, positive, negative), 1e-12);
    }

    @Test
    void theSpecialisedKernelsHoldNoSuchNumber() throws ReflectiveOperationException {
        for (String name : List.of("CrossEntropyLoss$DefaultWeightLabelSmoothing", "CrossEntropyLoss$DefaultLabelSmoothing",
                "SmoothL1Loss$DefaultBeta", "TripletMarginLoss$DefaultP")) {
            Class<?> variant = Class.forName("io.gradgen.losses." + name);
            String number = name.substring(name.indexOf("$Default") + 8).replace("Weight", "");
            for (Field f : variant.getDeclaredFields()) {
                assertFalse(f.getName().equalsIgnoreCase(number), name + " holds " + f.getName());
            }
        }
    }
}
