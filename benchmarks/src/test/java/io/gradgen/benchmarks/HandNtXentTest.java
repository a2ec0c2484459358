package io.gradgen.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradgen.Tensor;
import org.junit.jupiter.api.Test;

/** The hand-written NT-Xent computes what the generated batch loss computes: value and both gradients. */
class HandNtXentTest {

    @Test
    void matchesTheGeneratedBatchLoss() {
        int rows = 24;
        int dim = 16;
        double[] a = Inputs.gaussian(11, rows * dim, 1.0);
        double[] b = Inputs.gaussian(12, rows * dim, 1.0);
        Tensor z1 = Tensor.of(a, rows, dim).requiresGrad(true);
        Tensor z2 = Tensor.of(b, rows, dim).requiresGrad(true);
        Tensor loss = new NtXentLoss().forward(z1, z2);
        loss.backward();

        double[] g1 = new double[rows * dim];
        double[] g2 = new double[rows * dim];
        double value = HandNtXent.forwardBackward(a, b, 0.5, rows, dim, g1, g2, new HandNtXent.Work(rows, dim));
        assertEquals(loss.item(), value, 1e-12);
        double[] expected1 = z1.grad().toArray();
        double[] expected2 = z2.grad().toArray();
        for (int i = 0; i < g1.length; i++) {
            assertEquals(expected1[i], g1[i], 1e-12, "z1 gradient " + i);
            assertEquals(expected2[i], g2[i], 1e-12, "z2 gradient " + i);
        }
    }
}
