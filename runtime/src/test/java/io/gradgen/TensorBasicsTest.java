package io.gradgen;

import static io.gradgen.Checks.assertTensor;
import static io.gradgen.Checks.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorBasicsTest {

    @Test
    void ofCopiesData() {
        double[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(data, 2, 3);
        data[0] = 100;
        assertTensor(t, shape(2, 3), 1, 2, 3, 4, 5, 6);
        double[] out = t.toArray();
        out[1] = 100;
        assertEquals(2, t.get(0, 1));
        int[] s = t.shape();
        s[0] = 9;
        assertArrayEquals(shape(2, 3), t.shape());
    }

    @Test
    void vectorIsOneDimensionalAndOfWithEmptyShapeIsZeroDim() {
        assertTensor(Tensor.vector(1, 2, 3), shape(3), 1, 2, 3);
        assertTensor(Tensor.of(new double[] {5}), shape(), 5);
        Tensor scalar = Tensor.scalar(2);
        assertTensor(Tensor.of(scalar.toArray(), scalar.shape()), shape(), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[] {1, 2, 3}));
        assertEquals("Tensor.of: data has 3 elements but shape [] needs 1; for a 1-D tensor pass its length,"
                + " Tensor.of(data, 3), or use Tensor.vector(...)", e.getMessage());
    }

    @Test
    void ofRows() {
        assertTensor(Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}), shape(3, 2), 1, 2, 3, 4, 5, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[][] {{1, 2}, {3}}));
        assertEquals("Tensor.of: row 1 has 1 elements but row 0 has 2; all rows must have the same length",
                e.getMessage());
    }

    @Test
    void factories() {
        assertTensor(Tensor.scalar(2.5), shape(), 2.5);
        assertEquals(0, Tensor.scalar(2.5).dim());
        assertEquals(1, Tensor.scalar(2.5).numel());
        assertTensor(Tensor.zeros(2, 2), shape(2, 2), 0, 0, 0, 0);
        assertTensor(Tensor.ones(3), shape(3), 1, 1, 1);
        assertTensor(Tensor.full(7, 1, 2), shape(1, 2), 7, 7);
        assertTensor(Tensor.zeros(), shape(), 0);
        assertTensor(Tensor.arange(4), shape(4), 0, 1, 2, 3);
        assertTensor(Tensor.linspace(0, 1, 5), shape(5), 0, 0.25, 0.5, 0.75, 1);
        assertEquals(0, Tensor.zeros(3, 0).numel());
    }

    @Test
    void randomFactoriesAreReproducibleAndInRange() {
        Tensor a = Tensor.randn(new Random(42), 100);
        Tensor b = Tensor.randn(new Random(42), 100);
        assertArrayEquals(a.toArray(), b.toArray());
        Tensor u = Tensor.rand(new Random(1), 1000);
        for (double v : u.toArray()) {
            assertTrue(v >= 0 && v < 1, "rand value " + v);
        }
        double mean = a.mean().item();
        assertTrue(Math.abs(mean) < 0.5, "randn mean " + mean);
    }

    @Test
    void accessors() {
        Tensor t = Tensor.arange(24).reshape(2, 3, 4);
        assertEquals(3, t.dim());
        assertEquals(24, t.numel());
        assertEquals(4, t.size(-1));
        assertEquals(2, t.size(0));
        assertEquals(23, t.get(1, 2, 3));
        assertEquals(13, t.get(1, 0, 1));
        assertEquals(5, Tensor.scalar(5).get());
        assertEquals(5, Tensor.scalar(5).item());
        assertEquals(5, Tensor.full(5, 1, 1, 1).item());
    }

    @Test
    void ofRejectsWrongLengthNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[] {1, 2, 3, 4, 5}, 2, 3));
        assertEquals("Tensor.of: data has 5 elements but shape [2, 3] needs 6", e.getMessage());
    }

    @Test
    void factoriesRejectNegativeDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[0], 2, -1));
        assertEquals("Tensor.of: shape [2, -1] has a negative dimension -1; every dimension must be >= 0",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(-3));
        assertEquals("Tensor.zeros: shape [-3] has a negative dimension -3; every dimension must be >= 0",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.randn(new Random(), 2, -2));
        assertTrue(e.getMessage().startsWith("Tensor.randn: shape [2, -2] has a negative dimension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(65536, 65536));
        assertEquals("Tensor.ones: shape [65536, 65536] has more than Integer.MAX_VALUE elements", e.getMessage());
    }

    @Test
    void itemNeedsExactlyOneElement() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.zeros(2, 3).item());
        assertEquals("item() needs a tensor with exactly one element, but this one has shape [2, 3] (6 elements); use"
                + " get(...) or toArray() instead", e.getMessage());
    }

    @Test
    void getIsBoundsChecked() {
        Tensor t = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.get(1, 3));
        assertEquals("get: index [1, 3] is out of bounds for shape [2, 3] (index 3 in dimension 1 of size 3)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.get(-1, 0));
        assertEquals("get: index [-1, 0] is out of bounds for shape [2, 3] (index -1 in dimension 0 of size 2)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.get(1));
        assertEquals("get: index [1] has 1 entries but the tensor has shape [2, 3] (2 dimensions)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.size(2));
        assertEquals("size: dimension 2 is out of range for shape [2, 3] (expected a value in [-2, 1])", e.getMessage());
    }

    @Test
    void backwardWithoutGradientOnNonScalarSaysToPassOne() {
        Tensor y = Tensor.ones(2, 3).requiresGrad(true).mul(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("backward() without a gradient needs a one-element tensor, but this one has shape [2, 3]; call"
                + " backward(gradient) with a gradient of shape [2, 3] (for example Tensor.ones(2, 3)) or reduce this"
                + " tensor first, e.g. with sum() or mean()", e.getMessage());
    }

    @Test
    void backwardOnTensorWithoutGradSaysWhatToDo() {
        Tensor y = Tensor.ones(2).mul(2).sum();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("element 0 of tensors does not require grad and does not have a grad_fn"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Call requiresGrad(true) on the leaf tensors"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> y.backward(Tensor.ones()));
    }

    @Test
    void backwardGradientShapeMustMatch() {
        Tensor y = Tensor.ones(2, 3).requiresGrad(true).mul(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(3)));
        assertEquals("backward: gradient has shape [3] but the tensor has shape [2, 3]; they must be equal",
                e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> y.backward(null));
        assertTrue(npe.getMessage().startsWith("backward: gradient is null"), npe.getMessage());
    }

    @Test
    void requiresGradFalseOnNonLeafIsRejected() {
        Tensor y = Tensor.ones(2).requiresGrad(true).mul(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertEquals("requiresGrad(false) can only be called on a leaf tensor, but this one was computed by MulBackward;"
                + " use detach() to get a copy that is not part of the graph", e.getMessage());
    }

    @Test
    void retainGradNeedsGrad() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.ones(1).retainGrad());
        assertEquals("retainGrad() needs a tensor that requires grad; this one does not", e.getMessage());
    }
}
