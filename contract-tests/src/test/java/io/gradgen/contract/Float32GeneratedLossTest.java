package io.gradgen.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradgen.DType;
import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What a generated loss gives for FLOAT32 inputs before its kernels read floats: correct values from
 * widened copies, a FLOAT32 result where a backward is recorded, and FLOAT32 gradients.
 */
class Float32GeneratedLossTest {

    @Test
    void aRecordedLossOfFloatInputsIsFloatAndSoAreItsGradients() {
        float[] p = {0.2f, -1.5f, 3f, 0.9f};
        Tensor pred = Tensor.of(p, 2, 2).requiresGrad(true);
        Tensor target = Tensor.zeros(2, 2);
        Tensor loss = new HuberLoss().forward(pred, target);
        assertEquals(DType.FLOAT32, loss.dtype());
        double expected = (0.5 * 0.2f * 0.2f + (1.5 - 0.5) + (3 - 0.5) + 0.5 * 0.9f * 0.9f) / 4;
        assertEquals((float) expected, loss.item(), 0.0);
        loss.backward();
        assertEquals(DType.FLOAT32, pred.grad().dtype());
        assertArrayEquals(new double[] {(float) (0.2f / 4.0), -0.25, 0.25, (float) (0.9f / 4.0)}, pred.grad().toArray());
    }

    @Test
    void gradientsReachFloatParametersThroughAGeneratedLoss() {
        Linear layer = new Linear(3, 1, new Random(3)).to(DType.FLOAT32);
        Tensor x = Tensor.randn(new Random(4), 8, 3).to(DType.FLOAT32);
        Tensor y = Tensor.randn(new Random(5), 8, 1);
        new HuberLoss().forward(layer.forward(x), y).backward();
        assertEquals(DType.FLOAT32, layer.weight().grad().dtype());
        assertEquals(DType.FLOAT32, layer.bias().grad().dtype());
    }
}
