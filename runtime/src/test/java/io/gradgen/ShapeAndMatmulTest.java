package io.gradgen;

import static io.gradgen.Checks.assertGradients;
import static io.gradgen.Checks.assertTensor;
import static io.gradgen.Checks.randn;
import static io.gradgen.Checks.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeAndMatmulTest {

    @Test
    void reshapeKeepsRowMajorOrderAndInfersOneDimension() {
        Tensor t = Tensor.arange(6);
        assertTensor(t.reshape(2, 3), shape(2, 3), 0, 1, 2, 3, 4, 5);
        assertTensor(t.reshape(-1, 2), shape(3, 2), 0, 1, 2, 3, 4, 5);
        assertTensor(t.reshape(3, -1), shape(3, 2), 0, 1, 2, 3, 4, 5);
        assertTensor(Tensor.scalar(7).reshape(1, 1), shape(1, 1), 7);
        assertTensor(Tensor.ones(1, 1).reshape(), shape(), 1);
        assertArrayEquals(shape(0, 5), Tensor.zeros(0).reshape(0, 5).shape());
    }

    @Test
    void reshapeErrors() {
        Tensor t = Tensor.arange(6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.reshape(4, -1));
        assertEquals("reshape: shape [4, -1] is invalid for a tensor of shape [6] (6 elements)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.reshape(-1, -1));
        assertEquals("reshape: shape [-1, -1] has more than one -1; only one dimension can be inferred", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.reshape(5));
        assertEquals("reshape: shape [5] is invalid for a tensor of shape [6] (6 elements)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.reshape(-2, -3));
        assertEquals("reshape: shape [-2, -3] has the invalid dimension -2; use sizes >= 0, or -1 for one inferred size",
                e.getMessage());
    }

    @Test
    void transposeSwapsDimensions() {
        Tensor m = Tensor.arange(6).reshape(2, 3);
        assertTensor(m.t(), shape(3, 2), 0, 3, 1, 4, 2, 5);
        assertTensor(m.transpose(0, 1), shape(3, 2), 0, 3, 1, 4, 2, 5);
        assertTensor(m.transpose(-1, -2), shape(3, 2), 0, 3, 1, 4, 2, 5);
        Tensor c = Tensor.arange(24).reshape(2, 3, 4);
        Tensor ct = c.transpose(0, 2);
        assertArrayEquals(shape(4, 3, 2), ct.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(c.get(i, j, k), ct.get(k, j, i));
                }
            }
        }
        assertTensor(Tensor.arange(3).t(), shape(3), 0, 1, 2);
    }

    @Test
    void tRejectsMoreThanTwoDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).t());
        assertEquals("t() expects a tensor with at most 2 dimensions, but this one has shape [2, 3, 4]; use"
                + " transpose(dim0, dim1)", e.getMessage());
    }

    @Test
    void shapeOpGradients() {
        Tensor x = randn(1, 2, 3, 4);
        Tensor w = randn(2, 4, 3, 2);
        assertGradients(in -> in.get(0).reshape(6, 4).mul(in.get(1).reshape(6, 4)), x, w);
        assertGradients(in -> in.get(0).transpose(0, 2).mul(in.get(1)), x, w);
        assertGradients(in -> in.get(0).transpose(1, 2).reshape(-1), x);
        Tensor m = randn(3, 2, 5);
        assertGradients(in -> in.get(0).t().mul(Tensor.arange(2)), m);
    }

    @Test
    void matmulValues() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new double[] {7, 8, 9, 10, 11, 12}, 3, 2);
        assertTensor(a.matmul(b), shape(2, 2), 58, 64, 139, 154);
        Tensor v = Tensor.of(new double[] {1, 0, -1}, 3);
        assertTensor(a.matmul(v), shape(2), -2, -2);
        assertTensor(Tensor.of(new double[] {1, -1}, 2).matmul(a), shape(3), -3, -3, -3);
        assertTensor(v.matmul(v), shape(), 2);
    }

    @Test
    void matmulShapes() {
        assertArrayEquals(shape(4, 5, 2), randn(1, 4, 5, 3).matmul(randn(2, 3, 2)).shape());
        assertArrayEquals(shape(4, 5), randn(1, 4, 5, 3).matmul(randn(2, 3)).shape());
        assertArrayEquals(shape(4, 2), randn(1, 3).matmul(randn(2, 4, 3, 2)).shape());
        assertArrayEquals(shape(4, 5, 2), randn(1, 5, 3).matmul(randn(2, 4, 3, 2)).shape());
        assertArrayEquals(shape(4, 5, 2), randn(1, 4, 5, 3).matmul(randn(2, 4, 3, 2)).shape());
        assertArrayEquals(shape(2, 4, 5, 2), randn(1, 2, 1, 5, 3).matmul(randn(2, 4, 3, 2)).shape());
    }

    @Test
    void batchedMatmulMatchesPerBatchProducts() {
        Tensor a = randn(1, 3, 2, 4);
        Tensor b = randn(2, 3, 4, 5);
        Tensor c = a.matmul(b);
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 5; j++) {
                    double expected = 0;
                    for (int p = 0; p < 4; p++) {
                        expected += a.get(s, i, p) * b.get(s, p, j);
                    }
                    assertEquals(expected, c.get(s, i, j), 1e-12);
                }
            }
        }
    }

    @Test
    void matmulGradients() {
        assertGradients(in -> in.get(0).matmul(in.get(1)), randn(1, 2, 3), randn(2, 3, 4));
        assertGradients(in -> in.get(0).matmul(in.get(1)), randn(3, 3), randn(4, 3, 2));
        assertGradients(in -> in.get(0).matmul(in.get(1)), randn(5, 3, 2), randn(6, 2));
        assertGradients(in -> in.get(0).matmul(in.get(1)), randn(7, 4), randn(8, 4));
        assertGradients(in -> in.get(0).matmul(in.get(1)), randn(9, 2, 3, 4), randn(10, 4, 2));
        assertGradients(in -> in.get(0).matmul(in.get(1)), randn(11, 2, 3, 4), randn(12, 2, 4, 2));
        assertGradients(in -> in.get(0).matmul(in.get(1)), randn(13, 3, 4), randn(14, 2, 4, 2));
        assertGradients(in -> in.get(0).matmul(in.get(1)), randn(15, 2, 1, 3, 4), randn(16, 3, 4, 2));
        assertGradients(in -> in.get(0).matmul(in.get(1)), randn(17, 4), randn(18, 2, 4, 3));
        assertGradients(in -> in.get(0).matmul(in.get(1)), randn(19, 2, 3, 4), randn(20, 4));
    }

    @Test
    void matmulRecordsOneNode() {
        Tensor a = randn(1, 3).requiresGrad(true);
        Tensor b = randn(2, 3, 2);
        assertEquals("MatmulBackward", a.matmul(b).gradFn().name());
    }

    @Test
    void matmulErrorsNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        assertEquals("matmul: shapes [2, 3] and [4, 5] cannot be multiplied (the left operand's last dimension is 3 but"
                + " the right operand's second-to-last dimension is 4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4)));
        assertEquals("matmul: shapes [2, 3] and [4] cannot be multiplied (the left operand's last dimension is 3 but"
                + " the right operand's only dimension is 4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(2).matmul(Tensor.zeros(4)));
        assertEquals("matmul: both operands need at least 1 dimension, but the shapes are [] and [4]; use mul for a"
                + " product with a scalar", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 1)));
        assertEquals("matmul: the batch dimensions of shapes [2, 2, 3] and [3, 3, 1] cannot be broadcast",
                e.getMessage());
    }

    @Test
    void gatherLastPicksOnePerRow() {
        Tensor x = Tensor.arange(12).reshape(2, 2, 3);
        Tensor idx = Tensor.of(new double[] {0, 2, 1, 1}, 2, 2);
        assertTensor(x.gatherLast(idx), shape(2, 2), 0, 5, 7, 10);
        Tensor v = Tensor.of(new double[] {5, 6, 7}, 3);
        assertTensor(v.gatherLast(Tensor.scalar(2)), shape(), 7);
    }

    @Test
    void gatherLastGradientScattersAndAccumulatesNothingElsewhere() {
        Tensor x = Tensor.zeros(2, 3).requiresGrad(true);
        x.gatherLast(Tensor.of(new double[] {2, 0}, 2)).mul(Tensor.of(new double[] {3, 4}, 2)).sum().backward();
        assertTensor(x.grad(), shape(2, 3), 0, 0, 3, 4, 0, 0);
        assertGradients(in -> in.get(0).gatherLast(Tensor.of(new double[] {1, 0, 2}, 3)), randn(1, 3, 4));
    }

    @Test
    void gatherLastErrors() {
        Tensor x = Tensor.zeros(2, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> x.gatherLast(Tensor.of(new double[] {0, 7}, 2)));
        assertEquals("gatherLast: index value 7.0 at position [1] is out of range for a last dimension of size 5"
                + " (expected an integer in [0, 5))", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.gatherLast(Tensor.of(new double[] {1.5, 0}, 2)));
        assertEquals("gatherLast: index value 1.5 at position [0] is not an integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.gatherLast(Tensor.zeros(5)));
        assertEquals("gatherLast: index has shape [5] but the tensor has shape [2, 5]; index must have the tensor's"
                + " shape without its last dimension, [2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.gatherLast(Tensor.of(new double[] {0, -1}, 2)));
        assertEquals("gatherLast: index value -1.0 at position [1] is out of range for a last dimension of size 5"
                + " (expected an integer in [0, 5))", e.getMessage());
    }
}
