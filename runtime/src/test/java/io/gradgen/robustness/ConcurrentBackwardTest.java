package io.gradgen.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code backward()} from several threads at once, on one graph or on graphs sharing leaves (a
 * model's parameters): safe, as in PyTorch, because accumulating into a leaf's {@code grad()} is
 * atomic per tensor and everything else a backward pass touches is its own.
 */
class ConcurrentBackwardTest {

    private static final int THREADS = 8;
    private static final int CALLS = 200;

    @Test
    void manyThreadsCallingBackwardOnOneGraphAddEveryContribution() throws Exception {
        // large enough that accumulations into x.grad() overlap in time
        Tensor x = Tensor.randn(new Random(5), 4096).requiresGrad(true);
        Tensor loss = x.mul(x).add(x).sigmoid().sum();
        loss.backward();
        double[] once = x.grad().toArray();
        x.zeroGrad();

        runConcurrently(() -> {
            for (int i = 0; i < CALLS; i++) {
                loss.backward();
            }
            return null;
        });

        double[] expected = new double[once.length];
        for (int call = 0; call < THREADS * CALLS; call++) {
            for (int i = 0; i < once.length; i++) {
                expected[i] += once[i];
            }
        }
        assertArrayEquals(expected, x.grad().toArray(), 0.0);
    }

    @Test
    void threadsBackpropagatingTheirOwnBatchesIntoSharedParametersSumAllOfThem() throws Exception {
        Linear model = new Linear(4, 2, new Random(3));
        List<Tensor> batches = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            batches.add(Tensor.randn(new Random(100 + t), 16, 4));
        }
        for (Tensor batch : batches) {
            for (int i = 0; i < CALLS / 10; i++) {
                model.forward(batch).tanh().sum().backward();
            }
        }
        double[] sequentialWeight = model.weight().grad().toArray();
        double[] sequentialBias = model.bias().grad().toArray();
        model.zeroGrad();

        List<Callable<Void>> work = new ArrayList<>();
        for (Tensor batch : batches) {
            work.add(() -> {
                for (int i = 0; i < CALLS / 10; i++) {
                    model.forward(batch).tanh().sum().backward();
                }
                return null;
            });
        }
        runAll(work);

        // the same contributions, added in another order
        assertArrayEquals(sequentialWeight, model.weight().grad().toArray(), 1e-9);
        assertArrayEquals(sequentialBias, model.bias().grad().toArray(), 1e-9);
    }

    private static void runConcurrently(Callable<Void> task) throws Exception {
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            work.add(task);
        }
        runAll(work);
    }

    private static void runAll(List<Callable<Void>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : work) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<Void> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
