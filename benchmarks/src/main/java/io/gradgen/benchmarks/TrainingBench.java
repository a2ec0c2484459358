package io.gradgen.benchmarks;

import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole training steps (forward, loss, zeroGrad, backward, SGD step), in steps per second.
 * <ul>
 *   <li>{@code tutorialStep}: PyTorch's custom-loss tutorial, {@code Linear(1, 1)} on 64 points,
 *       the generated sum-of-squares {@code CustomLoss}, {@code SGD(lr=0.01)};</li>
 *   <li>{@code tutorialStepHand}: the same step as a hand-written Java loop (the floor for
 *       per-op overhead);</li>
 *   <li>{@code mnistStepComposed}: {@code Linear(784, 10)}, batch 64, cross-entropy composed from
 *       {@code logSoftmax} + {@code gatherLast}, {@code SGD(lr=0.01)}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainingBench {

    private Tensor x;
    private Tensor yTrue;
    private Linear model;
    private CustomLoss lossFn;
    private SGD optimizer;

    private double[] xs;
    private double[] ys;
    private double w;
    private double b;

    private Tensor images;
    private Tensor labels;
    private Linear classifier;
    private SGD classifierOptimizer;

    @Setup(Level.Trial)
    public void setUp() {
        Random rng = new Random(42);
        x = Tensor.randn(rng, 64, 1);
        yTrue = x.mul(3.0).add(2.0).add(Tensor.randn(rng, 64, 1).mul(0.1));
        model = new Linear(1, 1, rng);
        lossFn = new CustomLoss();
        optimizer = new SGD(model.parameters(), 0.01);
        xs = x.toArray();
        ys = yTrue.toArray();
        w = model.weight().item();
        b = model.bias().item();

        images = Tensor.rand(rng, 64, 784);
        labels = Inputs.labelTensor(Inputs.labels(8, 64, 10));
        classifier = new Linear(784, 10, rng);
        classifierOptimizer = new SGD(classifier.parameters(), 0.01);
    }

    @Benchmark
    public double tutorialStep() {
        Tensor yPred = model.forward(x);
        Tensor loss = lossFn.forward(yPred, yTrue);
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        return loss.item();
    }

    @Benchmark
    public double tutorialStepHand() {
        double loss = 0;
        double gw = 0;
        double gb = 0;
        for (int i = 0; i < xs.length; i++) {
            double d = w * xs[i] + b - ys[i];
            loss += d * d;
            gw += 2 * d * xs[i];
            gb += 2 * d;
        }
        w -= 0.01 * gw;
        b -= 0.01 * gb;
        return loss;
    }

    @Benchmark
    public double mnistStepComposed() {
        Tensor logits = classifier.forward(images);
        Tensor loss = logits.logSoftmax(-1).gatherLast(labels).neg().mean();
        classifierOptimizer.zeroGrad();
        loss.backward();
        classifierOptimizer.step();
        return loss.item();
    }

    // TODO(issue 4): mnistStepGenerated — the same step with the generated row CrossEntropyLoss:
    //   Tensor loss = new CrossEntropyLoss().forward(classifier.forward(images), labels);
}
