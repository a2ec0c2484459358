package io.gradgen.benchmarks;

import io.gradgen.DType;
import io.gradgen.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cross-entropy forward+backward (mean over rows) on {@code [rows, classes]} logits: composed from
 * Tensor ops ({@code logSoftmax} + {@code gatherLast}) and hand-written (serial, and parallel with
 * VectorMath.exp), gradgen's generated row loss, and the catalogue's {@code CrossEntropyLoss} in float64
 * and float32. The generated and composed ones start with
 * {@code logits.zeroGrad()}, as a training step does; the hand-written ones overwrite their buffer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CrossEntropyBench {

    @Param({"64x10", "4096x1000"})
    public String shape;

    private int rows;
    private int classes;
    private double[] logitsData;
    private int[] labels;
    private double[] grad;
    private Tensor logits;
    private Tensor target;
    private Tensor logits32;
    private float[] logitsFloats;
    private float[] grad32;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split("x");
        rows = Integer.parseInt(parts[0]);
        classes = Integer.parseInt(parts[1]);
        logitsData = Inputs.gaussian(4, rows * classes, 3.0);
        labels = Inputs.labels(5, rows, classes);
        grad = new double[rows * classes];
        logits = Tensor.of(logitsData, rows, classes).requiresGrad(true);
        target = Inputs.labelTensor(labels);
        logits32 = logits.detach().to(DType.FLOAT32).requiresGrad(true);
        logitsFloats = new float[rows * classes];
        for (int i = 0; i < logitsFloats.length; i++) {
            logitsFloats[i] = (float) logitsData[i];
        }
        grad32 = new float[rows * classes];
    }

    @Benchmark
    public double composedCrossEntropy() {
        logits.zeroGrad();
        Tensor loss = logits.logSoftmax(-1).gatherLast(target).neg().mean();
        loss.backward();
        return loss.item();
    }

    private final CrossEntropyLoss generated = new CrossEntropyLoss();

    @Benchmark
    public double generatedCrossEntropy() {
        logits.zeroGrad();
        Tensor loss = generated.forward(logits, target);
        loss.backward();
        return loss.item();
    }

    private final io.gradgen.losses.CrossEntropyLoss catalogue = new io.gradgen.losses.CrossEntropyLoss();

    /** The catalogue's CrossEntropyLoss (ignore_index, label_smoothing at their defaults). */
    @Benchmark
    public double catalogueCrossEntropy() {
        logits.zeroGrad();
        Tensor loss = catalogue.forward(logits, target);
        loss.backward();
        return loss.item();
    }

    /** The same on FLOAT32 logits. */
    @Benchmark
    public double catalogueCrossEntropy32() {
        logits32.zeroGrad();
        Tensor loss = catalogue.forward(logits32, target);
        loss.backward();
        return loss.item();
    }

    /** The float32 hand-written loop: float logits and gradient, rows widened, the loss summed in double. */
    @Benchmark
    public double handCrossEntropy32Parallel() {
        return HandLosses32.crossEntropyParallel(logitsFloats, labels, grad32, rows, classes);
    }

    @Benchmark
    public double handCrossEntropySerial() {
        return HandLosses.crossEntropySerial(logitsData, labels, grad, rows, classes);
    }

    @Benchmark
    public double handCrossEntropyParallel() {
        return HandLosses.crossEntropyParallel(logitsData, labels, grad, rows, classes);
    }
}
