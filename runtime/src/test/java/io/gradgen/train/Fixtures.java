package io.gradgen.train;

import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.nn.Module;
import java.util.List;
import java.util.Random;

/** Small seeded data sets and helpers shared by the training tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** {@code n} points of {@code y = 2·x1 − x2 + 0.5} plus noise: inputs {@code [n, 2]}, targets {@code [n, 1]}. */
    static Tensor[] line(int n, long seed) {
        Random rng = new Random(seed);
        double[] x = new double[n * 2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = rng.nextGaussian();
            x[2 * i + 1] = rng.nextGaussian();
            y[i] = 2 * x[2 * i] - x[2 * i + 1] + 0.5 + 0.1 * rng.nextGaussian();
        }
        return new Tensor[] {Tensor.of(x, n, 2), Tensor.of(y, n, 1)};
    }

    /** Three Gaussian blobs in the plane around (−3, 0), (3, 0), (0, 4): inputs {@code [n, 2]}, labels {@code [n]}. */
    static Tensor[] blobs(int n, long seed) {
        Random rng = new Random(seed);
        double[][] centres = {{-3, 0}, {3, 0}, {0, 4}};
        double[] x = new double[n * 2];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            x[2 * i] = centres[c][0] + 0.7 * rng.nextGaussian();
            x[2 * i + 1] = centres[c][1] + 0.7 * rng.nextGaussian();
            labels[i] = c;
        }
        return new Tensor[] {Tensor.of(x, n, 2), Tensor.of(labels, n)};
    }

    /** A {@code Linear(in, out)} with weights drawn from a seeded Random. */
    static Linear linear(int in, int out, long seed) {
        return new Linear(in, out, new Random(seed));
    }

    /** Copies of every parameter's values. */
    static double[][] weights(Module model) {
        List<Tensor> params = model.parameters();
        double[][] values = new double[params.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = params.get(i).toArray();
        }
        return values;
    }

    /** Rows {@code [from, to)} of {@code t}, as a new tensor. */
    static Tensor rows(Tensor t, int from, int to) {
        int[] shape = t.shape();
        int row = t.numel() / shape[0];
        double[] all = t.toArray();
        double[] part = java.util.Arrays.copyOfRange(all, from * row, to * row);
        shape[0] = to - from;
        return Tensor.of(part, shape);
    }
}
