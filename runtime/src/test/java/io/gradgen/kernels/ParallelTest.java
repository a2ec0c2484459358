package io.gradgen.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyChunkRunsExactlyOnceWithItsFixedBounds() {
        int n = 1_000_003;
        int chunk = 4096;
        AtomicIntegerArray runs = new AtomicIntegerArray(Parallel.chunkCount(n, chunk));
        Parallel.forChunks(n, chunk, (c, from, to) -> {
            assertEquals(c * chunk, from);
            assertEquals(Math.min(n, from + chunk), to);
            runs.incrementAndGet(c);
        });
        for (int c = 0; c < runs.length(); c++) {
            assertEquals(1, runs.get(c), "chunk " + c);
        }
    }

    @Test
    void sumIsTheChunkOrderedSumWhateverTheThreads() {
        double[] xs = new double[3_000_017];
        Random rng = new Random(3);
        for (int i = 0; i < xs.length; i++) {
            xs[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(30) - 15);
        }
        int chunk = Parallel.DEFAULT_CHUNK;
        // what a single thread computes with the same chunking
        double expected = 0;
        for (int from = 0; from < xs.length; from += chunk) {
            double p = 0;
            for (int i = from; i < Math.min(xs.length, from + chunk); i++) {
                p += xs[i];
            }
            expected += p;
        }
        for (int repeat = 0; repeat < 5; repeat++) {
            double actual = Parallel.sumChunks(xs.length, chunk, (c, from, to) -> {
                double p = 0;
                for (int i = from; i < to; i++) {
                    p += xs[i];
                }
                return p;
            });
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual));
        }
    }

    @Test
    void emptyAndSmallRanges() {
        assertEquals(0.0, Parallel.sumChunks(0, 16, (c, from, to) -> 1.0));
        assertEquals(3.0, Parallel.sumChunks(40, 16, (c, from, to) -> 1.0));
        assertEquals(0, Parallel.chunkCount(0, 8));
        assertEquals(2, Parallel.chunkCount(9, 8));
    }

    @Test
    void exceptionsReachTheCaller() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Parallel.forChunks(1 << 22, 1 << 12, (c, from, to) -> {
                    if (c == 700) {
                        throw boom;
                    }
                }));
        assertSame(boom, thrown);
        assertThrows(IllegalArgumentException.class, () -> Parallel.forChunks(-1, 8, (c, f, t) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Parallel.chunkCount(8, 0));
    }

    @Test
    void partsCoverTheRangeOnceAndRunOnTheHelpersWhenTheWorkIsLarge() {
        int n = 1003;
        int grain = Parallel.grain(n, 4);
        assertEquals(0, grain % 4);
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int repeat = 0; repeat < 200; repeat++) {
            Parallel.forParts(n, grain, Parallel.PARALLEL_WORK, (part, from, to) -> {
                assertEquals(part * grain, from);
                assertEquals(Math.min(n, from + grain), to);
                threads.add(Thread.currentThread().getName());
                for (int i = from; i < to; i++) {
                    runs.incrementAndGet(i);
                }
                // long enough for a helper to wake up and claim a part
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            });
        }
        for (int i = 0; i < n; i++) {
            assertEquals(200, runs.get(i), "element " + i);
        }
        if (Parallel.threads() > 1) {
            assertTrue(threads.stream().anyMatch(t -> t.startsWith("gradgen-parallel-")), threads.toString());
        }
        // small work: one part on the calling thread
        Parallel.forParts(n, grain, Parallel.PARALLEL_WORK - 1, (part, from, to) -> {
            assertEquals(0, from);
            assertEquals(n, to);
        });
    }

    @Test
    void concurrentCallersEachGetEveryChunkAndTheirOwnExceptions() throws Exception {
        int callers = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            java.util.List<java.util.concurrent.Future<Double>> sums = new java.util.ArrayList<>();
            for (int k = 0; k < callers; k++) {
                int caller = k;
                sums.add(pool.submit(() -> {
                    double total = 0;
                    for (int repeat = 0; repeat < 50; repeat++) {
                        total += Parallel.sumChunks(1 << 18, 1 << 12, (c, from, to) -> (double) (to - from) * (caller + 1));
                        int failAt = repeat % 64;
                        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                                () -> Parallel.forChunks(1 << 18, 1 << 12, (c, from, to) -> {
                                    if (c == failAt) {
                                        throw new IllegalStateException("caller " + caller + " chunk " + c);
                                    }
                                }));
                        assertEquals("caller " + caller + " chunk " + failAt, thrown.getMessage());
                    }
                    return total;
                }));
            }
            for (int k = 0; k < callers; k++) {
                assertEquals(50.0 * (1 << 18) * (k + 1), sums.get(k).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
