package io.gradgen.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import org.junit.jupiter.api.Test;

/**
 * What the PyTorch reference file avoids on purpose: kinks and PyTorch's default
 * {@code ignore_index}. The expected numbers are PyTorch 2.7.1's, as measured in
 * {@code src/test/resources/reference/README.md} ("Behaviour at kinks and edges"), or derived by hand.
 */
class KinksAndEdgesTest {

    private static Tensor t(double... values) {
        return Tensor.of(values, values.length).requiresGrad(true);
    }

    @Test
    void l1AtATiePassesNoGradient() {
        Tensor x = t(1.5);
        new L1Loss().forward(x, Tensor.of(new double[] {1.5}, 1)).backward();
        assertArrayEquals(new double[] {0.0}, x.grad().toArray(), 0.0);
    }

    @Test
    void hingeEmbeddingAtItsHingePassesTheFullGradient() {
        // x = margin, y = -1: max(0, margin - x) at 0; PyTorch's clamp_min passes -1 there
        Tensor x = t(1.0);
        Tensor out = new HingeEmbeddingLoss().forward(x, Tensor.of(new double[] {-1}, 1));
        out.backward();
        assertEquals(0.0, out.item());
        assertArrayEquals(new double[] {-1.0}, x.grad().toArray(), 0.0);
    }

    @Test
    void marginRankingAtItsHingePassesTheFullGradient() {
        Tensor x1 = t(0.5);
        Tensor x2 = t(0.5);
        new MarginRankingLoss().forward(x1, x2, Tensor.of(new double[] {1}, 1)).backward();
        assertArrayEquals(new double[] {-1.0}, x1.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {1.0}, x2.grad().toArray(), 0.0);
    }

    @Test
    void multiMarginAtItsHingePassesNoGradient() {
        // margin − x_y + x_i = 1 − 1 + 0 = 0 for i = 0: PyTorch counts a term only when it is > 0
        Tensor x = Tensor.of(new double[] {0.0, 1.0}, 1, 2).requiresGrad(true);
        Tensor out = new MultiMarginLoss().forward(x, Tensor.of(new double[] {1}, 1));
        out.backward();
        assertEquals(0.0, out.item());
        assertArrayEquals(new double[] {0.0, 0.0}, x.grad().toArray(), 0.0);
    }

    @Test
    void crossEntropyWithAMaskedLogitIsFiniteWithoutSmoothing() {
        // a class masked with −∞, as attention and vocabulary masks do: PyTorch adds no smoothing
        // term at label_smoothing = 0, where 0·Σ (lse − x_c) would be NaN; by hand,
        // row 0: log(e + e^0.5) − 1, row 1: log(e² + 1 + e) − 1
        double inf = Double.NEGATIVE_INFINITY;
        Tensor logits = Tensor.of(new double[] {1.0, inf, 0.5, 2.0, 0.0, 1.0}, 2, 3).requiresGrad(true);
        Tensor target = Tensor.of(new double[] {0, 2}, 2);
        Tensor out = new CrossEntropyLoss().forward(logits, target);
        out.backward();
        double row0 = Math.log(Math.E + Math.exp(0.5)) - 1;
        double row1 = Math.log(Math.exp(2) + 1 + Math.E) - 1;
        assertEquals((row0 + row1) / 2, out.item(), 1e-15);
        double[] g = logits.grad().toArray();
        assertEquals(0.0, g[1]);
        assertEquals((Math.E / (Math.E + Math.exp(0.5)) - 1) / 2, g[0], 1e-15);
        // with smoothing the masked class's term is infinite, in PyTorch as here
        Tensor smoothed = new CrossEntropyLoss().withLabelSmoothing(0.1).forward(logits.detach(), target);
        assertEquals(Double.POSITIVE_INFINITY, smoothed.item());
    }

    @Test
    void pytorchsDefaultIgnoreIndexDropsTheRowFromValueGradientAndMean() {
        Tensor logProbs = Tensor.of(new double[] {-1, -2, -3, -4, -5, -6}, 2, 3).requiresGrad(true);
        Tensor target = Tensor.of(new double[] {1, -100}, 2);
        Tensor out = new NLLLoss().forward(logProbs, target);
        out.backward();
        assertEquals(2.0, out.item()); // −x[0][1] over one counted row
        assertArrayEquals(new double[] {0, -1, 0, 0, 0, 0}, logProbs.grad().toArray(), 0.0);
    }

