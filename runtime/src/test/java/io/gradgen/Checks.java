package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradgen.autograd.GradCheck;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Assertions shared by the runtime tests. */
public final class Checks {

    private Checks() {
    }

    /** Asserts shape and values, elementwise within {@code tol}. */
    public static void assertTensor(Tensor actual, int[] shape, double[] values, double tol) {
        assertArrayEquals(shape, actual.shape(), "shape");
        assertArrayEquals(values, actual.toArray(), tol, "values");
    }

    /** Asserts shape and values exactly. */
    public static void assertTensor(Tensor actual, int[] shape, double... values) {
        assertTensor(actual, shape, values, 0.0);
    }

    /** Asserts a one-element tensor's value. */
    public static void assertItem(double expected, Tensor actual, double tol) {
        assertEquals(expected, actual.item(), tol);
    }

    /** Runs GradCheck on {@code f} with the given inputs, each marked as requiring grad. */
    public static void assertGradients(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        for (Tensor t : inputs) {
            t.requiresGrad(true);
        }
        GradCheck.assertGradients(f, List.of(inputs));
    }

    /** A seeded standard-normal tensor. */
    public static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Random(seed), shape);
    }

    /** A seeded tensor uniform in [lo, hi). */
    public static Tensor uniform(long seed, double lo, double hi, int... shape) {
        return Tensor.rand(new Random(seed), shape).mul(hi - lo).add(lo);
    }

    public static int[] shape(int... dims) {
        return dims;
    }
}
