package io.gradgen.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Functions;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import org.junit.jupiter.api.Test;

/**
 * {@code PoissonNLLLoss(full=True)} as PyTorch defines it ({@code torch.nn.functional.poisson_nll_loss}:
 * the Stirling term {@code k·log k − k + ½·log(2πk)} added where {@code k > 1}) and
 * {@link ExactPoissonNLLLoss} ({@code log k!} as {@code lgamma(k + 1)}), against values computed
 * from those formulas with mpmath at 40 digits (rounded to 17):
 * <pre>
 * from mpmath import mp, exp, log, pi, loggamma, digamma; mp.dps = 40
 * torch_full = exp(x) - y*x + (y*log(y) - y + log(2*pi*y)/2 if y > 1 else 0)
 * exact      = exp(x) - y*x + loggamma(y + 1);   d exact / dy = digamma(y + 1) - x
 * </pre>
 */
class PoissonFullTest {
    /** (log-rate, count) pairs: no term at 0 and 1, a fractional count, small and large counts. */
    private static final double[] LOG_RATES = {0.3, 0.3, -0.5, 1.2, 2.0};
    private static final double[] COUNTS = {0, 1, 1.5, 4, 25};
    private static final double[] TORCH_FULL = {
        1.349858807576003089, 1.0498588075760031001, 1.5863994091336349293, 1.6773800809807280463,
        15.389328166274442074};
    private static final double[] EXACT = {
        1.349858807576003089, 1.0498588075760031001, 1.6412135301855525832, 1.6981707530844931394,
        15.392661321911170167};
    private static final double[] EXACT_COUNT_GRADIENT = {
        -0.8772156649015328495, 0.1227843350984671505, 1.2031566406452431872, 0.30611766843180051714,
        1.2387425128519740085};

    private static Tensor t(double... values) {
        return Tensor.of(values, values.length).requiresGrad(true);
    }

    @Test
    void fullAddsPyTorchsStirlingTermAboveOne() {
        Tensor x = t(LOG_RATES);
        Tensor out = new PoissonNLLLoss(true, true, 1e-8).withReduction(Reduction.NONE).forward(x, t(COUNTS));
        assertArrayEquals(TORCH_FULL, out.toArray(), 1e-15 * 16);
        out.sum().backward();
        // the Stirling term does not depend on the input: ∂/∂x = e^x − k, as without full
        for (int i = 0; i < COUNTS.length; i++) {
            assertEquals(Math.exp(LOG_RATES[i]) - COUNTS[i], x.grad().toArray()[i], 1e-15);
        }
    }

    @Test
    void fullWithARateInputUsesTheSameTerm() {
        // x − k·log(x + eps) + Stirling, at x = 2.5, k = 3
        double value = new PoissonNLLLoss(false, true, 1e-8).forward(t(2.5), t(3)).item();
        assertEquals(1.5152093359205914901, value, 4e-16);
    }

    @Test
    void exactPoissonUsesLogFactorial() {
        Tensor counts = t(COUNTS);
        Tensor out = new ExactPoissonNLLLoss().withReduction(Reduction.NONE).forward(t(LOG_RATES), counts);
        assertArrayEquals(EXACT, out.toArray(), 1e-15 * 16);
        out.sum().backward();
        assertArrayEquals(EXACT_COUNT_GRADIENT, counts.grad().toArray(), 1e-14);
    }

    @Test
    void stirlingIsLogFactorialToWithinOneTwelfthOverK() {
        // the Stirling series: log k! = k·log k − k + ½·log(2πk) + 1/(12k) − 1/(360k³) + ...,
        // so for counts above 1 the two classes differ by the series' remainder
        for (int k = 2; k <= 60; k++) {
            double stirling = new PoissonNLLLoss(true, true, 1e-8).forward(t(0), t(k)).item() - 1;
            double exact = new ExactPoissonNLLLoss().forward(t(0), t(k)).item() - 1;
            double gap = exact - stirling;
            assertEquals(Functions.lgamma(k + 1), exact, 1e-12 * exact);
            assertTrue(gap < 1.0 / (12 * k) && gap > 1.0 / (12 * k) - 1.0 / (360.0 * k * k * k),
                    "k = " + k + ": gap " + gap);
        }
    }
}
