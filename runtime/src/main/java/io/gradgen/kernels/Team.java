package io.gradgen.kernels;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The helper threads of {@link Parallel}: daemon threads that, after finishing a task, spin for a
 * short while ({@code -Dgradgen.spinMicros}, 100 µs by default) before parking, as OpenMP's and
 * libtorch's thread pools do.
 *
 * <p>Why spin: a training step hands the helpers a few kernels of 5–30 µs each, one after the
 * other. Waking a parked thread took 15–25 µs on the 2-core machine this was measured on (a
 * {@code Linear(784, 10)} forward at batch 64, split into two halves of its rows, ran 39.6 µs through a
 * {@code ForkJoinPool}, against 24.4 µs on one thread and 13.9 µs with a spinning helper). While
 * a step's kernels keep coming, a spinning helper is already awake; between bursts it parks and
 * costs nothing. {@code -Dgradgen.spinMicros=0} parks at once.
 *
 * <p>Each helper has one slot. A caller offers a task by a compare-and-set of an empty slot (a
 * helper busy with another caller's task is simply not used), and takes the offer back once its
 * own share is done: a take-back that succeeds means the helper never started, so the caller waits
 * only for helpers that are running its task.
 */
final class Team {

    /** System property: microseconds a helper spins for new work before parking. */
    static final String SPIN_PROPERTY = "gradgen.spinMicros";

    private static final long SPIN_NANOS = Math.max(0L, Long.getLong(SPIN_PROPERTY, 100L)) * 1_000L;

    private final Helper[] helpers;

    Team(int size) {
        helpers = new Helper[size];
        for (int h = 0; h < size; h++) {
            helpers[h] = new Helper("gradgen-parallel-" + (h + 1));
            helpers[h].start();
        }
    }

    /**
     * Runs {@code task} on the calling thread and on up to {@code wanted} idle helpers at once, and
     * returns when every copy that started has returned. {@code task} must share its work out itself
     * (a counter of chunks), so that copies which never start leave nothing undone, and must catch
     * what its work throws (a helper cannot hand an exception back).
     */
    void runEverywhere(Runnable task, int wanted) {
        int n = Math.min(wanted, helpers.length);
        if (n <= 0) {
            task.run();
            return;
        }
        Helper[] offered = new Helper[n];
        int count = 0;
        for (int h = 0; h < helpers.length && count < n; h++) {
            if (helpers[h].offer(task)) {
                offered[count++] = helpers[h];
            }
        }
        try {
            task.run();
        } finally {
            for (int h = 0; h < count; h++) {
                offered[h].finish(task);
            }
        }
    }

    /** One helper thread and its slot. */
    private static final class Helper extends Thread {
        /** The task offered to this helper and not yet taken by it, or null. */
        private final AtomicReference<Runnable> offer = new AtomicReference<>();
        /** The task this helper is running, or null. */
        private volatile Runnable running;
        /** Whether the helper is parked, or about to be: then an offer unparks it. */
        private volatile boolean parked;

        Helper(String name) {
            super(name);
            setDaemon(true);
        }

        boolean offer(Runnable task) {
            if (running != null || !offer.compareAndSet(null, task)) {
                return false;
            }
            if (parked) {
                LockSupport.unpark(this);
            }
            return true;
        }

        /** Takes {@code task} back if the helper has not started it, else waits until it has finished. */
        void finish(Runnable task) {
            if (offer.compareAndSet(task, null)) {
                return;
            }
            while (running == task) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void run() {
            while (true) {
                Runnable task = awaitOffer();
                // announce the task before claiming it, so a caller whose take-back fails sees it running
                running = task;
                try {
                    if (offer.compareAndSet(task, null)) {
                        task.run();
                    }
                } finally {
                    running = null;
                }
            }
        }

        private Runnable awaitOffer() {
            long spinStart = System.nanoTime();
            int spins = 0;
            while (true) {
                Runnable task = offer.get();
                if (task != null) {
                    return task;
                }
                if (++spins % 64 != 0 || System.nanoTime() - spinStart < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (offer.get() == null) {
                    LockSupport.park(this);
                }
                parked = false;
                spinStart = System.nanoTime();
            }
        }
    }
}
