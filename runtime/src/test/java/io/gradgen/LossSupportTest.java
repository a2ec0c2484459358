package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.autograd.BackwardFunction;
import io.gradgen.autograd.NoGrad;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossSupportTest {

    private static final String[] NAMES = {"pred", "target"};

    @Test
    void dataAndWrapShareTheArray() {
        Tensor t = Tensor.ones(2);
        assertSame(LossSupport.data(t), LossSupport.data(t));
        double[] raw = {1, 2, 3, 4};
        Tensor w = LossSupport.wrap(raw, new int[] {2, 2});
        assertSame(raw, LossSupport.data(w));
        assertTrue(w.isLeaf());
        assertFalse(w.requiresGrad());
        assertEquals(4, w.get(1, 1));
    }

    @Test
    void resultIsNonLeafWithGradFn() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        BackwardFunction fn = new BackwardFunction() {
            @Override
            public String name() {
                return "IdBackward";
            }

            @Override
            public List<Tensor> inputs() {
                return List.of(x);
            }

            @Override
            public Tensor[] apply(Tensor gradOutput) {
                return new Tensor[] {gradOutput};
            }
        };
        double[] raw = {5, 6};
        Tensor r = LossSupport.result(raw, new int[] {2}, fn);
        assertSame(raw, LossSupport.data(r));
        assertSame(fn, r.gradFn());
        assertTrue(r.requiresGrad());
        assertFalse(r.isLeaf());
    }

    @Test
    void wrapValidatesLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossSupport.wrap(new double[3], new int[] {2, 2}));
        assertEquals("LossSupport: data has 3 elements but shape [2, 2] needs 4", e.getMessage());
    }

    @Test
    void needsGradHonoursGradMode() {
        Tensor a = Tensor.ones(1);
        Tensor b = Tensor.ones(1).requiresGrad(true);
        assertFalse(LossSupport.needsGrad(a));
        assertTrue(LossSupport.needsGrad(b));
        assertTrue(LossSupport.needsGrad(a, b));
        assertTrue(LossSupport.needsGrad(a, a, b));
        assertTrue(LossSupport.needsGrad(a, a, a, b));
        assertFalse(LossSupport.needsGrad(a, a, a, a));
        assertFalse(NoGrad.call(() -> LossSupport.needsGrad(b)));
        assertFalse(NoGrad.call(() -> LossSupport.needsGrad(a, a, a, b)));
    }

    @Test
    void versionCountsInPlaceWritesAndCheckVersionReportsStaleValues() {
        Tensor t = Tensor.ones(2);
        int v0 = LossSupport.version(t);
        LossSupport.checkVersion("HuberLossBackward", t, v0);
        t.mulInPlace(2);
        assertEquals(v0 + 1, LossSupport.version(t));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LossSupport.checkVersion("HuberLossBackward", t, v0));
        assertEquals("HuberLossBackward: a tensor of shape [2] that this gradient needs was modified in place after the"
                + " forward pass (it is at version 1, expected 0); call backward() before updating it in place, or"
                + " compute the forward pass again after the update", e.getMessage());
    }

    @Test
    void batchShapeOfNoInputsIsScalar() {
        assertArrayEquals(new int[0], LossSupport.elementBatchShape("L", new String[0], new Tensor[0]));
        assertArrayEquals(new int[0], LossSupport.batchShape("L", new String[0], new boolean[0], new Tensor[0]));
    }

    @Test
    void checkArity() {
        LossSupport.checkArity("HuberLoss", NAMES, new Tensor[] {Tensor.ones(1), Tensor.ones(1)});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossSupport.checkArity("HuberLoss", NAMES, new Tensor[3]));
        assertEquals("HuberLoss.forward takes 2 tensors (pred, target), got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LossSupport.checkArity("AbsLoss", new String[] {"x"}, new Tensor[0]));
        assertEquals("AbsLoss.forward takes 1 tensor (x), got 0", e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> LossSupport.checkArity("HuberLoss", NAMES, new Tensor[] {null, Tensor.ones(1)}));
        assertEquals("HuberLoss.forward: pred is null", npe.getMessage());
        npe = assertThrows(NullPointerException.class, () -> LossSupport.checkArity("HuberLoss", NAMES, null));
        assertEquals("HuberLoss.forward: the inputs array is null", npe.getMessage());
    }

    @Test
    void elementBatchShape() {
        Tensor a = Tensor.zeros(3, 4);
        assertArrayEquals(new int[] {3, 4},
                LossSupport.elementBatchShape("HuberLoss", NAMES, new Tensor[] {a, Tensor.zeros(3, 4)}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossSupport.elementBatchShape("HuberLoss", NAMES, new Tensor[] {a, Tensor.zeros(4)}));
        assertEquals("HuberLoss: pred has shape [3, 4] but target has shape [4]; every input must have the batch shape",
                e.getMessage());
    }

    @Test
    void batchShapeWithRows() {
        String[] names = {"logits", "target"};
        boolean[] rows = {true, false};
        assertArrayEquals(new int[] {2, 3}, LossSupport.batchShape("CE", names, rows,
                new Tensor[] {Tensor.zeros(2, 3, 5), Tensor.zeros(2, 3)}));
        assertArrayEquals(new int[0], LossSupport.batchShape("CE", names, rows,
                new Tensor[] {Tensor.zeros(5), Tensor.scalar(1)}));
        assertArrayEquals(new int[] {4}, LossSupport.batchShape("Dot", new String[] {"a", "b"},
                new boolean[] {true, true}, new Tensor[] {Tensor.zeros(4, 3), Tensor.zeros(4, 7)}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossSupport.batchShape("CE", names, new boolean[] {false, true},
                        new Tensor[] {Tensor.zeros(3), Tensor.zeros(2, 3)}));
        assertEquals("CE: logits has shape [3] but target has shape [2, 3] (batch shape [2]); every input must have the"
                + " same batch shape (a row parameter's shape without its last dimension)", e.getMessage());
        assertEquals(5, LossSupport.rowLength(Tensor.zeros(2, 5)));
        assertEquals(6, LossSupport.numel(new int[] {2, 3}));
        assertEquals(1, LossSupport.numel(new int[0]));
    }

    @Test
    void checkIndex() {
        assertEquals(3, LossSupport.checkIndex("CE", "target", 3.0, 0, 4));
        assertEquals(0, LossSupport.checkIndex("CE", "target", -0.0, 0, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossSupport.checkIndex("CE", "target", 4.0, 7, 4));
        assertEquals("CE: target at batch position 7 is 4.0, which is out of range; expected an integer in [0, 4)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LossSupport.checkIndex("CE", "target", -1, 7, 4));
        assertEquals("CE: target at batch position 7 is -1.0, which is out of range; expected an integer in [0, 4)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LossSupport.checkIndex("CE", "target", 2.5, 5, 4, new int[] {2, 3}));
        assertEquals("CE: target at batch position 5 ([1, 2]) is 2.5, which is not an integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LossSupport.checkIndex("CE", "target", Double.NaN, 0, 4));
        assertEquals("CE: target at batch position 0 is NaN, which is not an integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LossSupport.checkIndex("CE", "target", Double.POSITIVE_INFINITY, 0, 4));
        assertEquals("CE: target at batch position 0 is Infinity, which is not an integer", e.getMessage());
    }

    @Test
    void checkIntegral() {
        assertEquals(-12, LossSupport.checkIntegral("L", "k", -12.0, 0));
        assertEquals(7, LossSupport.checkIntegral("L", "k", 7.0, 0, new int[] {3}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossSupport.checkIntegral("L", "k", 0.1, 2));
        assertEquals("L: k at batch position 2 is 0.1, which is not an integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LossSupport.checkIntegral("L", "k", 1e10, 2, new int[] {3}));
        assertEquals("L: k at batch position 2 ([2]) is 1.0E10, which is outside the range of int", e.getMessage());
    }
}
