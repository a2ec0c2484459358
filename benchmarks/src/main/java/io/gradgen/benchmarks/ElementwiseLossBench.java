package io.gradgen.benchmarks;

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
 * Forward+backward of MSE, Huber and BCE-with-logits (mean reduction) over {@code size} elements,
 * three ways: the gradgen-generated loss ({@code generated*}), the same formula composed from
 * runtime Tensor ops with dynamic autograd ({@code composed*}), and a hand-written fused loop into
 * a reused gradient buffer ({@code hand*Serial}, {@code hand*Parallel}). Each generated/composed
 * call is a training step's share of the work: {@code pred.zeroGrad()}, forward, {@code backward()},
 * leaving the gradient in {@code pred.grad()}, as the hand-written loops leave it in their buffer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ElementwiseLossBench {

    @Param({"1000", "100000", "1000000", "10000000"})
    public int size;

    private double[] predData;
    private double[] targetData;
    private double[] bitsData;
    private double[] grad;
    private Tensor pred;
    private Tensor target;
    private Tensor bits;
    private final MseLoss mse = new MseLoss();
    private final HuberLoss huber = new HuberLoss();
    private final BceWithLogitsLoss bce = new BceWithLogitsLoss();

    @Setup(Level.Trial)
    public void setUp() {
        predData = Inputs.gaussian(1, size, 2.0);
        targetData = Inputs.gaussian(2, size, 2.0);
        bitsData = Inputs.bits(3, size);
        grad = new double[size];
        pred = Tensor.of(predData, size).requiresGrad(true);
        target = Tensor.of(targetData, size);
        bits = Tensor.of(bitsData, size);
    }

    // ---------------------------------------------------------------- MSE

    @Benchmark
    public double generatedMse() {
        pred.zeroGrad();
        Tensor loss = mse.forward(pred, target);
        loss.backward();
        return loss.item();
    }

    @Benchmark
    public double composedMse() {
        pred.zeroGrad();
        Tensor d = pred.sub(target);
        Tensor loss = d.mul(d).mean();
        loss.backward();
        return loss.item();
    }

    @Benchmark
    public double handMseSerial() {
        return HandLosses.mseSerial(predData, targetData, grad);
    }

    @Benchmark
    public double handMseParallel() {
        return HandLosses.mseParallel(predData, targetData, grad);
    }

    // ---------------------------------------------------------------- Huber

    @Benchmark
    public double generatedHuber() {
        pred.zeroGrad();
        Tensor loss = huber.forward(pred, target);
        loss.backward();
        return loss.item();
    }

    @Benchmark
    public double composedHuber() {
        pred.zeroGrad();
        Tensor a = pred.sub(target).abs();
        Tensor quadratic = a.mul(a).mul(0.5);
        Tensor linear = a.sub(0.5);
        Tensor loss = Tensor.where(a.le(1.0), quadratic, linear).mean();
        loss.backward();
        return loss.item();
    }

    @Benchmark
    public double handHuberSerial() {
        return HandLosses.huberSerial(predData, targetData, grad, 1.0);
    }

    @Benchmark
    public double handHuberParallel() {
        return HandLosses.huberParallel(predData, targetData, grad, 1.0);
    }

    // ---------------------------------------------------------------- BCE with logits

    @Benchmark
    public double generatedBce() {
        pred.zeroGrad();
        Tensor loss = bce.forward(pred, bits);
        loss.backward();
        return loss.item();
    }

    @Benchmark
    public double composedBce() {
        pred.zeroGrad();
        Tensor loss = pred.relu().sub(pred.mul(bits)).add(pred.abs().neg().exp().log1p()).mean();
        loss.backward();
        return loss.item();
    }

    @Benchmark
    public double handBceSerial() {
        return HandLosses.bceSerial(predData, bitsData, grad);
    }

    @Benchmark
    public double handBceParallel() {
        return HandLosses.bceParallel(predData, bitsData, grad);
    }
}
