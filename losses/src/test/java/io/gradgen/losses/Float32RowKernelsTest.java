package io.gradgen.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.DType;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float kernels of the catalogue's row losses on FLOAT32 rows: they widen a block of rows at a
 * time (many short rows, or one long row, per block) and give bit for bit what the double kernels
 * give on the rows widened whole ({@code -Dgradgen.float32=false}), with FLOAT32 results and
 * gradients; labels may be either type; a bad label is reported at its own position.
 */
class Float32RowKernelsTest {
    private static final int[] ROW_LENGTHS = {3, 700, 1000};

    /** How to make one loss's inputs: rows of the given length, for the given number of positions. */
    private interface Inputs {
        Tensor[] make(int positions, int length, DType rows, DType labels, Random rng);
    }

    static Stream<Arguments> losses() {
        Inputs logitsAndClass = (n, c, rows, labels, rng) -> new Tensor[] {row(n, c, -3, 3, rows, rng),
                classes(n, c, labels, rng)};
        Inputs logProbabilities = (n, c, rows, labels, rng) -> new Tensor[] {row(n, c, -5, -0.05, rows, rng),
                classes(n, c, labels, rng)};
        Inputs twoRows = (n, c, rows, labels, rng) -> new Tensor[] {row(n, c, -3, 3, rows, rng),
                row(n, c, 0.05, 0.95, rows, rng)};
        Inputs pairAndSign = (n, c, rows, labels, rng) -> {
            double[] signs = new double[n];
            for (int i = 0; i < n; i++) {
                signs[i] = rng.nextBoolean() ? 1 : -1;
            }
            return new Tensor[] {row(n, c, -1, 1, rows, rng), row(n, c, -1, 1, rows, rng),
                    Tensor.of(signs, n).to(labels)};
        };
        Inputs triplet = (n, c, rows, labels, rng) -> new Tensor[] {row(n, c, -1, 1, rows, rng),
                row(n, c, -1, 1, rows, rng), row(n, c, -1, 1, rows, rng)};
        return Stream.of(
                Arguments.of("CrossEntropyLoss", (Supplier<LossFunction>) CrossEntropyLoss::new, logitsAndClass),
                Arguments.of("CrossEntropyLoss(labelSmoothing=0.1, ignoreIndex=0)",
                        (Supplier<LossFunction>) () -> new CrossEntropyLoss(0, 0.1), logitsAndClass),
                Arguments.of("NLLLoss", (Supplier<LossFunction>) NLLLoss::new, logProbabilities),
                Arguments.of("MultiMarginLoss", (Supplier<LossFunction>) MultiMarginLoss::new, logitsAndClass),
                Arguments.of("SoftTargetCrossEntropyLoss", (Supplier<LossFunction>) SoftTargetCrossEntropyLoss::new,
                        twoRows),
                Arguments.of("MultiLabelSoftMarginLoss", (Supplier<LossFunction>) MultiLabelSoftMarginLoss::new,
                        twoRows),
                Arguments.of("CosineEmbeddingLoss", (Supplier<LossFunction>) CosineEmbeddingLoss::new, pairAndSign),
                Arguments.of("TripletMarginLoss", (Supplier<LossFunction>) TripletMarginLoss::new, triplet));
    }

    private static Tensor row(int n, int c, double lo, double hi, DType dtype, Random rng) {
        float[] v = new float[n * c];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return Tensor.of(v, n, c).to(dtype);
    }

    private static Tensor classes(int n, int c, DType dtype, Random rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(c);
        }
        return Tensor.of(v, n).to(dtype);
    }

    @AfterEach
    void clearTheSwitch() {
        System.clearProperty("gradgen.float32");
    }

    /** The value, then each differentiable input's gradient (empty for labels), forward and backward. */
    private static double[][] run(LossFunction loss, Tensor[] inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            boolean label = inputs[k].shape().length == 1;
            leaves[k] = Tensor.of(inputs[k].toArray(), inputs[k].shape()).to(inputs[k].dtype()).requiresGrad(!label);
        }
        Tensor value = loss.forward(leaves);
        assertEquals(leaves[0].dtype(), value.dtype(), "the result's type");
        value.backward();
        double[][] out = new double[leaves.length + 1][];
        out[0] = value.toArray();
        for (int k = 0; k < leaves.length; k++) {
            Tensor grad = leaves[k].grad();
            if (grad != null) {
                assertEquals(leaves[k].dtype(), grad.dtype(), "the gradient's type");
            }
            out[k + 1] = grad == null ? new double[0] : grad.toArray();
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void floatKernelsGiveTheWidenedDoubleKernelsBits(String name, Supplier<LossFunction> loss, Inputs inputs) {
        for (int length : ROW_LENGTHS) {
            int positions = length == 3 ? 20_011 : 301;
            for (DType labels : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                Tensor[] data = inputs.make(positions, length, DType.FLOAT32, labels, new Random(length));
                double[][] floats = run(loss.get(), data);
                System.setProperty("gradgen.float32", "false");
                double[][] widened = run(loss.get(), data);
                System.clearProperty("gradgen.float32");
                for (int k = 0; k < floats.length; k++) {
                    assertArrayEquals(widened[k], floats[k], 0.0, name + " rows of " + length + ", " + labels
                            + " labels: " + (k == 0 ? "value" : "gradient " + (k - 1)));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void float32AgreesWithFloat64ToFloatPrecision(String name, Supplier<LossFunction> loss, Inputs inputs) {
        Tensor[] f32 = inputs.make(257, 700, DType.FLOAT32, DType.FLOAT32, new Random(5));
        Tensor[] f64 = new Tensor[f32.length];
        for (int k = 0; k < f32.length; k++) {
            f64[k] = f32[k].to(DType.FLOAT64);
        }
        double[][] single = run(loss.get(), f32);
        double[][] dbl = run(loss.get(), f64);
        // summed in double, the FLOAT32 result rounded once
        assertEquals(dbl[0][0], single[0][0], 0x1p-24 * Math.abs(dbl[0][0]), name + " value");
        for (int k = 1; k < single.length; k++) {
            for (int i = 0; i < single[k].length; i++) {
                assertEquals(dbl[k][i], single[k][i], 0x1p-24 * Math.abs(dbl[k][i]), name + " gradient " + (k - 1)
                        + " at " + i);
            }
        }
    }

    @Test
    void aBadLabelIsReportedAtItsOwnPosition() {
        // rows of 3: 170 positions to a block, so position 777 is in the fifth block
        Tensor logits = row(1000, 3, -1, 1, DType.FLOAT32, new Random(1));
        double[] labels = new double[1000];
        labels[777] = 3;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(logits.requiresGrad(true), Tensor.of(labels, 1000)));
        assertTrue(e.getMessage().contains("777"), e.getMessage());
    }
}
