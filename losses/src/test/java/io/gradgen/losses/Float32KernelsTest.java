package io.gradgen.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradgen.DType;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float kernels of the catalogue's element-wise losses on FLOAT32 inputs: a FLOAT32 result and
 * FLOAT32 gradients; bit for bit what the double kernels give on the same inputs widened (the switch
 * {@code -Dgradgen.float32=false}); and the float64 loss's numbers to float precision. Fused (zeroed
 * leaves), accumulated (a second backward without zeroGrad) and through a computed input.
 */
class Float32KernelsTest {

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of("MSELoss", 2, (Supplier<LossFunction>) MSELoss::new),
                Arguments.of("L1Loss", 2, (Supplier<LossFunction>) L1Loss::new),
                Arguments.of("HuberLoss", 2, (Supplier<LossFunction>) HuberLoss::new),
                Arguments.of("SmoothL1Loss", 2, (Supplier<LossFunction>) SmoothL1Loss::new),
                Arguments.of("BCELoss", 2, (Supplier<LossFunction>) BCELoss::new),
                Arguments.of("BCEWithLogitsLoss", 2, (Supplier<LossFunction>) BCEWithLogitsLoss::new),
                Arguments.of("KLDivLoss", 2, (Supplier<LossFunction>) KLDivLoss::new),
                Arguments.of("PoissonNLLLoss", 2, (Supplier<LossFunction>) PoissonNLLLoss::new),
                Arguments.of("GaussianNLLLoss", 3, (Supplier<LossFunction>) GaussianNLLLoss::new));
    }

    @AfterEach
    void clearTheSwitches() {
        System.clearProperty("gradgen.float32");
        System.clearProperty("gradgen.kernels");
    }

    /** Values in (0.05, 0.95), valid for every loss here (probabilities, positive targets and variances). */
    private static float[][] draw(int inputs, int n, long seed) {
        Random rng = new Random(seed);
        float[][] data = new float[inputs][n];
        for (float[] row : data) {
            for (int i = 0; i < n; i++) {
                row[i] = (float) (0.05 + 0.9 * rng.nextDouble());
            }
        }
        return data;
    }

    /** The value, then each input's gradient, after forward and backward (twice, without zeroGrad, when asked). */
    private static double[][] run(LossFunction loss, Tensor[] leaves, boolean computed, int steps) {
        double[][] out = new double[leaves.length + 1][];
        for (int step = 0; step < steps; step++) {
            Tensor[] inputs = new Tensor[leaves.length];
            for (int k = 0; k < leaves.length; k++) {
                inputs[k] = computed ? leaves[k].mul(1.0) : leaves[k];
            }
            Tensor value = loss.forward(inputs);
            assertEquals(leaves[0].dtype(), value.dtype(), "the result's type");
            value.backward();
            out[0] = value.toArray();
        }
        for (int k = 0; k < leaves.length; k++) {
            assertEquals(leaves[k].dtype(), leaves[k].grad().dtype(), "the gradient's type");
            out[k + 1] = leaves[k].grad().toArray();
        }
        return out;
    }

    private static Tensor[] leaves(float[][] data, DType dtype) {
        Tensor[] t = new Tensor[data.length];
        for (int k = 0; k < data.length; k++) {
            t[k] = Tensor.of(data[k], data[k].length).to(dtype).requiresGrad(true);
        }
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void floatKernelsGiveTheWidenedDoubleKernelsBits(String name, int inputs, Supplier<LossFunction> loss) {
        for (int n : new int[] {1000, 300_001}) {
            // the plain and the staged (VectorMath over blocks) kernels, both typed
            for (String kernels : new String[] {"scalar", "staged"}) {
                System.setProperty("gradgen.kernels", kernels);
                for (boolean computed : new boolean[] {false, true}) {
                    for (int steps : new int[] {1, 2}) {
                        checkBits(name + " n=" + n + " " + kernels + " computed=" + computed + " steps=" + steps,
                                loss, draw(inputs, n, n), computed, steps);
                    }
                }
            }
        }
    }

    private static void checkBits(String what, Supplier<LossFunction> loss, float[][] data, boolean computed,
            int steps) {
        double[][] floats = run(loss.get(), leaves(data, DType.FLOAT32), computed, steps);
        System.setProperty("gradgen.float32", "false");
        double[][] widened = run(loss.get(), leaves(data, DType.FLOAT32), computed, steps);
        System.clearProperty("gradgen.float32");
        for (int k = 0; k < floats.length; k++) {
            assertArrayEquals(widened[k], floats[k], 0.0, what + (k == 0 ? " value" : " gradient " + (k - 1)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void float32AgreesWithFloat64ToFloatPrecision(String name, int inputs, Supplier<LossFunction> loss) {
        int n = 300_001;
        float[][] data = draw(inputs, n, 7);
        double[][] f32 = run(loss.get(), leaves(data, DType.FLOAT32), false, 1);
        double[][] f64 = run(loss.get(), leaves(data, DType.FLOAT64), false, 1);
        assertEquals(f64[0][0], f32[0][0], 1e-6 * Math.abs(f64[0][0]), name + " value");
        for (int k = 1; k < f32.length; k++) {
            for (int i = 0; i < n; i++) {
                // float's rounding of the stored gradient: half an ulp of a float, relative
                assertEquals(f64[k][i], f32[k][i], 0x1p-24 * Math.abs(f64[k][i]), name + " gradient " + (k - 1)
                        + " at " + i);
            }
        }
    }
}
