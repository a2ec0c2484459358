package io.gradgen.benchmarks;

import io.gradgen.DType;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.losses.BCEWithLogitsLoss;
import io.gradgen.losses.HuberLoss;
import io.gradgen.losses.MSELoss;
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
 * The catalogue's element-wise losses ({@code io.gradgen.losses.MSELoss}, {@code HuberLoss},
 * {@code BCEWithLogitsLoss}, as a user gets them from {@code gradgen-losses}), forward+backward with
 * mean reduction, in float64 ({@code catalogue*}) and float32 ({@code catalogue*32}), against
 * hand-written float32 loops ({@code hand*32Serial}, {@code hand*32Parallel}). The float64
 * hand-written loops are {@link ElementwiseLossBench}'s, on the same inputs; a ratio table compares
 * them within one run. Each catalogue call is a training step's share: {@code zeroGrad}, forward,
 * {@code backward()}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CatalogueLossBench {

    @Param({"100000", "1000000", "10000000"})
    public int size;

    private Tensor pred;
    private Tensor target;
    private Tensor bits;
    private Tensor pred32;
    private Tensor target32;
    private Tensor bits32;
    private float[] predData32;
    private float[] targetData32;
    private float[] bitsData32;
    private float[] grad32;
    private final LossFunction mse = new MSELoss();
    private final LossFunction huber = new HuberLoss();
    private final LossFunction bce = new BCEWithLogitsLoss();

    @Setup(Level.Trial)
    public void setUp() {
        pred = Tensor.of(Inputs.gaussian(1, size, 2.0), size).requiresGrad(true);
        target = Tensor.of(Inputs.gaussian(2, size, 2.0), size);
        bits = Tensor.of(Inputs.bits(3, size), size);
        pred32 = pred.detach().to(DType.FLOAT32).requiresGrad(true);
        target32 = target.to(DType.FLOAT32);
        bits32 = bits.to(DType.FLOAT32);
        predData32 = Inputs.narrow(pred.toArray());
        targetData32 = Inputs.narrow(target.toArray());
        bitsData32 = Inputs.narrow(bits.toArray());
        grad32 = new float[size];
    }

    private static double step(LossFunction loss, Tensor x, Tensor y) {
        x.zeroGrad();
        Tensor value = loss.forward(x, y);
        value.backward();
        return value.item();
    }

    @Benchmark
    public double catalogueMse() {
        return step(mse, pred, target);
    }

    @Benchmark
    public double catalogueHuber() {
        return step(huber, pred, target);
    }

    @Benchmark
    public double catalogueBce() {
        return step(bce, pred, bits);
    }

    @Benchmark
    public double catalogueMse32() {
        return step(mse, pred32, target32);
    }

    @Benchmark
    public double catalogueHuber32() {
        return step(huber, pred32, target32);
    }

    @Benchmark
    public double catalogueBce32() {
        return step(bce, pred32, bits32);
    }

    @Benchmark
    public double handMse32Serial() {
        return HandLosses32.mseSerial(predData32, targetData32, grad32);
    }

    @Benchmark
    public double handMse32Parallel() {
        return HandLosses32.mseParallel(predData32, targetData32, grad32);
    }

    @Benchmark
    public double handHuber32Serial() {
        return HandLosses32.huberSerial(predData32, targetData32, grad32, 1.0f);
    }

    @Benchmark
    public double handHuber32Parallel() {
        return HandLosses32.huberParallel(predData32, targetData32, grad32, 1.0f);
    }

    @Benchmark
    public double handBce32Serial() {
        return HandLosses32.bceSerial(predData32, bitsData32, grad32);
    }

    @Benchmark
    public double handBce32Parallel() {
        return HandLosses32.bceParallel(predData32, bitsData32, grad32);
    }
}