    @Test
    void crossEntropyWithEveryRowIgnoredIsNaNAsInPyTorch() {
        // PyTorch: mean over zero counted rows is 0/0
        Tensor logits = Tensor.of(new double[] {1, 2, 3}, 1, 3).requiresGrad(true);
        Tensor out = new CrossEntropyLoss().forward(logits, Tensor.of(new double[] {-100}, 1));
        assertEquals(Double.NaN, out.item());
    }

    @Test
    void bceStaysFiniteAtProbabilitiesZeroAndOne() {
        // each log is clamped at −100, so a confident wrong prediction costs 100
        Tensor x = t(0.0, 1.0);
        Tensor out = new BCELoss().withReduction(Reduction.NONE)
                .forward(x, Tensor.of(new double[] {1.0, 0.0}, 2));
        assertArrayEquals(new double[] {100.0, 100.0}, out.toArray(), 0.0);
    }

    @Test
    void klDivAtATargetOfZeroIsZeroWithAZeroTargetGradient() {
        // 0·log 0 = 0; PyTorch's target gradient is NaN there, ours is 0 (LOSSES.md)
        Tensor x = t(-0.5, -1.0);
        Tensor y = t(0.0, 0.5);
        Tensor out = new KLDivLoss().withReduction(Reduction.SUM).forward(x, y);
        out.backward();
        assertEquals(0.5 * Math.log(0.5) + 0.5, out.item(), 1e-15);
        assertArrayEquals(new double[] {0.0, -0.5}, x.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {0.0, Math.log(0.5) + 1 + 1.0}, y.grad().toArray(), 1e-15);
    }

    @Test
    void tripletMarginAtItsHingePassesTheFullGradient() {
        // margin + d(a, p) − d(a, n) = 1 + 0.5 − 1.5 = 0 (eps = 0): PyTorch's clamp_min passes it all
        Tensor a = Tensor.of(new double[] {0.0}, 1, 1).requiresGrad(true);
        Tensor p = Tensor.of(new double[] {0.5}, 1, 1).requiresGrad(true);
        Tensor n = Tensor.of(new double[] {1.5}, 1, 1).requiresGrad(true);
        Tensor out = new TripletMarginLoss(1.0, 2.0, 0.0, false).forward(a, p, n);
        out.backward();
        assertEquals(0.0, out.item());
        assertArrayEquals(new double[] {0.0}, a.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {1.0}, p.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {-1.0}, n.grad().toArray(), 0.0);
    }

    @Test
    void tripletMarginSwapAtATieSplitsTheGradient() {
        // d(a, n) = d(p, n) = 1: min splits evenly between the two distances, as PyTorch's
        Tensor a = Tensor.of(new double[] {0.0}, 1, 1).requiresGrad(true);
        Tensor p = Tensor.of(new double[] {2.0}, 1, 1).requiresGrad(true);
        Tensor n = Tensor.of(new double[] {1.0}, 1, 1).requiresGrad(true);
        Tensor out = new TripletMarginLoss(1.0, 2.0, 0.0, true).forward(a, p, n);
        out.backward();
        assertEquals(2.0, out.item());
        assertArrayEquals(new double[] {-0.5}, a.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {0.5}, p.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {0.0}, n.grad().toArray(), 0.0);
    }

    @Test
    void gaussianNllBelowEpsPassesTheClampedGradientStraightThrough() {
        // var = 0.1 < eps = 0.3: the value and the var gradient are those at v = 0.3
        Tensor x = t(1.0);
        Tensor var = t(0.1);
        Tensor out = new GaussianNLLLoss(false, 0.3).forward(x, Tensor.of(new double[] {0.0}, 1), var);
        out.backward();
        assertEquals(0.5 * (Math.log(0.3) + 1 / 0.3), out.item(), 1e-15);
        assertEquals(0.5 * (1 / 0.3 - 1 / (0.3 * 0.3)), var.grad().toArray()[0], 1e-14);
        assertEquals(1 / 0.3, x.grad().toArray()[0], 1e-14);
    }

    @Test
    void poissonNllFullAddsStirlingOnlyAboveOne() {
        // full=True jumps at y = 1: no Stirling term at y = 1, the term at y = 2
        Tensor x = t(0.0, 0.0);
        Tensor out = new PoissonNLLLoss(true, true, 1e-8).withReduction(Reduction.NONE)
                .forward(x, Tensor.of(new double[] {1.0, 2.0}, 2));
        assertArrayEquals(new double[] {1.0, 1.0 + 2 * Math.log(2) - 2 + 0.5 * Math.log(4 * Math.PI)},
                out.toArray(), 1e-15);
    }
}
