package io.gradgen.benchmarks;

import io.gradgen.kernels.Parallel;
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
 * STREAM triad {@code a[i] = b[i] + s·c[i]} over 10⁷ doubles (three 80 MB arrays, far beyond any
 * cache) on all {@link Parallel#threads()} threads: the memory bandwidth the memory-bound losses
 * are measured against. STREAM counts 24 bytes per element (two reads, one write).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TriadBench {

    static final int SIZE = 10_000_000;
    static final double BYTES_PER_ELEMENT = 24;

    private double[] a;
    private double[] b;
    private double[] c;

    @Setup(Level.Trial)
    public void setUp() {
        a = new double[SIZE];
        b = Inputs.gaussian(6, SIZE, 1.0);
        c = Inputs.gaussian(7, SIZE, 1.0);
    }

    @Benchmark
    public double[] triad() {
        double s = 3.0;
        Parallel.forChunks(SIZE, Parallel.DEFAULT_CHUNK, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                a[i] = b[i] + s * c[i];
            }
        });
        return a;
    }
}
