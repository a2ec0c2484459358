package io.gradgen.generated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.DType;
import io.gradgen.LossSupport;
import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What generated code (public API only) gets for FLOAT32 inputs before its kernels read floats:
 * correct values from widened copies, FLOAT32 results where a backward is recorded, and FLOAT32
 * gradients.
 */
class Float32LossSupportTest {

    @Test
    void dataOfAFloatTensorIsAWidenedCopy() {
        Tensor f = Tensor.of(new float[] {0.1f, 2}, 2);
        double[] first = LossSupport.data(f);
        assertArrayEquals(new double[] {0.1f, 2}, first);
        first[0] = 99;
        assertNotSame(first, LossSupport.data(f), "a new copy per call, so no kernel writes the tensor");
        assertEquals((double) 0.1f, f.get(0));
    }

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

    @Test
    void gradientBuffersOfFloatLeavesAreFreshArrays() {
        Tensor f = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor d = Tensor.vector(1, 2).requiresGrad(true);
        assertFalse(LossSupport.addsIntoGrad(f));
        assertTrue(LossSupport.addsIntoGrad(d));
        assertEquals(2, LossSupport.gradientBuffer(f).length);
        assertNull(f.grad(), "the float leaf's gradient is not touched");
        LossSupport.gradientBuffer(d);
        assertNotNull(d.grad());
    }

    @Test
    void fusedGradientsOfFloatInputsAreDeliveredRoundedToFloat() {
        Tensor leaf = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        double[][] arrays = LossSupport.fusedGradients(leaf);
        arrays[0][0] = 0.1;
        arrays[0][1] = 0.2;
        assertArrayEquals(new Tensor[] {null}, LossSupport.deliverFused(Tensor.of(new float[] {1}), arrays, leaf));
        assertEquals(DType.FLOAT32, leaf.grad().dtype());
        assertArrayEquals(new double[] {0.1f, 0.2f}, leaf.grad().toArray());

        leaf.zeroGrad();
        double[][] again = LossSupport.fusedGradients(leaf);
        again[0][0] = 1;
        again[0][1] = 1;
        LossSupport.deliverFused(Tensor.scalar(1), again, leaf);
        assertArrayEquals(new double[] {1, 1}, leaf.grad().toArray(), "written over the zeroed gradient");
    }

    @Test
    void resultTypeAndTypedWrap() {
        Tensor f = Tensor.of(new float[] {1}, 1);
        Tensor labels = Tensor.vector(2);
        assertEquals(DType.FLOAT32, LossSupport.resultType(f, labels));
        assertEquals(DType.FLOAT64, LossSupport.resultType(labels));
        Tensor wrapped = LossSupport.wrap(new double[] {0.1, 0.2}, new int[] {2}, DType.FLOAT32);
        assertEquals(DType.FLOAT32, wrapped.dtype());
        assertArrayEquals(new double[] {0.1f, 0.2f}, wrapped.toArray());
        double[] raw = {0.1};
        assertSame(raw, LossSupport.data(LossSupport.wrap(raw, new int[0], DType.FLOAT64)));
    }
}
