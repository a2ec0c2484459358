package io.gradgen.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.DType;
import io.gradgen.Tensor;
import io.gradgen.io.SafeTensors;
import io.gradgen.optim.SGD;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State dicts with PyTorch's names, loading them, and saving them as safetensors. */
class StateDictTest {

    @TempDir
    Path dir;

    private static Sequential mlp(long seed) {
        Random rng = new Random(seed);
        return new Sequential(new Linear(4, 8, rng), new ReLU(), new Linear(8, 2, rng));
    }

    @Test
    void linearNamesWeightAndBias() {
        Linear layer = new Linear(3, 2, new Random(1));
        Map<String, Tensor> state = layer.stateDict();
        assertEquals(List.of("weight", "bias"), List.copyOf(state.keySet()));
        assertSame(layer.weight(), state.get("weight"), "the live parameter, not a copy");
        assertSame(layer.bias(), state.get("bias"));
        assertEquals(List.of("weight"), List.copyOf(new Linear(Tensor.zeros(2, 3), null).stateDict().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> state.put("x", Tensor.scalar(1)));
    }

    @Test
    void sequentialPrefixesTheChildIndexAsTorchDoes() {
        Sequential model = mlp(1);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.stateDict().keySet()));
        Sequential nested = new Sequential(new Tanh(), mlp(2), new Linear(2, 1, new Random(3)));
        assertEquals(List.of("1.0.weight", "1.0.bias", "1.2.weight", "1.2.bias", "2.weight", "2.bias"),
                List.copyOf(nested.stateDict().keySet()));
        assertEquals(Map.of(), new ReLU().stateDict());
    }

    @Test
    void aModuleWithoutNamesGetsIndices() {
        Tensor a = Tensor.zeros(2).requiresGrad(true);
        Tensor b = Tensor.zeros(3).requiresGrad(true);
        Module custom = new Module() {
            @Override
            public Tensor forward(Tensor input) {
                return input.mul(a.sum()).add(b.sum());
            }

            @Override
            public List<Tensor> parameters() {
                return List.of(a, b);
            }
        };
        assertEquals(List.of("0", "1"), List.copyOf(custom.stateDict().keySet()));
        custom.loadStateDict(Map.of("0", Tensor.vector(1, 2), "1", Tensor.vector(3, 4, 5)));
        assertArrayEquals(new double[] {3, 4, 5}, b.toArray());
    }

    @Test
    void loadingCopiesIntoTheLiveParameters() {
        Sequential source = mlp(1);
        Sequential target = mlp(2);
        Tensor weight = target.stateDict().get("0.weight");
        SGD optimizer = new SGD(target.parameters(), 0.1);
        target.loadStateDict(source.stateDict());
        assertSame(weight, target.stateDict().get("0.weight"), "the parameters keep their identity");
        for (String key : source.stateDict().keySet()) {
            assertArrayEquals(source.stateDict().get(key).toArray(), target.stateDict().get(key).toArray(), key);
        }
        Tensor x = Tensor.randn(new Random(4), 5, 4);
        assertArrayEquals(source.forward(x).toArray(), target.forward(x).toArray());
        target.forward(x).sum().backward();
        optimizer.step();
        assertTrue(weight.grad() != null, "the optimizer built before the load still trains the same tensors");
    }

    @Test
    void loadingConvertsToTheParametersType() {
        Sequential wide = mlp(1);
        Sequential narrow = mlp(2).to(DType.FLOAT32);
        narrow.loadStateDict(wide.stateDict());
        assertEquals(DType.FLOAT32, narrow.stateDict().get("2.bias").dtype());
        double[] expected = wide.stateDict().get("0.weight").toArray();
        double[] actual = narrow.stateDict().get("0.weight").toArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals((float) expected[i], actual[i], 0.0);
        }
        Sequential back = mlp(3);
        back.loadStateDict(narrow.stateDict());
        assertEquals(DType.FLOAT64, back.stateDict().get("0.weight").dtype());
        assertArrayEquals(actual, back.stateDict().get("0.weight").toArray());
    }

    @Test
    void aBadStateNamesEveryOffendingKeyAndChangesNothing() {
        Sequential model = mlp(1);
        double[] before = model.stateDict().get("0.weight").toArray();
        Map<String, Tensor> state = new LinkedHashMap<>(mlp(2).stateDict());
        state.remove("2.bias");
        state.put("0.weight", Tensor.zeros(4, 8));
        state.put("2.b", Tensor.zeros(2));
        state.put("3.weight", Tensor.zeros(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(state));
        assertEquals("loadStateDict: the state does not fit Sequential, nothing was loaded: missing keys [2.bias];"
                + " unexpected keys [2.b, 3.weight]; wrong shapes [0.weight: [4, 8] in the state but [8, 4] in the"
                + " module]; the module's keys are [0.weight, 0.bias, 2.weight, 2.bias]", e.getMessage());
        assertArrayEquals(before, model.stateDict().get("0.weight").toArray());
    }

    @Test
    void aShapeATrailingOneAwayNamesTheReshape() {
        Linear layer = new Linear(3, 2, new Random(1));
        Map<String, Tensor> state = Map.of("weight", Tensor.zeros(2, 3), "bias", Tensor.zeros(2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.loadStateDict(state));
        assertEquals("loadStateDict: the state does not fit Linear, nothing was loaded: wrong shapes [bias: [2, 1] in"
                + " the state but [2] in the module (call state.get(\"bias\").reshape(2))]; the module's keys are"
                + " [weight, bias]", e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> layer.loadStateDict(null));
        assertEquals("loadStateDict: state is null", npe.getMessage());
    }

    @Test
    void aModelRoundTripsThroughASafetensorsFile() throws IOException {
        Sequential trained = mlp(1).to(DType.FLOAT32);
        Path path = dir.resolve("mlp.safetensors");
        SafeTensors.save(trained.stateDict(), path);
        Map<String, Tensor> loaded = SafeTensors.load(path);
        // the file's order: sorted by name, as the reference implementation writes it
        assertEquals(List.of("0.bias", "0.weight", "2.bias", "2.weight"), List.copyOf(loaded.keySet()));
        assertEquals(DType.FLOAT32, loaded.get("0.weight").dtype());
        Sequential fresh = mlp(9).to(DType.FLOAT32);
        fresh.loadStateDict(loaded);
        Tensor x = Tensor.randn(new Random(5), 3, 4).to(DType.FLOAT32);
        assertArrayEquals(trained.forward(x).toArray(), fresh.forward(x).toArray());
    }
}
