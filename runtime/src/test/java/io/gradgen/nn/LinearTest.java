package io.gradgen.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Tensor;
import io.gradgen.autograd.GradCheck;
import io.gradgen.autograd.NoGrad;
import io.gradgen.optim.SGD;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearTest {

    @Test
    void parametersHaveTorchShapesAndRequireGrad() {
        Linear layer = new Linear(3, 5, new Random(1));
        assertArrayEquals(new int[] {5, 3}, layer.weight().shape());
        assertArrayEquals(new int[] {5}, layer.bias().shape());
        assertEquals(List.of(layer.weight(), layer.bias()), layer.parameters());
        for (Tensor p : layer.parameters()) {
            assertTrue(p.requiresGrad());
            assertTrue(p.isLeaf());
        }
        assertEquals(3, layer.inFeatures());
        assertEquals(5, layer.outFeatures());
    }

    @Test
    void initialisationWithinPlusMinusOneOverSqrtIn() {
        for (int in : new int[] {1, 4, 100}) {
            Linear layer = new Linear(in, 50, new Random(in));
            double bound = 1 / Math.sqrt(in);
            double max = 0;
            for (Tensor p : layer.parameters()) {
                for (double v : p.toArray()) {
                    assertTrue(Math.abs(v) <= bound, v + " outside +-" + bound);
                    max = Math.max(max, Math.abs(v));
                }
            }
            // the draws actually use the range, rather than sitting near zero
            assertTrue(max > 0.8 * bound, "largest |w| " + max + " for bound " + bound);
        }
    }

    @Test
    void seededLayersAreReproducibleAndUnseededOnesDiffer() {
        assertArrayEquals(new Linear(4, 3, new Random(7)).weight().toArray(),
                new Linear(4, 3, new Random(7)).weight().toArray());
        assertNotEquals(new Linear(4, 3).weight().toArray()[0], new Linear(4, 3).weight().toArray()[0]);
    }

    @Test
    void forwardMapsLastDimension() {
        Linear layer = new Linear(3, 2, new Random(2));
        assertArrayEquals(new int[] {2}, layer.forward(Tensor.zeros(3)).shape());
        assertArrayEquals(new int[] {4, 2}, layer.forward(Tensor.zeros(4, 3)).shape());
        assertArrayEquals(new int[] {5, 4, 2}, layer.forward(Tensor.zeros(5, 4, 3)).shape());
    }

    @Test
    void forwardComputesXTimesWeightTransposedPlusBias() {
        Linear layer = new Linear(2, 2, new Random(3));
        NoGrad.run(() -> {
            layer.weight().copyInPlace(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
            layer.bias().copyInPlace(Tensor.of(new double[] {10, 20}, 2));
        });
        Tensor x = Tensor.of(new double[] {1, 1, 2, 0, 0, 1}, 3, 2);
        // rows: [1,1] -> [1+2, 3+4] + b; [2,0] -> [2, 6] + b; [0,1] -> [2, 4] + b
        assertArrayEquals(new double[] {13, 27, 12, 26, 12, 24}, layer.forward(x).toArray());
        Tensor x3 = x.reshape(3, 1, 2);
        assertArrayEquals(new double[] {13, 27, 12, 26, 12, 24}, layer.forward(x3).toArray());
    }

    @Test
    void gradientsWithRespectToInputAndParameters() {
        Linear layer = new Linear(3, 2, new Random(4));
        Tensor x = Tensor.randn(new Random(5), 2, 4, 3).requiresGrad(true);
        GradCheck.assertGradients(in -> layer.forward(in.get(0)), List.of(x));
        GradCheck.assertGradients(in -> in.get(1).matmul(in.get(0).t()).add(in.get(2)).tanh().sum(),
                List.of(layer.weight(), x, layer.bias()));
    }

    @Test
    void oneSgdStepByHand() {
        // loss = (w·x + b - y)^2 with w = [0.5, -1], b = 0.25, x = [2, 1], y = 1
        // residual r = 1 - 1 + 0.25 - 1 = -0.75; dL/dw = 2 r x = [-3, -1.5]; dL/db = 2 r = -1.5
        // SGD lr 0.1: w = [0.5 + 0.3, -1 + 0.15] = [0.8, -0.85]; b = 0.25 + 0.15 = 0.4
        Linear layer = new Linear(2, 1, new Random(6));
        NoGrad.run(() -> {
            layer.weight().copyInPlace(Tensor.of(new double[] {0.5, -1}, 1, 2));
            layer.bias().fillInPlace(0.25);
        });
        SGD sgd = new SGD(layer.parameters(), 0.1);
        Tensor pred = layer.forward(Tensor.vector(2, 1));
        pred.sub(1).pow(2).sum().backward();
        assertArrayEquals(new double[] {-3, -1.5}, layer.weight().grad().toArray(), 1e-15);
        assertArrayEquals(new double[] {-1.5}, layer.bias().grad().toArray(), 1e-15);
        Tensor weight = layer.weight();
        sgd.step();
        assertSame(weight, layer.weight());
        assertArrayEquals(new double[] {0.8, -0.85}, layer.weight().toArray(), 1e-15);
        assertArrayEquals(new double[] {0.4}, layer.bias().toArray(), 1e-15);
    }

    @Test
    void zeroGradZeroesParameterGradientsInPlace() {
        Linear layer = new Linear(2, 2, new Random(8));
        layer.forward(Tensor.ones(2)).sum().backward();
        Tensor wGrad = layer.weight().grad();
        layer.zeroGrad();
        assertSame(wGrad, layer.weight().grad());
        assertArrayEquals(new double[4], wGrad.toArray());
        assertArrayEquals(new double[2], layer.bias().grad().toArray());
    }

    @Test
    void rejectsBadSizesAndInputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3));
        assertEquals("Linear: in_features and out_features must be > 0, got in_features=0, out_features=3",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Linear(2, -1, new Random()));
        Linear layer = new Linear(3, 2, new Random(9));
        e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(4, 2)));
        assertEquals("Linear(in_features=3, out_features=2, bias=True): input has shape [4, 2] but its last dimension"
                + " must be in_features=3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.scalar(1)));
        assertTrue(e.getMessage().contains("input has shape []"), e.getMessage());
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("Linear(in_features=1, out_features=1, bias=True)", new Linear(1, 1).toString());
    }
}
