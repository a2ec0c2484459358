package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.gradgen.nn.Linear;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime half of fused losses: {@code zeroGrad()} deferring its zeroing, and the arrays a
 * fused forward fills ({@link LossResults#fusedGradients}) and its backward delivers
 * ({@link LossResults#deliverFused}).
 */
class FusedGradientsTest {

    @AfterEach
    void clearTheSwitch() {
        LossResults.fusing(true);
    }

    private static Tensor leafWithGradient(double... grad) {
        Tensor x = Tensor.of(new double[grad.length], grad.length).requiresGrad(true);
        x.mul(Tensor.of(grad, grad.length)).sum().backward();
        return x;
    }

    @Test
    void zeroGradKeepsTheGradientTensorAndReadsAsZeros() {
        Tensor x = leafWithGradient(1, 2, 3);
        Tensor before = x.grad();
        x.zeroGrad();
        assertSame(before, x.grad());
        assertArrayEquals(new double[3], x.grad().toArray());
    }

    @Test
    void aBackwardAfterZeroGradWritesOnlyTheNewGradient() {
        Tensor x = leafWithGradient(1, 2, 3);
        Tensor before = x.grad();
        x.zeroGrad();
        x.mul(Tensor.of(new double[] {4, 5, 6}, 3)).sum().backward();
        assertSame(before, x.grad());
        assertArrayEquals(new double[] {4, 5, 6}, x.grad().toArray());
        // and accumulates from there, as without the deferral
        x.mul(Tensor.of(new double[] {1, 1, 1}, 3)).sum().backward();
        assertArrayEquals(new double[] {5, 6, 7}, x.grad().toArray());
    }

    @Test
    void linearAfterZeroGradAddsIntoZeros() {
        Linear layer = new Linear(3, 2, new Random(1));
        Tensor input = Tensor.of(new double[] {1, -2, 0.5, 3, 0, -1}, 2, 3);
        layer.forward(input).sum().backward();
        double[] once = layer.weight().grad().toArray();
        layer.zeroGrad();
        layer.forward(input).sum().backward();
        assertArrayEquals(once, layer.weight().grad().toArray());
    }

    @Test
    void fusingNeedsEveryLeafGradientAbsentOrZeroed() {
        Tensor fresh = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor constant = Tensor.of(new double[] {1, 2}, 2);
        double[][] arrays = LossResults.fusedGradients(fresh, constant);
        assertNotNull(arrays);
        assertNotNull(arrays[0]);
        assertNull(arrays[1]);

        Tensor holding = leafWithGradient(1, 2);
        assertNull(LossResults.fusedGradients(fresh, holding));
        holding.zeroGrad();
        assertNotNull(LossResults.fusedGradients(fresh, holding));

        LossResults.fusing(false);
        assertNull(LossResults.fusedGradients(fresh));
    }

    @Test
    void aZeroedLeafAdoptsTheArrayAndTheNextForwardReusesTheOldOne() {
        Tensor x = leafWithGradient(1, 2, 3);
        Tensor gradTensor = x.grad();
        double[] previous = gradTensor.data;
        x.zeroGrad();
        double[][] arrays = LossResults.fusedGradients(x);
        double[] filled = arrays[0];
        filled[0] = 7;
        filled[1] = 8;
        filled[2] = 9;
        assertArrayEquals(new Tensor[] {null}, LossResults.deliverFused(Tensor.scalar(1.0), arrays, x));
        assertSame(gradTensor, x.grad());
        assertSame(filled, x.grad().data);
        assertArrayEquals(new double[] {7, 8, 9}, x.grad().toArray());

        x.zeroGrad();
        assertSame(previous, LossResults.fusedGradients(x)[0], "the array the adoption exchanged out");
    }

    @Test
    void aLeafWithoutGradientTakesTheArrayAsItsGradient() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        double[][] arrays = LossResults.fusedGradients(x);
        arrays[0][0] = 3;
        arrays[0][1] = 4;
        LossResults.deliverFused(Tensor.scalar(1.0), arrays, x);
        assertArrayEquals(new double[] {3, 4}, x.grad().toArray());
    }

    @Test
    void aGradientThatGainedValuesInBetweenGetsTheArrayAdded() {
        Tensor x = leafWithGradient(1, 2);
        x.zeroGrad();
        double[][] arrays = LossResults.fusedGradients(x);
        arrays[0][0] = 10;
        arrays[0][1] = 20;
        x.mul(Tensor.of(new double[] {1, 1}, 2)).sum().backward();
        LossResults.deliverFused(Tensor.scalar(1.0), arrays, x);
        assertArrayEquals(new double[] {11, 21}, x.grad().toArray());
        assertNotSame(arrays[0], x.grad().data);
    }

    @Test
    void aComputedInputGetsTheArrayAsItsGradientTensor() {
        Tensor leaf = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor computed = leaf.mul(2.0);
        double[][] arrays = LossResults.fusedGradients(computed);
        arrays[0][0] = 5;
        arrays[0][1] = 6;
        Tensor[] results = LossResults.deliverFused(Tensor.scalar(1.0), arrays, computed);
        assertSame(arrays[0], results[0].data);
        assertArrayEquals(new int[] {2}, results[0].shape());
    }

    @Test
    void anUpstreamGradientOtherThanOneIsNotDelivered() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        double[][] arrays = LossResults.fusedGradients(x);
        assertNull(LossResults.deliverFused(Tensor.scalar(2.0), arrays, x));
        assertNull(x.grad());
    }

    @Test
    void clearGradDropsTheSpareArray() {
        Tensor x = leafWithGradient(1, 2);
        double[] previous = x.grad().data;
        x.zeroGrad();
        double[][] arrays = LossResults.fusedGradients(x);
        LossResults.deliverFused(Tensor.scalar(1.0), arrays, x);
        x.clearGrad();
        assertNotSame(previous, LossResults.fusedGradients(x)[0]);
    }
}
