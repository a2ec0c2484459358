package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorToStringTest {

    @Test
    void scalar() {
        assertEquals("tensor(3.0000)", Tensor.scalar(3).toString());
    }

    @Test
    void vectorWithPaddedEntries() {
        assertEquals("tensor([ 1.0000, -2.5000, 10.0000], shape=[3])", Tensor.vector(1, -2.5, 10).toString());
    }

    @Test
    void matrixOneRowPerLineWithGradFn() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        assertEquals("tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000]], shape=[2, 2], requires_grad=True)",
                x.toString());
        assertEquals("tensor([[2.0000, 4.0000],\n        [6.0000, 8.0000]], shape=[2, 2], grad_fn=<MulBackward>)",
                x.mul(2).toString());
    }

    @Test
    void threeDimensionsSeparateBlocksWithBlankLine() {
        assertEquals("tensor([[[0.0000, 1.0000]],\n\n        [[2.0000, 3.0000]]], shape=[2, 1, 2])",
                Tensor.arange(4).reshape(2, 1, 2).toString());
    }

    @Test
    void scientificNotationForWideRanges() {
        assertEquals("tensor([1.0000e-05, 1.0000e+00], shape=[2])", Tensor.vector(1e-5, 1).toString());
        assertEquals("tensor(1.0000e+10)", Tensor.scalar(1e10).toString());
    }

    @Test
    void specialValues() {
        assertEquals("tensor([    nan,     inf,    -inf, -1.0000], shape=[4])",
                Tensor.vector(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1).toString());
    }

    @Test
    void emptyTensor() {
        assertEquals("tensor([], shape=[2, 0])", Tensor.zeros(2, 0).toString());
    }

    @Test
    void largeTensorsAreSummarised() {
        String s = Tensor.arange(2000).toString();
        assertEquals("tensor([   0.0000,    1.0000,    2.0000, ..., 1997.0000, 1998.0000, 1999.0000], shape=[2000])",
                s);
        String m = Tensor.zeros(100, 100).toString();
        assertTrue(m.contains("...,\n"), m);
        assertTrue(m.length() < 600, m);
        assertTrue(m.endsWith("shape=[100, 100])"), m);
    }
}
