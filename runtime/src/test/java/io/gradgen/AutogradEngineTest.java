package io.gradgen;

import static io.gradgen.Checks.assertTensor;
import static io.gradgen.Checks.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.autograd.BackwardFunction;
import io.gradgen.autograd.NoGrad;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutogradEngineTest {

    @Test
    void diamondXTimesXPlusX() {
        Tensor x = Tensor.of(new double[] {-1, 0, 2}, 3).requiresGrad(true);
        x.mul(x).add(x).sum().backward();
        assertTensor(x.grad(), shape(3), -1, 1, 5); // 2x + 1
    }

    @Test
    void tensorUsedByTwoConsumersGetsBothContributions() {
        Tensor x = Tensor.of(new double[] {3}, 1).requiresGrad(true);
        Tensor y = x.exp();
        Tensor z = y.mul(2).add(y.sin()); // dz/dx = (2 + cos(e^x)) e^x
        z.sum().backward();
        double e = Math.exp(3);
        assertEquals((2 + Math.cos(e)) * e, x.grad().item(), 1e-9);
    }

    @Test
    void sharedSubgraphIsDifferentiatedOnce() {
        // y feeds three consumers; its backward must see the sum of their gradients in one call
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        int[] calls = new int[1];
        Tensor y = custom(x, g -> {
            calls[0]++;
            return g;
        });
        y.add(y).add(y).sum().backward();
        assertEquals(1, calls[0]);
        assertTensor(x.grad(), shape(2), 3, 3);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsAndGraphIsKept() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        assertTensor(x.grad(), shape(2), 2, 4);
        loss.backward();
        assertTensor(x.grad(), shape(2), 4, 8);
    }

    @Test
    void gradTensorKeepsIdentityAcrossAccumulationAndZeroGrad() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        assertNull(x.grad());
        x.sum().backward();
        Tensor grad = x.grad();
        double[] array = LossBatch.data(grad);
        x.sum().backward();
        assertSame(grad, x.grad());
        assertSame(array, LossBatch.data(x.grad()));
        assertTensor(grad, shape(2), 2, 2);
        x.zeroGrad();
        assertSame(grad, x.grad());
        assertSame(array, LossBatch.data(x.grad()));
        assertTensor(x.grad(), shape(2), 0, 0);
        x.mul(3).sum().backward();
        assertSame(array, LossBatch.data(x.grad()));
        assertTensor(x.grad(), shape(2), 3, 3);
    }

    @Test
    void zeroGradWithoutGradientDoesNothingAndClearGradDropsIt() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        x.zeroGrad();
        assertNull(x.grad());
        x.sum().backward();
        x.clearGrad();
        assertNull(x.grad());
        x.sum().backward();
        assertTensor(x.grad(), shape(2), 1, 1);
    }

    @Test
    void firstGradientIsACopyNotTheSeed() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor seed = Tensor.of(new double[] {5, 6}, 2);
        x.backward(seed);
        assertTensor(x.grad(), shape(2), 5, 6);
        x.backward(seed);
        assertTensor(seed, shape(2), 5, 6);
        assertTensor(x.grad(), shape(2), 10, 12);
    }

    @Test
    void nonLeafTensorsDoNotKeepGradUnlessRetained() {
        Tensor x = Tensor.of(new double[] {2}, 1).requiresGrad(true);
        Tensor y = x.mul(3);
        Tensor z = x.mul(4).retainGrad();
        y.add(z).mul(y).sum().backward(); // (3x + 4x) * 3x
        assertNull(y.grad());
        assertTensor(z.grad(), shape(1), 6); // d/dz = y = 3x
        assertTensor(x.grad(), shape(1), 84); // 42x
    }

    @Test
    void leafAndGraphFlags() {
        Tensor x = Tensor.ones(2);
        assertTrue(x.isLeaf());
        assertFalse(x.requiresGrad());
        assertNull(x.gradFn());
        assertSame(x, x.requiresGrad(true));
        Tensor y = x.mul(2);
        assertFalse(y.isLeaf());
        assertTrue(y.requiresGrad());
        assertEquals("MulBackward", y.gradFn().name());
        assertSame(y, y.requiresGrad(true));
        Tensor plain = Tensor.ones(2).mul(2);
        assertTrue(plain.isLeaf());
        assertFalse(plain.requiresGrad());
        Tensor d = y.detach();
        assertTrue(d.isLeaf());
        assertFalse(d.requiresGrad());
        assertTensor(d, shape(2), 2, 2);
    }

    @Test
    void inputsThatDoNotRequireGradGetNoGradient() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor c = Tensor.ones(2);
        x.mul(c).sum().backward();
        assertNull(c.grad());
        assertNotNull(x.grad());
    }

    @Test
    void longChainDoesNotOverflowTheStack() {
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 200_000; i++) {
            y = y.add(0.0);
        }
        y.backward();
        assertEquals(1.0, x.grad().item());
    }

    @Test
    void backwardOnLeafSetsItsOwnGradient() {
        Tensor x = Tensor.scalar(4).requiresGrad(true);
        x.backward();
        assertEquals(1.0, x.grad().item());
    }

    @Test
    void backwardWithGradientOnNonScalarComputesVectorJacobianProduct() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
        x.mul(x).backward(Tensor.of(new double[] {1, 10, 100}, 3));
        assertTensor(x.grad(), shape(3), 2, 40, 600);
    }

    @Test
    void oneElementNonScalarTensorsCanCallBackward() {
        Tensor x = Tensor.of(new double[] {3}, 1, 1).requiresGrad(true);
        x.mul(x).backward();
        assertTensor(x.grad(), shape(1, 1), 6);
    }

    @Test
    void customBackwardFunctionFlowsIntoBuiltInOps() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor y = custom(x.mul(2), g -> g.mul(10));
        y.sum().backward();
        assertTensor(x.grad(), shape(2), 20, 20);
    }

    @Test
    void aBackwardStartedInsideABackwardFunctionWalksItsOwnGraph() {
        // the engine keeps its walk's arrays from pass to pass; a pass started from inside a
        // backward function must not reuse the arrays of the pass that is running
        Tensor inner = Tensor.of(new double[] {3}, 1).requiresGrad(true);
        Tensor cube = inner.mul(inner).mul(inner).sum();
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor y = custom(x.mul(2).exp().log(), g -> {
            cube.backward();
            return g.mul(10);
        });
        y.sum().backward();
        assertTensor(x.grad(), shape(2), 20, 20);
        assertEquals(27.0, inner.grad().item(), 0.0);
    }

    @Test
    void passesOverGraphsOfDifferentSizesReuseTheWalkCorrectly() {
        // a deep chain grows the walk's arrays, a small graph after it must see none of its nodes
        Tensor x = Tensor.of(new double[] {0.5}, 1).requiresGrad(true);
        Tensor deep = x;
        for (int k = 0; k < 200; k++) {
            deep = deep.add(1.0);
        }
        deep.sum().backward();
        assertEquals(1.0, x.grad().item(), 0.0);
        Tensor z = Tensor.of(new double[] {2}, 1).requiresGrad(true);
        z.mul(z).sum().backward();
        assertEquals(4.0, z.grad().item(), 0.0);
        assertEquals(1.0, x.grad().item(), 0.0);
    }

    @Test
    void customBackwardReturningWrongShapeIsReported() {
        Tensor x = Tensor.ones(2, 3).requiresGrad(true);
        Tensor y = custom(x, g -> Tensor.ones(3));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("TestBackward returned a gradient of shape [3] for input 0 of shape [2, 3]; each gradient must"
                + " have its input's shape", e.getMessage());
    }

    @Test
    void customBackwardReturningWrongCountIsReported() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        BackwardFunction bad = new BackwardFunction() {
            @Override
            public String name() {
                return "BadBackward";
            }

            @Override
            public List<Tensor> inputs() {
                return List.of(x);
            }

            @Override
            public Tensor[] apply(Tensor gradOutput) {
                return new Tensor[] {gradOutput, gradOutput};
            }
        };
        Tensor y = LossResults.result(new double[] {1, 1}, new int[] {2}, bad);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("BadBackward.apply returned 2 gradients but the node has 1 inputs; return one entry per input (null"
                + " for inputs that need no gradient)", e.getMessage());
    }

    @Test
    void nullGradientsAndInputsWithoutGradAreSkipped() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor c = Tensor.ones(2);
        BackwardFunction fn = new BackwardFunction() {
            @Override
            public String name() {
                return "PartialBackward";
            }

            @Override
            public List<Tensor> inputs() {
                return List.of(x, c);
            }

            @Override
            public Tensor[] apply(Tensor gradOutput) {
                // a wrongly shaped gradient for the input that needs none must be ignored
                return new Tensor[] {null, Tensor.zeros(7)};
            }
        };
        Tensor y = LossResults.result(new double[] {1, 1}, new int[] {2}, fn);
        y.sum().backward();
        assertNull(x.grad());
        assertNull(c.grad());
    }

    @Test
    void backwardFunctionsRunWithGradModeDisabled() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        boolean[] enabledInside = {true};
        Tensor y = custom(x, g -> {
            enabledInside[0] = io.gradgen.autograd.GradMode.isEnabled();
            return g.mul(x);
        });
        y.sum().backward();
        assertFalse(enabledInside[0]);
        assertTrue(io.gradgen.autograd.GradMode.isEnabled());
        assertTrue(x.grad().isLeaf());
        assertFalse(x.grad().requiresGrad());
    }

    @Test
    void inPlaceUpdateOfSavedTensorMakesBackwardFail() {
        Tensor w = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor loss = w.mul(w).sum();
        NoGrad.run(() -> w.addInPlace(Tensor.ones(2), 1.0));
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertEquals("MulBackward: a tensor of shape [2] that this gradient needs was modified in place after the"
                + " forward pass (it is at version 1, expected 0); call backward() before updating it in place, or"
                + " compute the forward pass again after the update", e.getMessage());
    }

    @Test
    void inPlaceUpdateOfTensorNotSavedIsFine() {
        Tensor w = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor loss = w.add(1).sum();
        NoGrad.run(() -> w.mulInPlace(3));
        loss.backward();
        assertTensor(w.grad(), shape(2), 1, 1);
    }

    @Test
    void inPlaceOnTensorRequiringGradNeedsNoGrad() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.mulInPlace(2));
        assertEquals("mulInPlace: a tensor that requires grad cannot be modified in place while grad mode is enabled,"
                + " because the recorded graph would compute wrong gradients; do the update inside try (var g ="
                + " NoGrad.enter()) { ... }", e.getMessage());
        NoGrad.run(() -> w.mulInPlace(2));
        assertTensor(w, shape(2), 2, 2);
        Tensor plain = Tensor.ones(2);
        plain.fillInPlace(5);
        assertTensor(plain, shape(2), 5, 5);
    }

    @Test
    void inPlaceOperations() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        t.addInPlace(Tensor.of(new double[] {10, 20}, 2), 0.5);
        assertTensor(t, shape(2, 2), 6, 12, 8, 14);
        t.mulInPlace(0.5);
        assertTensor(t, shape(2, 2), 3, 6, 4, 7);
        t.addcmulInPlace(Tensor.full(2, 2, 2), Tensor.of(new double[] {1, 2, 3, 4}, 2, 2), 0.5);
        assertTensor(t, shape(2, 2), 4, 8, 7, 11);
        t.addcdivInPlace(Tensor.of(new double[] {4, 8, 7, 11}, 2, 2), Tensor.scalar(2), -1);
        assertTensor(t, shape(2, 2), 2, 4, 3.5, 5.5);
        t.copyInPlace(Tensor.scalar(9));
        assertTensor(t, shape(2, 2), 9, 9, 9, 9);
        t.fillInPlace(0);
        assertTensor(t, shape(2, 2), 0, 0, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.addInPlace(Tensor.zeros(3, 2, 2), 1));
        assertEquals("addInPlace: a tensor of shape [3, 2, 2] cannot be broadcast to this tensor's shape [2, 2]",
                e.getMessage());
    }

    @Test
    void detachDoesNotShareStorage() {
        Tensor x = Tensor.ones(2);
        Tensor d = x.detach();
        d.fillInPlace(3);
        assertTensor(x, shape(2), 1, 1);
    }

    @Test
    void equalsIsIdentity() {
        Tensor a = Tensor.ones(2);
        Tensor b = Tensor.ones(2);
        assertFalse(a.equals(b));
        assertTrue(a.allClose(b, 0, 0));
        assertFalse(a.allClose(Tensor.ones(1, 2), 0, 0));
        assertFalse(a.allClose(Tensor.full(1.1, 2), 0, 0.05));
        assertTrue(a.allClose(Tensor.full(1.1, 2), 0.1, 0));
    }

    /**
     * A non-leaf over {@code x}'s values whose backward applies {@code rule}. A hand-written
     * {@code BackwardFunction} rather than a generated class on purpose, like the anonymous ones in
     * this test: the engine's checks need backwards that break the contract (wrong shapes or counts,
     * null gradients, reading grad mode), which no generated class can produce. Generated classes
     * meet the engine in the contract-tests module.
     */
    private static Tensor custom(Tensor x, java.util.function.UnaryOperator<Tensor> rule) {
        BackwardFunction fn = new BackwardFunction() {
            @Override
            public String name() {
                return "TestBackward";
            }

            @Override
            public List<Tensor> inputs() {
                return List.of(x);
            }

            @Override
            public Tensor[] apply(Tensor gradOutput) {
                return new Tensor[] {rule.apply(gradOutput)};
            }
        };
        return LossResults.result(x.toArray(), x.shape(), fn);
    }
}
