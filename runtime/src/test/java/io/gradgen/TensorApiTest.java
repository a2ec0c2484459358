package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.autograd.GradCheck;
import io.gradgen.autograd.NoGrad;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tensor.wrap, Tensor.labels, the buffer views, unsqueeze and squeeze. */
class TensorApiTest {

    @Test
    void wrapSharesTheArrayBothWays() {
        double[] data = {1, 2, 3, 4};
        Tensor t = Tensor.wrap(data, 2, 2);
        assertEquals(DType.FLOAT64, t.dtype());
        data[3] = 40;
        assertEquals(40, t.get(1, 1), "the caller's writes show in the tensor");
        int version = LossVersions.version(t);
        t.addInPlace(Tensor.ones(2, 2), 0.5);
        assertArrayEquals(new double[] {1.5, 2.5, 3.5, 40.5}, data, "the tensor's writes show in the array");
        assertEquals(version + 1, LossVersions.version(t), "a write through the tensor bumps its version");
        t.fillInPlace(0);
        assertArrayEquals(new double[4], data);
        double[] copy = t.toArray();
        copy[0] = 9;
        assertEquals(0, data[0], "toArray still copies");

        float[] floats = {1, 2};
        Tensor f = Tensor.wrap(floats, 2);
        assertEquals(DType.FLOAT32, f.dtype());
        f.mulInPlace(3);
        assertArrayEquals(new float[] {3, 6}, floats);
    }

    @Test
    void aWrappedParameterTrainsInPlaceAndItsWritesInvalidateSavedValues() {
        double[] weights = {0.5, -0.5};
        Tensor w = Tensor.wrap(weights, 2).requiresGrad(true);
        Tensor loss = w.mul(w).sum();
        try (var g = NoGrad.enter()) {
            w.addInPlace(Tensor.vector(1, 1), 1);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("was modified in place after the forward pass"), e.getMessage());

        w.mul(w).sum().backward();
        new io.gradgen.optim.SGD(List.of(w), 0.25).step();
        assertArrayEquals(new double[] {1.5 - 0.25 * 3, 0.5 - 0.25 * 1}, weights, 1e-15);
    }

