package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What the support API gives generated code for FLOAT32 inputs before its kernels read floats:
 * widened copies, fresh gradient arrays, gradients rounded to float. The same through real generated
 * losses: {@code Float32GeneratedLossTest} in the contract-tests module.
 */
class Float32LossSupportTest {

    @Test
    void dataOfAFloatTensorIsAWidenedCopy() {
        Tensor f = Tensor.of(new float[] {0.1f, 2}, 2);
        double[] first = LossBatch.data(f);
        assertArrayEquals(new double[] {0.1f, 2}, first);
        first[0] = 99;
        assertNotSame(first, LossBatch.data(f), "a new copy per call, so no kernel writes the tensor");
        assertEquals((double) 0.1f, f.get(0));
    }

    @Test
    void gradientBuffersOfFloatLeavesAreFreshArrays() {
        Tensor f = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor d = Tensor.vector(1, 2).requiresGrad(true);
        assertFalse(LossResults.addsIntoGrad(f));
        assertTrue(LossResults.addsIntoGrad(d));
        assertEquals(2, LossResults.gradientBuffer(f).length);
        assertNull(f.grad(), "the float leaf's gradient is not touched");
        LossResults.gradientBuffer(d);
        assertNotNull(d.grad());
    }

    @Test
    void fusedGradientsOfFloatInputsAreDeliveredRoundedToFloat() {
        Tensor leaf = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        double[][] arrays = LossResults.fusedGradients(leaf);
        arrays[0][0] = 0.1;
        arrays[0][1] = 0.2;
        assertArrayEquals(new Tensor[] {null}, LossResults.deliverFused(Tensor.of(new float[] {1}), arrays, leaf));
        assertEquals(DType.FLOAT32, leaf.grad().dtype());
        assertArrayEquals(new double[] {0.1f, 0.2f}, leaf.grad().toArray());

        leaf.zeroGrad();
        double[][] again = LossResults.fusedGradients(leaf);
        again[0][0] = 1;
        again[0][1] = 1;
        LossResults.deliverFused(Tensor.scalar(1), again, leaf);
        assertArrayEquals(new double[] {1, 1}, leaf.grad().toArray(), "written over the zeroed gradient");
    }

    @Test
    void resultTypeAndTypedWrap() {
        Tensor f = Tensor.of(new float[] {1}, 1);
        Tensor labels = Tensor.vector(2);
        assertEquals(DType.FLOAT32, LossResults.resultType(f, labels));
        assertEquals(DType.FLOAT64, LossResults.resultType(labels));
        Tensor wrapped = LossResults.wrap(new double[] {0.1, 0.2}, new int[] {2}, DType.FLOAT32);
        assertEquals(DType.FLOAT32, wrapped.dtype());
        assertArrayEquals(new double[] {0.1f, 0.2f}, wrapped.toArray());
        double[] raw = {0.1};
        assertSame(raw, LossBatch.data(LossResults.wrap(raw, new int[0], DType.FLOAT64)));
    }
}
