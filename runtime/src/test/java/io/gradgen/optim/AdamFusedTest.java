package io.gradgen.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradgen.DType;
import io.gradgen.Tensor;
import io.gradgen.autograd.NoGrad;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Adam's fused update ({@code OptimizerSupport.adam}, one loop without temporaries) against its
 * composed form, written here with the tensor operations Adam ran before: the same bits in float64
 * and in float32, step after step.
 */
class AdamFusedTest {
    private static final double LR = 1e-2;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private static Tensor random(Random rng, DType dtype, int... shape) {
        double[] v = new double[shape[0] * shape[1]];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() * (i % 7 == 0 ? 1e-3 : 1);
        }
        return Tensor.of(v, shape).to(dtype);
    }

    @Test
    void fusedStepsGiveTheComposedStepsBits() {
        for (DType dtype : DType.values()) {
            Random rng = new Random(3);
            Tensor fused = random(rng, dtype, 7, 13).requiresGrad(true);
            Tensor composed = Tensor.of(fused.toArray(), 7, 13).to(dtype);
            Tensor m = Tensor.zeros(7, 13).to(dtype);
            Tensor v = Tensor.zeros(7, 13).to(dtype);
            Adam adam = new Adam(List.of(fused), LR);
            for (int t = 1; t <= 6; t++) {
                Tensor g = random(rng, dtype, 7, 13);
                adam.zeroGrad();
                fused.mul(g).sum().backward(); // the gradient is g itself
                adam.step();
                try (var off = NoGrad.enter()) {
                    m.mulInPlace(BETA1).addInPlace(g, 1 - BETA1);
                    v.mulInPlace(BETA2).addcmulInPlace(g, g, 1 - BETA2);
                    double biasCorrection1 = 1 - Math.pow(BETA1, t);
                    double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(BETA2, t));
                    composed.addcdivInPlace(m, v.sqrt().div(biasCorrection2Sqrt).add(EPS), -LR / biasCorrection1);
                }
                assertEquals(dtype, fused.dtype());
                assertArrayEquals(composed.toArray(), fused.toArray(), 0.0, dtype + " step " + t);
            }
        }
    }
}
