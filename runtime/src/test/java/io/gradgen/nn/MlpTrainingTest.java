package io.gradgen.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Tensor;
import io.gradgen.optim.Adam;
import io.gradgen.optim.Optimizer;
import io.gradgen.optim.SGD;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** End to end: a Linear-ReLU-Linear network fits y = sin(x) on 64 points. */
class MlpTrainingTest {

    private static final Tensor X = Tensor.linspace(-Math.PI, Math.PI, 64).reshape(64, 1);
    private static final Tensor Y = X.sin();

    private static double train(Sequential model, Optimizer optimizer, int steps) {
        for (int step = 0; step < steps; step++) {
            optimizer.zeroGrad();
            model.forward(X).sub(Y).pow(2).mean().backward();
            optimizer.step();
        }
        return model.forward(X).sub(Y).pow(2).mean().item();
    }

    private static Sequential mlp(long seed) {
        Random rng = new Random(seed);
        return new Sequential(new Linear(1, 32, rng), new ReLU(), new Linear(32, 1, rng));
    }

    @Test
    void adamFitsSine() {
        Sequential model = mlp(42);
        double initial = model.forward(X).sub(Y).pow(2).mean().item();
        double last = train(model, new Adam(model.parameters(), 0.01), 1500);
        assertTrue(last < 0.01, "final MSE " + last);
        assertTrue(last < initial / 20, "final MSE " + last + " vs initial " + initial);
    }

    @Test
    void sgdWithMomentumFitsSine() {
        Sequential model = mlp(7);
        double initial = model.forward(X).sub(Y).pow(2).mean().item();
        double last = train(model, new SGD(model.parameters(), 0.05, 0.9), 1500);
        assertTrue(last < 0.01, "final MSE " + last);
        assertTrue(last < initial / 20, "final MSE " + last + " vs initial " + initial);
    }
}
