package io.gradgen.benchmarks;

import io.gradgen.Tensor;
import java.util.Random;

/** Seeded benchmark inputs. */
final class Inputs {
    private Inputs() {
    }

    static double[] gaussian(long seed, int n, double scale) {
        Random rng = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * rng.nextGaussian();
        }
        return a;
    }

    static double[] bits(long seed, int n) {
        Random rng = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextBoolean() ? 1.0 : 0.0;
        }
        return a;
    }

    static int[] labels(long seed, int n, int classes) {
        Random rng = new Random(seed);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextInt(classes);
        }
        return a;
    }

    /** The values rounded to float, as {@code Tensor.to(DType.FLOAT32)} rounds them. */
    static float[] narrow(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    static Tensor labelTensor(int[] labels) {
        double[] d = new double[labels.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = labels[i];
        }
        return Tensor.of(d, labels.length);
    }
}
