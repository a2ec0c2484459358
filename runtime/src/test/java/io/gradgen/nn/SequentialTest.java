package io.gradgen.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gradgen.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequentialTest {

    @Test
    void appliesModulesInOrderAndCollectsParameters() {
        Random rng = new Random(1);
        Linear first = new Linear(2, 3, rng);
        Linear second = new Linear(3, 1, rng);
        Sequential model = new Sequential(first, new ReLU(), second, new Tanh());
        Tensor x = Tensor.randn(new Random(2), 5, 2);
        Tensor expected = second.forward(first.forward(x).relu()).tanh();
        assertArrayEquals(expected.toArray(), model.forward(x).toArray());
        assertEquals(List.of(first.weight(), first.bias(), second.weight(), second.bias()), model.parameters());
        assertEquals(4, model.modules().size());
        assertEquals("TanhBackward", model.forward(x).gradFn().name());
    }

    @Test
    void emptySequentialIsIdentity() {
        Tensor x = Tensor.ones(2);
        assertSame(x, new Sequential().forward(x));
        assertEquals("Sequential()", new Sequential().toString());
    }

    @Test
    void activations() {
        Tensor x = Tensor.vector(-1, 0, 2);
        assertArrayEquals(x.relu().toArray(), new ReLU().forward(x).toArray());
        assertArrayEquals(x.tanh().toArray(), new Tanh().forward(x).toArray());
        assertArrayEquals(x.sigmoid().toArray(), new Sigmoid().forward(x).toArray());
        assertEquals(List.of(), new ReLU().parameters());
        assertEquals("Sigmoid()", new Sigmoid().toString());
    }

    @Test
    void printsLikePyTorch() {
        Sequential model = new Sequential(new Linear(1, 32), new ReLU(), new Sequential(new Linear(32, 1), new Tanh()));
        assertEquals("Sequential(\n"
                + "  (0): Linear(in_features=1, out_features=32, bias=True)\n"
                + "  (1): ReLU()\n"
                + "  (2): Sequential(\n"
                + "    (0): Linear(in_features=32, out_features=1, bias=True)\n"
                + "    (1): Tanh()\n"
                + "  )\n"
                + ")", model.toString());
    }

    @Test
    void zeroGradReachesNestedParameters() {
        Linear inner = new Linear(2, 1, new Random(3));
        Sequential model = new Sequential(new Sequential(inner));
        model.forward(Tensor.ones(2)).sum().backward();
        model.zeroGrad();
        assertArrayEquals(new double[2], inner.weight().grad().toArray());
    }
}