    @Test
    void wrapValidatesItsArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new double[3], 2, 2));
        assertEquals("Tensor.wrap: data has 3 elements but shape [2, 2] needs 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new float[2], -2));
        assertEquals("Tensor.wrap: shape [-2] has a negative dimension -2; every dimension must be >= 0", e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Tensor.wrap((double[]) null, 1));
        assertEquals("Tensor.wrap: data is null", npe.getMessage());
    }

    @Test
    void labelsAreIntegralFloat64Tensors() {
        int[] classes = {2, 0, 1};
        Tensor labels = Tensor.labels(classes);
        classes[0] = 7;
        assertEquals(DType.FLOAT64, labels.dtype());
        assertArrayEquals(new int[] {3}, labels.shape());
        assertArrayEquals(new double[] {2, 0, 1}, labels.toArray());
        Tensor logits = Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, 3, 3);
        assertArrayEquals(new double[] {2, 3, 7}, logits.gatherLast(labels).toArray());
        assertArrayEquals(new int[] {0}, Tensor.labels(new int[0]).shape());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Tensor.labels(null));
        assertEquals("Tensor.labels: classes is null", npe.getMessage());
    }

    @Test
    void aBufferViewIsLiveReadOnlyAndSeesGradientUpdates() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad(true);
        x.mul(x).sum().backward();
        DoubleBuffer grad = x.grad().asDoubleBuffer();
        assertEquals(3, grad.remaining());
        assertEquals(4, grad.get(1));
        assertThrows(ReadOnlyBufferException.class, () -> grad.put(0, 1));
        x.sum().backward();
        assertEquals(5, grad.get(1), "accumulation shows without a new call");
        x.zeroGrad();
        assertEquals(0, grad.get(1), "zeroGrad shows at once for a gradient with a view");

        x.mul(Tensor.vector(7, 8, 9)).sum().backward();
        assertEquals(8, grad.get(1));

        DoubleBuffer values = x.asDoubleBuffer();
        try (var g = NoGrad.enter()) {
            x.addInPlace(Tensor.ones(3), 1);
        }
        assertEquals(3, values.get(1), "an optimizer's step shows too");
    }

    @Test
    void aFloatBufferViewsAFloatTensorAndTheWrongKindIsAClearError() {
        Tensor f = Tensor.of(new float[] {1.5f, 2.5f}, 2);
        FloatBuffer view = f.asFloatBuffer();
        assertEquals(2.5f, view.get(1));
        f.mulInPlace(2);
        assertEquals(5f, view.get(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, f::asDoubleBuffer);
        assertEquals("asDoubleBuffer: this tensor of shape [2] is float32; use asFloatBuffer(), or"
                + " to(DType.FLOAT64).asDoubleBuffer() for a float64 copy", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> Tensor.zeros(2, 3).asFloatBuffer());
        assertEquals("asFloatBuffer: this tensor of shape [2, 3] is float64; use asDoubleBuffer(), or"
                + " to(DType.FLOAT32).asFloatBuffer() for a float32 copy", e.getMessage());
    }

    @Test
    void aConversionInPlaceDetachesABufferView() {
        Tensor p = Tensor.vector(1, 2);
        DoubleBuffer old = p.asDoubleBuffer();
        p.toInPlace(DType.FLOAT32);
        p.fillInPlace(5);
        assertEquals(1, old.get(0), "the view keeps the elements it was made over");
        assertEquals(5f, p.asFloatBuffer().get(0));
    }

    @Test
    void unsqueezeAndSqueezeReshapeWithoutCopying() {
        Tensor v = Tensor.vector(1, 2, 3);
        assertArrayEquals(new int[] {3, 1}, v.unsqueeze(-1).shape());
        assertArrayEquals(new int[] {1, 3}, v.unsqueeze(0).shape());
        assertArrayEquals(new int[] {3, 1}, v.unsqueeze(1).shape());
        assertArrayEquals(new int[] {1}, Tensor.scalar(2).unsqueeze(0).shape());
        Tensor column = Tensor.zeros(3, 1, 2, 1);
        assertArrayEquals(new int[] {3, 1, 2}, column.squeeze(-1).shape());
        assertArrayEquals(new int[] {3, 2, 1}, column.squeeze(1).shape());
        assertArrayEquals(new int[] {3, 1, 2, 1}, column.squeeze(0).shape(), "a size other than 1 stays, as in PyTorch");
        assertArrayEquals(new int[] {3, 2}, column.squeeze().shape());
        assertArrayEquals(new int[0], Tensor.zeros(1, 1).squeeze().shape());

        Tensor view = v.unsqueeze(-1);
        v.fillInPlace(4);
        assertArrayEquals(new double[] {4, 4, 4}, view.toArray(), "a view shares its input's elements");
        view.mulInPlace(0.5);
        assertArrayEquals(new double[] {2, 2, 2}, v.toArray());
    }

    @Test
    void viewsShareTheVersionCounter() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        Tensor view;
        try (var g = NoGrad.enter()) {
            view = x.unsqueeze(0);
            view.addInPlace(Tensor.ones(1, 2), 1);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("was modified in place after the forward pass"), e.getMessage());
    }

    @Test
    void viewsAreDifferentiable() {
        Tensor x = Tensor.randn(new Random(1), 3, 1).requiresGrad(true);
        GradCheck.assertGradients(in -> in.get(0).squeeze(-1).unsqueeze(0).mul(Tensor.vector(1, 2, 3)).sum(),
                List.of(x));
        Tensor y = x.squeeze();
        assertEquals("SqueezeBackward", y.gradFn().name());
        assertEquals("UnsqueezeBackward", y.unsqueeze(1).gradFn().name());
        Tensor f = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        f.unsqueeze(0).mul(Tensor.vector(3, 4).unsqueeze(0)).sum().backward();
        assertEquals(DType.FLOAT32, f.grad().dtype());
        assertArrayEquals(new double[] {3, 4}, f.grad().toArray());
    }

    @Test
    void viewDimensionsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.vector(1, 2).unsqueeze(2));
        assertEquals("unsqueeze: dimension 2 is out of range for shape [2] (expected a value in [-2, 1])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.vector(1, 2).squeeze(1));
        assertEquals("squeeze: dimension 1 is out of range for shape [2] (expected a value in [-1, 0])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1).squeeze(0));
        assertTrue(e.getMessage().startsWith("squeeze: dimension 0 cannot be used on a 0-dim tensor"), e.getMessage());
    }

    @Test
    void aViewOfAGradientKeepsSeeingIt() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        x.sum().backward();
        Tensor gradView = x.grad().unsqueeze(0);
        x.zeroGrad();
        assertArrayEquals(new double[] {0, 0}, gradView.toArray());
        x.mul(Tensor.vector(3, 4)).sum().backward();
        assertArrayEquals(new double[] {3, 4}, gradView.toArray());
    }

    @Test
    void aFusedGradientIsCopiedIntoAViewedArrayNotExchangedForIt() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        x.sum().backward();
        Tensor grad = x.grad();
        x.zeroGrad();
        DoubleBuffer view = grad.asDoubleBuffer();
        double[][] arrays = LossResults.fusedGradients(x);
        arrays[0][0] = 3;
        arrays[0][1] = 4;
        LossResults.deliverFused(Tensor.scalar(1), arrays, x);
        assertSame(grad, x.grad());
        assertEquals(4, view.get(1));
        assertArrayEquals(new double[] {3, 4}, x.grad().toArray());
    }
}
