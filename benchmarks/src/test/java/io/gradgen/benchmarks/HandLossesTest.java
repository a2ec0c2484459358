package io.gradgen.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written baselines compute what the generated losses compute (value and gradient), so
 * that a ratio against them compares equal work: a fast but wrong baseline would flatter nobody.
 */
class HandLossesTest {
    private static final double TOLERANCE = 1e-10;

    interface Hand {
        double run(double[] x, double[] y, double[] g);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 300_000})
    void elementWiseLoopsMatchTheGeneratedLosses(int size) {
        double[] pred = Inputs.gaussian(1, size, 2.0);
        double[] target = Inputs.gaussian(2, size, 2.0);
        double[] bits = Inputs.bits(3, size);
        check("mse", new MseLoss(), pred, target, HandLosses::mseSerial, HandLosses::mseParallel);
        check("huber", new HuberLoss(), pred, target, (x, y, g) -> HandLosses.huberSerial(x, y, g, 1.0),
                (x, y, g) -> HandLosses.huberParallel(x, y, g, 1.0));
        check("bce", new BceWithLogitsLoss(), pred, bits, HandLosses::bceSerial, HandLosses::bceParallel);
    }

    interface Hand32 {
        double run(float[] x, float[] y, float[] g);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 300_000})
    void float32LoopsMatchTheirDoubleTwinsToFloatPrecision(int size) {
        double[] pred = Inputs.gaussian(1, size, 2.0);
        double[] target = Inputs.gaussian(2, size, 2.0);
        double[] bits = Inputs.bits(3, size);
        check32("mse", pred, target, HandLosses::mseSerial, HandLosses32::mseSerial, HandLosses32::mseParallel);
        check32("huber", pred, target, (x, y, g) -> HandLosses.huberSerial(x, y, g, 1.0),
                (x, y, g) -> HandLosses32.huberSerial(x, y, g, 1.0f),
                (x, y, g) -> HandLosses32.huberParallel(x, y, g, 1.0f));
        check32("bce", pred, bits, HandLosses::bceSerial, HandLosses32::bceSerial, HandLosses32::bceParallel);
    }

    private static void check32(String name, double[] x, double[] y, Hand reference, Hand32 serial, Hand32 parallel) {
        // the reference sees the float inputs widened, so only the float arithmetic differs
        float[] x32 = Inputs.narrow(x);
        float[] y32 = Inputs.narrow(y);
        double[] xs = new double[x.length];
        double[] ys = new double[y.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = x32[i];
            ys[i] = y32[i];
        }
        double[] expected = new double[x.length];
        double value = reference.run(xs, ys, expected);
        for (Hand32 hand : new Hand32[] {serial, parallel}) {
            float[] g = new float[x.length];
            double actual = hand.run(x32, y32, g);
            assertEquals(value, actual, 1e-5 * Math.abs(value), name + " value");
            for (int i = 0; i < g.length; i++) {
                // float's rounding of terms up to 1 (σ, y), times the mean's 1/n
                assertEquals(expected[i], g[i], 1e-6 * (Math.abs(expected[i]) + 1.0 / x.length), name + " gradient " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 1000})
    void crossEntropyLoopsMatchTheGeneratedLoss(int classes) {
        int rows = 64;
        double[] logits = Inputs.gaussian(4, rows * classes, 3.0);
        int[] labels = Inputs.labels(5, rows, classes);
        Tensor x = Tensor.of(logits, rows, classes).requiresGrad(true);
        Tensor loss = new CrossEntropyLoss().forward(x, Inputs.labelTensor(labels));
        loss.backward();
        double[] expected = x.grad().toArray();
        for (boolean parallel : new boolean[] {false, true}) {
            double[] g = new double[rows * classes];
            double value = parallel ? HandLosses.crossEntropyParallel(logits, labels, g, rows, classes)
                    : HandLosses.crossEntropySerial(logits, labels, g, rows, classes);
            assertClose("cross-entropy value", loss.item(), value);
            for (int i = 0; i < g.length; i++) {
                assertClose("cross-entropy gradient " + i, expected[i], g[i]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 1000})
    void float32CrossEntropyLoopMatchesTheCatalogueLossOnFloat32(int classes) {
        int rows = 64;
        double[] logits = Inputs.gaussian(4, rows * classes, 3.0);
        int[] labels = Inputs.labels(5, rows, classes);
        Tensor x = Tensor.of(logits, rows, classes).to(io.gradgen.DType.FLOAT32).requiresGrad(true);
        Tensor loss = new io.gradgen.losses.CrossEntropyLoss().forward(x, Inputs.labelTensor(labels));
        loss.backward();
        double[] expected = x.grad().toArray();
        float[] floats = new float[logits.length];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) logits[i];
        }
        float[] g = new float[floats.length];
        double value = HandLosses32.crossEntropyParallel(floats, labels, g, rows, classes);
        // the catalogue's FLOAT32 result is the double sum rounded to float
        assertEquals(loss.item(), value, 0x1p-23 * Math.abs(value), "float32 cross-entropy value");
        for (int i = 0; i < g.length; i++) {
            assertEquals(expected[i], g[i], 0x1p-22 * Math.max(1e-3, Math.abs(expected[i])),
                    "float32 cross-entropy gradient " + i);
        }
    }

    private static void check(String name, LossFunction generated, double[] x, double[] y, Hand serial, Hand parallel) {
        Tensor input = Tensor.of(x, x.length).requiresGrad(true);
        Tensor loss = generated.forward(input, Tensor.of(y, y.length));
        loss.backward();
        double[] expected = input.grad().toArray();
        for (Hand hand : new Hand[] {serial, parallel}) {
            double[] g = new double[x.length];
            assertClose(name + " value", loss.item(), hand.run(x, y, g));
            for (int i = 0; i < g.length; i++) {
                assertClose(name + " gradient " + i, expected[i], g[i]);
            }
        }
    }

    private static void assertClose(String what, double expected, double actual) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1e-3, Math.abs(expected)), what);
    }
}
