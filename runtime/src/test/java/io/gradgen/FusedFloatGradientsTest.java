package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime half of the float kernels of generated losses: {@link LossKernels#floatKernels},
 * {@link LossBatch#floats}, the float arrays a fused forward fills and their delivery to FLOAT32
 * leaves (the array itself, reused from step to step) and to computed tensors.
 */
class FusedFloatGradientsTest {

    @AfterEach
    void clearTheSwitch() {
        System.clearProperty("gradgen.float32");
    }

    @Test
    void floatKernelsOnlyWhenEveryInputIsFloat32() {
        Tensor f = Tensor.of(new float[] {1, 2}, 2);
        Tensor d = Tensor.of(new double[] {1, 2}, 2);
        assertTrue(LossKernels.floatKernels(f, f));
        assertFalse(LossKernels.floatKernels(f, d));
        System.setProperty("gradgen.float32", "false");
        assertFalse(LossKernels.floatKernels(f, f));
    }

    @Test
    void floatsIsTheArrayItselfAndRefusesFloat64() {
        float[] data = {1, 2, 3};
        Tensor f = Tensor.of(data, 3);
        assertArrayEquals(data, LossBatch.floats(f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossBatch.floats(Tensor.of(new double[] {1}, 1)));
        assertTrue(e.getMessage().contains("FLOAT64"), e.getMessage());
    }

    @Test
    void aZeroedFloat32LeafAdoptsTheArrayAndHandsItsOldOneToTheNextStep() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        float[][] first = LossResults.fusedFloatGradients(x);
        first[0][0] = 0.5f;
        assertNull(LossResults.deliverFused(Tensor.scalar(1.0), (Object) first, x)[0]);
        Tensor grad = x.grad();
        assertEquals(DType.FLOAT32, grad.dtype());
        assertArrayEquals(new double[] {0.5, 0, 0}, grad.toArray());
        // a gradient holding values: no fused array (the loss runs two passes and adds)
        assertNull(LossResults.fusedFloatGradients(x));
        x.zeroGrad();
        float[][] second = LossResults.fusedFloatGradients(x);
        second[0][1] = 2f;
        LossResults.deliverFused(Tensor.scalar(1.0), (Object) second, x);
        assertSame(grad, x.grad());
        assertArrayEquals(new double[] {0, 2, 0}, grad.toArray());
        x.zeroGrad();
        // the array the gradient held before the second step is the third step's
        assertSame(first[0], LossResults.fusedFloatGradients(x)[0]);
    }

    @Test
    void aComputedTensorGetsItsFloatGradientFromTheEngine() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor y = x.mul(3.0);
        float[][] fused = LossResults.fusedFloatGradients(y);
        fused[0][0] = 1f;
        fused[0][1] = -1f;
        Tensor[] delivered = LossResults.deliverFused(Tensor.scalar(1.0), (Object) fused, y);
        assertEquals(DType.FLOAT32, delivered[0].dtype());
        assertArrayEquals(new double[] {1, -1}, delivered[0].toArray());
    }

    @Test
    void anUpstreamGradientOtherThanOneIsNotDelivered() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        assertNull(LossResults.deliverFused(Tensor.scalar(2.0), (Object) LossResults.fusedFloatGradients(x), x));
    }

    @Test
    void deliverFusedNamesWhatItWasGiven() {
        Tensor x = Tensor.of(new float[] {1}, 1).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossResults.deliverFused(Tensor.scalar(1.0), (Object) "not arrays", x));
        assertTrue(e.getMessage().contains("expected double[][] or float[][], got String"), e.getMessage());
    }
}
