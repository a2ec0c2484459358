package io.gradgen;

import static io.gradgen.Checks.assertGradients;
import static io.gradgen.Checks.assertTensor;
import static io.gradgen.Checks.randn;
import static io.gradgen.Checks.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReductionOpsTest {

    private static final Tensor M = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);

    @Test
    void sumAndMeanOfAllElementsAreZeroDim() {
        assertTensor(M.sum(), shape(), 21);
        assertTensor(M.mean(), shape(), 3.5);
        assertEquals("SumBackward", M.detach().requiresGrad(true).sum().gradFn().name());
        assertEquals("MeanBackward", M.detach().requiresGrad(true).mean().gradFn().name());
    }

    @Test
    void sumAndMeanAlongDimensions() {
        assertTensor(M.sum(0, false), shape(3), 5, 7, 9);
        assertTensor(M.sum(1, false), shape(2), 6, 15);
        assertTensor(M.sum(-1, true), shape(2, 1), 6, 15);
        assertTensor(M.sum(0, true), shape(1, 3), 5, 7, 9);
        assertTensor(M.mean(0, false), shape(3), 2.5, 3.5, 4.5);
        assertTensor(M.mean(-1, false), shape(2), 2, 5);
        assertTensor(M.mean(1, true), shape(2, 1), 2, 5);
    }

    @Test
    void sumOverMiddleDimensionOf3d() {
        Tensor t = Tensor.arange(24).reshape(2, 3, 4);
        Tensor s = t.sum(1, false);
        assertTensor(s, shape(2, 4), 12, 15, 18, 21, 48, 51, 54, 57);
    }

    @Test
    void reductionGradients() {
        Tensor x = randn(1, 2, 3, 4);
        assertGradients(in -> in.get(0).sum(), x);
        assertGradients(in -> in.get(0).mean(), x);
        for (int dim = -3; dim < 3; dim++) {
            int d = dim;
            assertGradients(in -> in.get(0).sum(d, false), x);
            assertGradients(in -> in.get(0).sum(d, true), x);
            assertGradients(in -> in.get(0).mean(d, false), x);
            assertGradients(in -> in.get(0).mean(d, true), x);
            assertGradients(in -> in.get(0).logSumExp(d, false), x);
            assertGradients(in -> in.get(0).logSumExp(d, true), x);
            assertGradients(in -> in.get(0).softmax(d), x);
            assertGradients(in -> in.get(0).logSoftmax(d), x);
        }
    }

    @Test
    void meanGradientIsOneOverCount() {
        Tensor x = Tensor.zeros(2, 4).requiresGrad(true);
        x.mean().backward();
        assertTensor(x.grad(), shape(2, 4), new double[] {0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125}, 0);
    }

    @Test
    void logSumExpIsStable() {
        Tensor big = Tensor.of(new double[] {1000, 1000}, 2);
        assertEquals(1000 + Math.log(2), big.logSumExp(0, false).item(), 1e-12);
        Tensor small = Tensor.of(new double[] {-1000, -1000}, 2);
        assertEquals(-1000 + Math.log(2), small.logSumExp(0, false).item(), 1e-12);
        Tensor negInf = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, 2);
        assertEquals(Double.NEGATIVE_INFINITY, negInf.logSumExp(0, false).item());
        Tensor posInf = Tensor.of(new double[] {Double.POSITIVE_INFINITY, 1}, 2);
        assertEquals(Double.POSITIVE_INFINITY, posInf.logSumExp(0, false).item());
    }

    @Test
    void logSumExpMatchesDefinitionRowwise() {
        Tensor x = randn(2, 3, 5);
        Tensor lse = x.logSumExp(1, false);
        for (int r = 0; r < 3; r++) {
            double s = 0;
            for (int c = 0; c < 5; c++) {
                s += Math.exp(x.get(r, c));
            }
            assertEquals(Math.log(s), lse.get(r), 1e-12);
        }
    }

    @Test
    void softmaxRowsSumToOneAndAreStable() {
        Tensor x = Tensor.of(new double[] {1000, 1000, 0, 1, 2, 3}, 2, 3);
        Tensor p = x.softmax(-1);
        assertTensor(p.sum(-1, false), shape(2), new double[] {1, 1}, 1e-12);
        assertEquals(0.5, p.get(0, 0), 1e-12);
        assertEquals(0.0, p.get(0, 2), 1e-300);
        Tensor lp = x.logSoftmax(-1);
        assertEquals(-Math.log(2), lp.get(0, 0), 1e-12);
        assertEquals(-1000 - Math.log(2), lp.get(0, 2), 1e-9);
        assertEquals(Math.log(p.get(1, 1)), lp.get(1, 1), 1e-12);
    }

    @Test
    void softmaxAlongFirstDimension() {
        Tensor x = randn(3, 3, 2);
        Tensor p = x.softmax(0);
        assertTensor(p.sum(0, false), shape(2), new double[] {1, 1}, 1e-12);
    }

    @Test
    void crossEntropyComposedFromOps() {
        Tensor logits = randn(4, 5, 3);
        Tensor target = Tensor.of(new double[] {0, 2, 1, 1, 0}, 5);
        Tensor loss = logits.logSoftmax(-1).gatherLast(target).neg().mean();
        double expected = 0;
        for (int r = 0; r < 5; r++) {
            double s = 0;
            for (int c = 0; c < 3; c++) {
                s += Math.exp(logits.get(r, c));
            }
            expected += Math.log(s) - logits.get(r, (int) target.get(r));
        }
        assertEquals(expected / 5, loss.item(), 1e-12);
        assertGradients(in -> in.get(0).logSoftmax(-1).gatherLast(target).neg().mean(), logits);
    }

    @Test
    void dimensionOutOfRangeNamesDimAndShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> M.sum(2, false));
        assertEquals("sum: dimension 2 is out of range for shape [2, 3] (expected a value in [-2, 1])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> M.softmax(-3));
        assertTrue(e.getMessage().startsWith("softmax: dimension -3 is out of range for shape [2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1).mean(0, false));
        assertTrue(e.getMessage().contains("0-dim"), e.getMessage());
    }
}
