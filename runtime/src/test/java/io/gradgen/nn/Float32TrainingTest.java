package io.gradgen.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.DType;
import io.gradgen.Tensor;
import io.gradgen.optim.Adam;
import io.gradgen.optim.Optimizer;
import io.gradgen.optim.SGD;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Training in float32 follows training in float64 to float precision: the same seeded model,
 * converted with {@code Module.to(FLOAT32)}, trained by the same optimizer on the same data.
 */
class Float32TrainingTest {

    private static final int STEPS = 60;

    private static Sequential model(long seed) {
        Random rng = new Random(seed);
        return new Sequential(new Linear(6, 16, rng), new Tanh(), new Linear(16, 3, rng));
    }

    private static Tensor inputs() {
        return Tensor.randn(new Random(7), 32, 6);
    }

    private static Tensor targets() {
        return Tensor.randn(new Random(8), 32, 3);
    }

    @Test
    void sgdWithMomentumAndWeightDecayTrainsAlikeInBothTypes() {
        assertTrainsAlike(params -> new SGD(params, 0.05, 0.9, 0, 1e-3, true));
    }

    @Test
    void adamTrainsAlikeInBothTypes() {
        assertTrainsAlike(params -> new Adam(params, 1e-2, 0.9, 0.999, 1e-8, 1e-3, true));
    }

    @Test
    void plainSgdTrainsAlikeInBothTypes() {
        assertTrainsAlike(params -> new SGD(params, 0.1));
    }

    private static void assertTrainsAlike(Function<List<Tensor>, Optimizer> optimizer) {
        Sequential wide = model(1);
        Sequential narrow = model(1);
        // the optimizer exists before the conversion: it keeps updating the same tensors
        Optimizer narrowOpt = optimizer.apply(narrow.parameters());
        assertSame(narrow, narrow.to(DType.FLOAT32));
        Optimizer wideOpt = optimizer.apply(wide.parameters());
        Tensor x = inputs();
        Tensor y = targets();
        Tensor x32 = x.to(DType.FLOAT32);
        Tensor y32 = y.to(DType.FLOAT32);
        double firstLoss = Double.NaN;
        double lastWide = Double.NaN;
        double lastNarrow = Double.NaN;
        for (int step = 0; step < STEPS; step++) {
            lastWide = step(wide, wideOpt, x, y);
            lastNarrow = step(narrow, narrowOpt, x32, y32);
            if (step == 0) {
                firstLoss = lastWide;
            }
        }
        assertTrue(lastWide < 0.8 * firstLoss, "training makes progress: " + firstLoss + " -> " + lastWide);
        assertEquals(lastWide, lastNarrow, 1e-4 * lastWide, "final loss");
        List<Tensor> w = wide.parameters();
        List<Tensor> n = narrow.parameters();
        for (int i = 0; i < w.size(); i++) {
            Tensor p = n.get(i);
            assertEquals(DType.FLOAT32, p.dtype(), "parameter " + i + " stays float32");
            assertEquals(DType.FLOAT32, p.grad().dtype(), "gradient " + i);
            double[] expected = w.get(i).toArray();
            double[] actual = p.toArray();
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[j], actual[j], 2e-4 * (1 + Math.abs(expected[j])), "parameter " + i + "[" + j + "]");
            }
        }
    }

    private static double step(Module model, Optimizer opt, Tensor x, Tensor y) {
        opt.zeroGrad();
        Tensor loss = model.forward(x).sub(y).pow(2.0).mean();
        assertEquals(x.dtype(), loss.dtype());
        loss.backward();
        opt.step();
        return loss.item();
    }

    @Test
    void linearToConvertsInPlaceAndReturnsTheLayer() {
        Linear layer = new Linear(3, 2, new Random(3));
        Tensor weight = layer.weight();
        double[] before = weight.toArray();
        assertSame(layer, layer.to(DType.FLOAT32));
        assertSame(weight, layer.weight());
        assertEquals(DType.FLOAT32, layer.bias().dtype());
        for (int i = 0; i < before.length; i++) {
            assertEquals((float) before[i], layer.weight().toArray()[i], 0.0);
        }
        Tensor out = layer.forward(Tensor.of(new float[] {1, 2, 3}, 3));
        assertEquals(DType.FLOAT32, out.dtype());
        assertTrue(layer.weight().requiresGrad() && layer.weight().isLeaf());
        assertSame(layer, layer.to(DType.FLOAT64));
        assertEquals(DType.FLOAT64, layer.weight().dtype());
    }
}
