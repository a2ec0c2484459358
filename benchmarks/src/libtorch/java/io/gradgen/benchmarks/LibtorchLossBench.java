package io.gradgen.benchmarks;

import io.gradgen.LossFunction;
import io.gradgen.losses.BCEWithLogitsLoss;
import io.gradgen.losses.CrossEntropyLoss;
import io.gradgen.losses.HuberLoss;
import io.gradgen.losses.MSELoss;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * libtorch's fused aten losses, forward+backward in float64, in the same JVM and on the same seeded
 * inputs as {@link CatalogueLossBench} and {@link CrossEntropyBench}, so that issue 18's goal
 * (catalogue losses at least 2× faster than libtorch) is a ratio within one run ({@link LibtorchTable}).
 * Built only with {@code -Plibtorch} (libtorch 2.7.1 CPU through the JavaCPP presets).
 *
 * <p>Each step is what a PyTorch training step does for its loss: zero the leaf's gradient (in place,
 * once it exists), call the aten loss ({@code huber_loss}, {@code binary_cross_entropy_with_logits},
 * {@code mse_loss}, {@code cross_entropy_loss}, mean reduction), {@code backward()}, read the value.
 * libtorch runs {@link LibtorchTable#threads()} intra-op threads: one per core (2 on the project's
 * machines; the presets' default is 1), or {@code -Dgradgen.libtorch.threads=N}. Before measuring, each state checks that libtorch's value and gradient agree
 * with the catalogue loss on the same inputs, so both sides compute the same thing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LibtorchLossBench {

    /** {@code at::Reduction::Mean}: the presets map the loss functions but not this enum. */
    static final long MEAN = 1;
    /** PyTorch's default {@code ignore_index}. */
    static final long IGNORE_INDEX = -100;
    private static final double HUBER_DELTA = 1.0;
    /** Relative agreement asked of libtorch and the catalogue (sums of 10⁶ terms in different orders). */
    private static final double TOLERANCE = 1e-9;

    /** The element-wise losses' inputs: {@link CatalogueLossBench}'s seeds and scales. */
    @State(Scope.Benchmark)
    public static class Elementwise {
        @Param({"100000", "1000000"})
        public int size;

        Tensor pred;
        Tensor target;
        Tensor bits;
        final TensorOptional none = new TensorOptional();

        @Setup(Level.Trial)
        public void setUp() {
            useAllCores();
            double[] p = Inputs.gaussian(1, size, 2.0);
            double[] t = Inputs.gaussian(2, size, 2.0);
            double[] b = Inputs.bits(3, size);
            pred = doubles(p, size).requires_grad_(true);
            target = doubles(t, size);
            bits = doubles(b, size);
            io.gradgen.Tensor gp = io.gradgen.Tensor.of(p, size);
            io.gradgen.Tensor gt = io.gradgen.Tensor.of(t, size);
            io.gradgen.Tensor gb = io.gradgen.Tensor.of(b, size);
            agree("Huber", huber(this), new HuberLoss(), gp, gt, pred);
            agree("BCE with logits", bce(this), new BCEWithLogitsLoss(), gp, gb, pred);
            agree("MSE", mse(this), new MSELoss(), gp, gt, pred);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pred.close();
            target.close();
            bits.close();
            none.close();
        }
    }

    /** Cross-entropy's inputs: {@link CrossEntropyBench}'s logits and labels, labels as int64. */
    @State(Scope.Benchmark)
    public static class Logits {
        @Param({"4096x1000"})
        public String shape;

        Tensor logits;
        Tensor labels;
        final TensorOptional noWeight = new TensorOptional();

        @Setup(Level.Trial)
        public void setUp() {
            useAllCores();
            String[] parts = shape.split("x");
            int rows = Integer.parseInt(parts[0]);
            int classes = Integer.parseInt(parts[1]);
            double[] data = Inputs.gaussian(4, rows * classes, 3.0);
            int[] classOf = Inputs.labels(5, rows, classes);
            long[] wide = new long[rows];
            for (int i = 0; i < rows; i++) {
                wide[i] = classOf[i];
            }
            logits = doubles(data, rows, classes).requires_grad_(true);
            try (LongPointer raw = new LongPointer(wide)) {
                labels = torch.from_blob(raw, new long[] {rows}, new TensorOptions(torch.ScalarType.Long)).clone();
            }
            agree("cross-entropy", crossEntropy(this), new CrossEntropyLoss(), io.gradgen.Tensor.of(data, rows, classes),
                    Inputs.labelTensor(classOf), logits);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            logits.close();
            labels.close();
            noWeight.close();
        }
    }

    @Benchmark
    public double libtorchHuber(Elementwise in) {
        return huber(in);
    }

    @Benchmark
    public double libtorchBce(Elementwise in) {
        return bce(in);
    }

    @Benchmark
    public double libtorchMse(Elementwise in) {
        return mse(in);
    }

    @Benchmark
    public double libtorchCrossEntropy(Logits in) {
        return crossEntropy(in);
    }

    private static double huber(Elementwise in) {
        return step(in.pred, () -> torch.huber_loss(in.pred, in.target, MEAN, HUBER_DELTA));
    }

    private static double bce(Elementwise in) {
        return step(in.pred, () -> torch.binary_cross_entropy_with_logits(in.pred, in.bits, in.none, in.none, MEAN));
    }

    private static double mse(Elementwise in) {
        return step(in.pred, () -> torch.mse_loss(in.pred, in.target, MEAN));
    }

    private static double crossEntropy(Logits in) {
        return step(in.logits, () -> torch.cross_entropy_loss(in.logits, in.labels, in.noWeight, MEAN, IGNORE_INDEX,
                0.0));
    }

    /**
     * One training step's loss in libtorch: the leaf's gradient zeroed, the loss, {@code backward()},
     * the value; the step's native temporaries freed by its pointer scope.
     */
    private static double step(Tensor leaf, Supplier<Tensor> loss) {
        try (PointerScope step = new PointerScope()) {
            zeroGrad(leaf);
            Tensor value = loss.get();
            value.backward();
            return value.item_double();
        }
    }

    /** Zeroes a leaf's gradient in place, as {@code optimizer.zero_grad(set_to_none=False)} does. */
    private static void zeroGrad(Tensor leaf) {
        Tensor grad = leaf.grad();
        if (grad.defined()) {
            grad.zero_();
        }
    }

    /** One intra-op thread per core unless told otherwise, as gradgen's {@code Parallel} uses by default. */
    static void useAllCores() {
        torch.set_num_threads(LibtorchTable.threads());
    }

    /** A float64 libtorch tensor owning a copy of {@code data}. */
    static Tensor doubles(double[] data, long... shape) {
        try (DoublePointer raw = new DoublePointer(data)) {
            return torch.from_blob(raw, shape, new TensorOptions(torch.ScalarType.Double)).clone();
        }
    }

    /**
     * Runs one catalogue step on gradgen tensors and compares its value and gradient with the
     * libtorch step just taken ({@code value}, the leaf's gradient), so a wrong reduction code or a
     * wrong input would fail the trial instead of timing a different computation.
     */
    static void agree(String name, double value, LossFunction catalogue, io.gradgen.Tensor input,
            io.gradgen.Tensor target, Tensor leaf) {
        io.gradgen.Tensor x = input.requiresGrad(true);
        x.zeroGrad();
        io.gradgen.Tensor loss = catalogue.forward(x, target);
        loss.backward();
        double expected = loss.item();
        if (Math.abs(value - expected) > TOLERANCE * Math.max(1.0, Math.abs(expected))) {
            throw new IllegalStateException(name + ": libtorch's loss " + value + " differs from the catalogue's "
                    + expected + " on the same inputs");
        }
        double[] want = x.grad().toArray();
        double[] got = new double[want.length];
        try (PointerScope scope = new PointerScope()) {
            new DoublePointer(leaf.grad().data_ptr()).get(got);
        }
        for (int i = 0; i < want.length; i++) {
            if (Math.abs(got[i] - want[i]) > TOLERANCE * Math.max(1e-12, Math.abs(want[i]))
                    && Math.abs(got[i] - want[i]) > 1e-18) {
                throw new IllegalStateException(name + ": libtorch's gradient " + got[i] + " at " + i
                        + " differs from the catalogue's " + want[i] + " on the same inputs");
            }
        }
    }
}
