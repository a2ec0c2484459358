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
 * A batch loss, forward+backward: NT-Xent over {@code [rows, dim]} embeddings (temperature 0.5),
 * gradgen's generated {@code NtXentLoss} (a training step's share: zeroGrad, forward, backward)
 * against the hand-written loops of {@link HandNtXent}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BatchLossBench {

    @Param({"256x128"})
    public String embeddings;

    private int rows;
    private int dim;
    private double[] z1Data;
    private double[] z2Data;
    private double[] grad1;
    private double[] grad2;
    private HandNtXent.Work work;
    private Tensor z1;
    private Tensor z2;
    private final NtXentLoss ntXent = new NtXentLoss();

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = embeddings.split("x");
        rows = Integer.parseInt(parts[0]);
        dim = Integer.parseInt(parts[1]);
        z1Data = Inputs.gaussian(11, rows * dim, 1.0);
        z2Data = Inputs.gaussian(12, rows * dim, 1.0);
        grad1 = new double[rows * dim];
        grad2 = new double[rows * dim];
        work = new HandNtXent.Work(rows, dim);
        z1 = Tensor.of(z1Data, rows, dim).requiresGrad(true);
        z2 = Tensor.of(z2Data, rows, dim).requiresGrad(true);
    }

    @Benchmark
    public double generatedNtXent() {
        z1.zeroGrad();
        z2.zeroGrad();
        Tensor loss = ntXent.forward(z1, z2);
        loss.backward();
        return loss.item();
    }

    @Benchmark
    public double handNtXent() {
        return HandNtXent.forwardBackward(z1Data, z2Data, 0.5, rows, dim, grad1, grad2, work);
    }
}
