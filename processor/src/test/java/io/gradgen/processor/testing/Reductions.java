package io.gradgen.processor.testing;

import io.gradgen.annotations.Reduction;
import java.util.Random;

/** What a reduction does to per-position values and to their gradients, for checking generated losses. */
public final class Reductions {
    private Reductions() {}

    /** A seeded upstream gradient for {@link Reduction#NONE}, bounded away from 0, of either sign. */
    public static double[] upstream(Random rng, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = (0.5 + rng.nextDouble()) * (rng.nextBoolean() ? 1 : -1);
        }
        return out;
    }

    /** The weight the reduction gives position i's gradient: 1/N, 1 or the upstream gradient. */
    public static double weight(Reduction reduction, int n, double[] upstream, int i) {
        switch (reduction) {
            case MEAN:
                return 1.0 / n;
            case SUM:
                return 1.0;
            case NONE:
                return upstream[i];
            default:
                throw new AssertionError(reduction);
        }
    }

    /** MEAN or SUM of the per-position values (summed in index order). */
    public static double reduce(Reduction reduction, double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return reduction == Reduction.MEAN ? sum / values.length : sum;
    }
}
