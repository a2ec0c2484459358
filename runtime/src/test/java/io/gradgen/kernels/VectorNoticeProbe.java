package io.gradgen.kernels;

import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import java.util.Random;

/**
 * A program for {@link VectorApiNoticeTest} to run in a JVM of its own: it uses the kernels
 * several ways (VectorMath directly, twice, and a Linear layer), then says which path it got.
 */
public final class VectorNoticeProbe {
    private VectorNoticeProbe() {
    }

    public static void main(String[] args) {
        double[] xs = {0.5, -1.0, 2.0};
        VectorMath.exp(xs, 0, new double[3], 0, 3);
        VectorMath.log1p(xs, 0, new double[3], 0, 3);
        new Linear(3, 2, new Random(1)).forward(Tensor.of(xs, 1, 3)).sum().backward();
        System.out.println("vectorized=" + VectorMath.isVectorized());
    }
}
