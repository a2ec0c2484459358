package io.gradgen.processor.robustness;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generated losses are stateless, safe to share across threads, and let NaN and ±Inf through. */
class GeneratedLossRobustnessTest {

    private static final String[] LOSSES = {
            "corpus.elementwise.HuberLoss", "corpus.elementwise.CustomLoss", "corpus.elementwise.CauchyLoss",
            "corpus.elementwise.LogCoshLoss", "corpus.elementwise.BceWithLogitsLoss", "corpus.elementwise.FocalLoss"};

    private static CompiledSources compiled;

    @BeforeAll
    static void compileCorpus() {
        compiled = GradgenCompiler.compileCleanly(GradgenCompiler.resources(
                "corpus/elementwise/RegressionLosses.java",
                "corpus/elementwise/RobustLosses.java",
                "corpus/elementwise/ClassificationLosses.java",
                "corpus/elementwise/HelperLosses.java",
                "corpus/elementwise/Smooth.java",
                "corpus/elementwise/Stable.java"));
    }

    @Test
    void generatedClassesHoldOnlyFinalConstants() {
        for (String name : compiled.generatedSources().keySet()) {
            String binary = name.substring(name.indexOf("corpus/")).replace('/', '.').replaceAll("\\.java$", "");
            for (Field field : compiled.load(binary).getDeclaredFields()) {
                assertWithMessage("%s.%s", binary, field.getName())
                        .that(Modifier.isFinal(field.getModifiers())).isTrue();
            }
        }
    }

    /** One instance of each loss, forward and backward from many threads, equal to one thread's results. */
    @Test
    void oneInstanceSharedByManyThreadsGivesTheSingleThreadedResults() throws Exception {
        int threads = 8;
        int batches = 40;
        for (String name : LOSSES) {
            LossFunction loss = Losses.instantiate(compiled.load(name));
            List<double[]> expected = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                expected.add(run(loss, b));
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<List<double[]>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        List<double[]> results = new ArrayList<>();
                        for (int b = 0; b < batches; b++) {
                            results.add(run(loss, b));
                        }
                        return results;
                    }));
                }
                start.countDown();
                for (Future<List<double[]>> f : futures) {
                    List<double[]> results = f.get(60, TimeUnit.SECONDS);
                    for (int b = 0; b < batches; b++) {
                        assertWithMessage("%s batch %s", name, b).that(results.get(b))
                                .usingExactEquality().containsExactly(expected.get(b)).inOrder();
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The loss value followed by the gradients of both inputs, for seeded batch {@code b}. */
    private static double[] run(LossFunction loss, int b) {
        Random rng = new Random(b);
        Tensor a = Tensor.randn(rng, 64).requiresGrad(true);
        Tensor c = Tensor.rand(rng, 64).requiresGrad(true);
        Tensor value = loss.forward(a, c);
        value.backward();
        double[] ga = a.grad().toArray();
        double[] gc = c.grad().toArray();
        double[] all = new double[1 + ga.length + gc.length];
        all[0] = value.item();
        System.arraycopy(ga, 0, all, 1, ga.length);
        System.arraycopy(gc, 0, all, 1 + ga.length, gc.length);
        return all;
    }

    @Test
    void nanAndInfinitiesPropagateThroughGeneratedLossesWithoutAnException() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        for (String name : LOSSES) {
            LossFunction loss = Losses.instantiate(compiled.load(name));
            Tensor pred = Tensor.vector(nan, inf, -inf, 0.5).requiresGrad(true);
            Tensor target = Tensor.vector(0.5, 0.5, 0.5, 0.5).requiresGrad(true);
            Tensor value = loss.forward(pred, target);
            value.backward();
            assertWithMessage("%s of a NaN input", name).that(Double.isNaN(value.item())).isTrue();
            assertThat(pred.grad().numel()).isEqualTo(4);
            assertWithMessage("%s: the NaN position's gradient", name).that(Double.isNaN(pred.grad().get(0))).isTrue();
            assertWithMessage("%s: a finite position keeps a finite gradient", name)
                    .that(Double.isFinite(pred.grad().get(3))).isTrue();
        }
        // Huber is linear in the tails: an infinite residual has the finite slope ±delta, as in PyTorch
        LossFunction huber = Losses.instantiate(compiled.load("corpus.elementwise.HuberLoss"));
        Tensor pred = Tensor.vector(inf, -inf).requiresGrad(true);
        Tensor value = huber.forward(pred, Tensor.vector(0, 0));
        value.backward();
        assertThat(value.item()).isPositiveInfinity();
        assertThat(pred.grad().toArray()).usingExactEquality().containsExactly(0.5, -0.5).inOrder();
    }
}
