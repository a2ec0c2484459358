package io.gradgen.benchmarks;

import io.gradgen.DType;
import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.optim.Adam;
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
 *       {@code logSoftmax} + {@code gatherLast}, {@code SGD(lr=0.01)};</li>
 *   <li>{@code mnistStepGenerated}, {@code mnistStepCatalogue}: the same with a generated
 *       cross-entropy (the benchmark's own, and the catalogue's {@code CrossEntropyLoss});
 *       {@code mnistStepCatalogue32}: the catalogue step on FLOAT32 images and layer;
 *       {@code mnistStepAdam}, {@code mnistStepAdam32}: with {@code Adam(lr=1e-3)} instead of SGD;</li>
 *   <li>{@code mnistStepHand}: that step as hand-written Java loops over {@code double[]} (matrix
 *       product, softmax, gradient, SGD update), the floor the runtime is measured against.</li>
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
    private Tensor images32;
    private Linear classifier32;
    private SGD classifierOptimizer32;
    private Linear adamClassifier;
    private Adam adam;
    private Linear adamClassifier32;
    private Adam adam32;

    private double[] imageData;
    private int[] labelData;
    private double[] handWeight;
    private double[] handBias;
    private double[] handLogits;
    private double[] handWeightGrad;

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

        images32 = images.to(DType.FLOAT32);
        classifier32 = new Linear(784, 10, new Random(7)).to(DType.FLOAT32);
        classifierOptimizer32 = new SGD(classifier32.parameters(), 0.01);
        adamClassifier = new Linear(784, 10, new Random(7));
        adam = new Adam(adamClassifier.parameters(), 1e-3);
        adamClassifier32 = new Linear(784, 10, new Random(7)).to(DType.FLOAT32);
        adam32 = new Adam(adamClassifier32.parameters(), 1e-3);

        imageData = images.toArray();
        labelData = Inputs.labels(8, 64, 10);
        Linear hand = new Linear(784, 10, new Random(7));
        handWeight = hand.weight().toArray();
        handBias = hand.bias().toArray();
        handLogits = new double[64 * 10];
        handWeightGrad = new double[10 * 784];
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

    private final CrossEntropyLoss crossEntropy = new CrossEntropyLoss();

    private final io.gradgen.losses.CrossEntropyLoss catalogueCrossEntropy = new io.gradgen.losses.CrossEntropyLoss();

    @Benchmark
    public double mnistStepCatalogue() {
        Tensor loss = catalogueCrossEntropy.forward(classifier.forward(images), labels);
        classifierOptimizer.zeroGrad();
        loss.backward();
        classifierOptimizer.step();
        return loss.item();
    }

    @Benchmark
    public double mnistStepCatalogue32() {
        Tensor loss = catalogueCrossEntropy.forward(classifier32.forward(images32), labels);
        classifierOptimizer32.zeroGrad();
        loss.backward();
        classifierOptimizer32.step();
        return loss.item();
    }

    @Benchmark
    public double mnistStepAdam() {
        Tensor loss = catalogueCrossEntropy.forward(adamClassifier.forward(images), labels);
        adam.zeroGrad();
        loss.backward();
        adam.step();
        return loss.item();
    }

    @Benchmark
    public double mnistStepAdam32() {
        Tensor loss = catalogueCrossEntropy.forward(adamClassifier32.forward(images32), labels);
        adam32.zeroGrad();
        loss.backward();
        adam32.step();
        return loss.item();
    }

    /** Linear(784, 10) + cross-entropy + SGD(0.01) at batch 64, as plain loops over arrays. */
    @Benchmark
    public double mnistStepHand() {
        return HandTraining.linearCrossEntropyStep(imageData, labelData, handWeight, handBias, handLogits,
                handWeightGrad, 64, 784, 10, 0.01);
    }

    @Benchmark
    public double mnistStepGenerated() {
        Tensor loss = crossEntropy.forward(classifier.forward(images), labels);
        classifierOptimizer.zeroGrad();
        loss.backward();
        classifierOptimizer.step();
        return loss.item();
    }
}
