package io.gradgen.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.DType;
import io.gradgen.Tensor;
import io.gradgen.optim.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Linear(weight, bias)}: given parameters, an optional bias, and the errors. */
class LinearFromTensorsTest {

    @Test
    void theGivenTensorsBecomeTheParameters() {
        Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.vector(0.5, -0.5);
        Linear layer = new Linear(w, b);
        assertSame(w, layer.weight());
        assertSame(b, layer.bias());
        assertTrue(w.requiresGrad() && b.requiresGrad());
        assertEquals(3, layer.inFeatures());
        assertEquals(2, layer.outFeatures());
        assertEquals(List.of(w, b), layer.parameters());
        Tensor y = layer.forward(Tensor.vector(1, 0, -1));
        assertArrayEquals(new double[] {1 - 3 + 0.5, 4 - 6 - 0.5}, y.toArray());
        assertEquals("Linear(in_features=3, out_features=2, bias=True)", layer.toString());
    }

    @Test
    void aLayerWithoutBias() {
        Tensor w = Tensor.of(new float[] {2, -1}, 1, 2);
        Linear layer = new Linear(w, null);
        assertNull(layer.bias());
        assertEquals(List.of(w), layer.parameters());
        assertEquals("Linear(in_features=2, out_features=1, bias=False)", layer.toString());
        Tensor x = Tensor.of(new float[] {3, 4, 1, 1}, 2, 2);
        Tensor y = layer.forward(x);
        assertEquals(DType.FLOAT32, y.dtype());
        assertArrayEquals(new double[] {2, 1}, y.toArray());
        y.sum().backward();
        assertArrayEquals(new double[] {4, 5}, w.grad().toArray());
        new SGD(layer.parameters(), 0.5).step();
        assertArrayEquals(new double[] {0, -3.5}, w.toArray());
        assertSame(layer, layer.to(DType.FLOAT64));
        assertEquals(DType.FLOAT64, w.dtype());
    }

    @Test
    void badWeightsNameTheirShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Linear(Tensor.zeros(3), Tensor.zeros(3)));
        assertEquals("Linear: weight must have shape [out_features, in_features] with both > 0, but it has shape [3]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Linear(Tensor.zeros(0, 3), null));
        assertEquals("Linear: weight must have shape [out_features, in_features] with both > 0, but it has shape [0, 3]",
                e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> new Linear(null, Tensor.zeros(1)));
        assertEquals("Linear: weight is null", npe.getMessage());
    }

    @Test
    void badBiasesNameTheShapesAndTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Linear(Tensor.zeros(4, 3), Tensor.zeros(3)));
        assertEquals("Linear: bias has shape [3] but weight has shape [4, 3], so bias must have shape [4]"
                + " (out_features)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Linear(Tensor.zeros(4, 3), Tensor.zeros(4, 1)));
        assertEquals("Linear: bias has shape [4, 1] but weight has shape [4, 3], so bias must have shape [4]"
                + " (out_features); call bias.reshape(4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Linear(Tensor.zeros(4, 3), Tensor.zeros(4).to(DType.FLOAT32)));
        assertEquals("Linear: weight is FLOAT64 but bias is FLOAT32; give both one type, e.g. bias.to(DType.FLOAT64)",
                e.getMessage());
    }

    @Test
    void parametersMustBeLeaves() {
        Tensor computed = Tensor.zeros(2, 2).requiresGrad(true).mul(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Linear(computed, null));
        assertEquals("Linear: weight was computed by MulBackward and is not a leaf, so no optimizer could train it;"
                + " pass weight.detach()", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Linear(Tensor.zeros(2, 2), Tensor.zeros(2).requiresGrad(true).add(1)));
        assertEquals("Linear: bias was computed by AddBackward and is not a leaf, so no optimizer could train it;"
                + " pass bias.detach()", e.getMessage());
    }
}
