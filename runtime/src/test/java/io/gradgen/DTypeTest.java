package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.autograd.NoGrad;
import org.junit.jupiter.api.Test;

/** FLOAT32 tensors: construction, conversion, promotion, in-place float arithmetic, printing. */
class DTypeTest {

    private static final DType F32 = DType.FLOAT32;
    private static final DType F64 = DType.FLOAT64;

    @Test
    void ofFloatsCopiesAndReadsBackAsDoubles() {
        float[] values = {0.1f, -2.5f, 3.25f, 1e-3f};
        Tensor t = Tensor.of(values, 2, 2);
        values[0] = 42;
        assertEquals(F32, t.dtype());
        assertArrayEquals(new int[] {2, 2}, t.shape());
        assertArrayEquals(new double[] {0.1f, -2.5f, 3.25f, 1e-3f}, t.toArray());
        assertEquals((double) 0.1f, t.get(0, 0));
        assertEquals(3.25, t.get(1, 0));
        assertEquals(-2.5, Tensor.of(new float[] {-2.5f}).item());
        assertEquals(F64, Tensor.of(new double[] {1}, 1).dtype());
        assertEquals(4, F32.itemSize());
        assertEquals(8, F64.itemSize());
    }

    @Test
    void ofFloatsValidatesLikeOfDoubles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[3], 2, 2));
        assertEquals("Tensor.of: data has 3 elements but shape [2, 2] needs 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[3]));
        assertEquals("Tensor.of: data has 3 elements but shape [] needs 1; for a 1-D tensor pass its length,"
                + " Tensor.of(data, 3), or use Tensor.vector(...)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[0], -1, 0));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Tensor.of((float[]) null, 2));
        assertEquals("Tensor.of: data is null", npe.getMessage());
    }

    @Test
    void toReturnsThisForTheSameTypeAndACopyOtherwise() {
        Tensor x = Tensor.vector(0.1, 1e40, -3);
        assertSame(x, x.to(F64));
        Tensor f = x.to(F32);
        assertEquals(F32, f.dtype());
        assertArrayEquals(new double[] {0.1f, Float.POSITIVE_INFINITY, -3}, f.toArray());
        assertSame(f, f.to(F32));
        Tensor back = f.to(F64);
        assertEquals(F64, back.dtype());
        assertArrayEquals(f.toArray(), back.toArray());
        try (var g = NoGrad.enter()) {
            x.fillInPlace(7);
        }
        assertArrayEquals(new double[] {0.1f, Float.POSITIVE_INFINITY, -3}, f.toArray(), "a copy, not a view");
        NullPointerException e = assertThrows(NullPointerException.class, () -> x.to(null));
        assertEquals("to: dtype is null", e.getMessage());
    }

    @Test
    void gradientsFlowThroughConversionsInTheirInputsType() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad(true);
        Tensor y = x.to(F32);
        assertEquals("ToCopyBackward", y.gradFn().name());
        y.mul(y).sum().backward();
        assertEquals(F64, x.grad().dtype());
        assertArrayEquals(new double[] {2, 4, 6}, x.grad().toArray());

        Tensor f = Tensor.of(new float[] {0.5f, -1}, 2).requiresGrad(true);
        Tensor wide = f.to(F64);
        wide.mul(Tensor.vector(3, 4)).sum().backward();
        assertEquals(F32, f.grad().dtype());
        assertArrayEquals(new double[] {3, 4}, f.grad().toArray());

        try (var g = NoGrad.enter()) {
            assertNull(f.to(F64).gradFn(), "no graph under no-grad");
        }
        assertSame(f, f.to(F32), "no node when nothing converts");
    }

    @Test
    void binaryOperationsPromoteAsPyTorchDoes() {
        Tensor f = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor d = Tensor.vector(0.5, 0.25).requiresGrad(true);
        Tensor mixed = f.mul(d);
        assertEquals(F64, mixed.dtype(), "float32 op float64 gives float64");
        mixed.sum().backward();
        assertEquals(F32, f.grad().dtype(), "each input's gradient keeps its type");
        assertEquals(F64, d.grad().dtype());
        assertArrayEquals(new double[] {0.5, 0.25}, f.grad().toArray());

        assertEquals(F32, f.mul(0.1).dtype(), "a 0-dim operand does not widen a tensor with dimensions");
        assertEquals(F32, f.add(Tensor.scalar(2)).dtype());
        assertEquals(F64, d.add(Tensor.of(new float[] {1}, new int[0])).dtype());
        assertEquals(F64, Tensor.scalar(1).add(Tensor.of(new float[] {1}, new int[0])).dtype(), "both 0-dim");
        assertEquals((double) (1.0f * 0.1f), f.mul(0.1).get(0), "the scalar is rounded to float first");
        assertEquals(F64, f.matmul(Tensor.vector(1, 1)).dtype());
        assertEquals(F64, f.gt(d).dtype());
        assertEquals(F32, Tensor.where(d.gt(0.3), f, Tensor.scalar(0)).dtype());
    }

    @Test
    void inPlaceUpdatesOfFloatTensorsUseFloatArithmetic() {
        float[] p = {0.1f, 0.7f, -1.3f};
        float[] o = {0.33f, -0.9f, 2.1f};
        Tensor t = Tensor.of(p, 3);
        Tensor other = Tensor.of(o, 3);
        float alpha = (float) -0.01;
        float value = (float) 0.3;
        t.addInPlace(other, -0.01);
        t.mulInPlace(0.9);
        t.addcmulInPlace(other, other, 0.3);
        t.addcdivInPlace(other, Tensor.of(new float[] {1.5f, 2.5f, 3.5f}, 3), 0.3);
        float[] d = {1.5f, 2.5f, 3.5f};
        for (int i = 0; i < 3; i++) {
            float x = p[i];
            x += alpha * o[i];
            x *= 0.9f;
            x += value * o[i] * o[i];
            x += value * o[i] / d[i];
            assertEquals(x, (float) t.get(i), 0.0f, "element " + i);
        }
        assertEquals(F32, t.dtype());
        t.copyInPlace(Tensor.vector(0.1, 0.2, 0.3));
        assertArrayEquals(new double[] {0.1f, 0.2f, 0.3f}, t.toArray());
        t.fillInPlace(0.1);
        assertArrayEquals(new double[] {0.1f, 0.1f, 0.1f}, t.toArray());
    }

    @Test
    void toInPlaceKeepsTheTensorAndConvertsItsGradient() {
        Tensor p = Tensor.vector(0.1, 0.2).requiresGrad(true);
        p.mul(p).sum().backward();
        Tensor grad = p.grad();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.toInPlace(F32));
        assertTrue(e.getMessage().startsWith("toInPlace: a tensor that requires grad cannot change its type in place"),
                e.getMessage());
        int version = LossVersions.version(p);
        try (var g = NoGrad.enter()) {
            assertSame(p, p.toInPlace(F32));
        }
        assertEquals(F32, p.dtype());
        assertTrue(LossVersions.version(p) > version, "a conversion counts as a write");
        assertSame(grad, p.grad());
        assertEquals(F32, grad.dtype());
        assertArrayEquals(new double[] {0.2f, 0.4f}, grad.toArray());
        Tensor computed = p.mul(2);
        IllegalStateException notLeaf = assertThrows(IllegalStateException.class, () -> computed.toInPlace(F64));
        assertEquals("toInPlace: only a leaf tensor can change its type in place, but this one was computed by"
                + " MulBackward; use to(DType), which records the conversion in the graph", notLeaf.getMessage());
    }

    @Test
    void nullTypesAreNamed() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Tensor.vector(1).toInPlace(null));
        assertEquals("toInPlace: dtype is null", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> new io.gradgen.nn.ReLU().to(null));
        assertEquals("to: dtype is null", e.getMessage());
    }

    @Test
    void aConversionInPlaceInvalidatesSavedValues() {
        Tensor p = Tensor.vector(1, 2).requiresGrad(true);
        Tensor loss = p.mul(p).sum();
        try (var g = NoGrad.enter()) {
            p.toInPlace(F32);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("modified in place after the forward pass"), e.getMessage());
    }

    @Test
    void backwardSeedsAndAcceptsGradientsInTheRootsType() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor y = x.mul(3);
        y.backward(Tensor.vector(1, 0.5));
        assertEquals(F32, x.grad().dtype());
        assertArrayEquals(new double[] {3, 1.5}, x.grad().toArray());
        Tensor detached = y.detach();
        assertEquals(F32, detached.dtype());
        assertNotSame(y, detached);
    }

    @Test
    void printingNamesTheNonDefaultType() {
        assertEquals("tensor([1.5000, 2.0000], shape=[2], dtype=float32)", Tensor.of(new float[] {1.5f, 2}, 2).toString());
        assertEquals("tensor(1.5000, dtype=float32, requires_grad=True)",
                Tensor.of(new float[] {1.5f}).requiresGrad(true).toString());
        assertEquals("tensor([1.5000, 2.0000], shape=[2])", Tensor.vector(1.5, 2).toString());
    }
}
