package io.gradgen.kernels;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed-chunk data parallelism for large element-wise kernels, with results that do not depend on
 * the number of threads.
 *
 * <p>A range {@code [0, n)} is cut into chunks of exactly {@code chunkSize} elements (the last one
 * shorter). The cut depends only on {@code n} and {@code chunkSize}, never on the thread count or
 * on timing; threads claim whole chunks. {@link #sumChunks} keeps one partial sum per chunk and
 * adds the partials in chunk order on the calling thread, so a floating-point sum is bit-identical
 * whether it ran on 1 thread or 16. Chunks of 2¹⁶ doubles (512 KiB per array) are the default:
 * big enough to amortise scheduling, small enough to balance two cores.
 *
 * <h2>Contract for generated code</h2>
 * Static methods; the calling thread always works too and returns only when every chunk is done.
 * Ranges shorter than {@link #PARALLEL_THRESHOLD} run on the calling thread alone, still chunk by
 * chunk, so their sums equal the parallel ones. Bodies must only write disjoint, chunk-indexed
 * state (output elements {@code [from, to)}, {@code partials[chunk]}). An exception thrown by a
 * body is rethrown to the caller. Apart from the body lambda, {@link #forChunks} allocates a few
 * small task objects and {@link #sumChunks} one {@code double[chunkCount]}; nothing proportional
 * to {@code n}.
 *
 * <p>The helper threads are daemon threads of one shared team sized to
 * {@code Runtime.availableProcessors() - 1}; {@code -Dgradgen.threads=N} sets the total number of
 * threads (N = 1 disables the team). A helper spins for a short while after its last task before it
 * parks ({@code -Dgradgen.spinMicros}, see {@link Team}), so the kernels of one training step, a few
 * microseconds each, find it awake.
 */
public final class Parallel {

    /** The chunk size generated kernels use: 2¹⁶ elements. */
    public static final int DEFAULT_CHUNK = 1 << 16;

    /**
     * Ranges of fewer elements run on the calling thread only (but still chunked): one chunk's
     * work, tens of microseconds for the cheapest loss, against about one microsecond to hand a
     * chunk to an awake helper.
     */
    public static final int PARALLEL_THRESHOLD = 1 << 16;

    /** System property with the total number of threads to use, the caller included. */
    public static final String THREADS_PROPERTY = "gradgen.threads";

    private static final int THREADS = Math.max(1,
            Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));

    private Parallel() {
    }

    /** Work on one chunk: elements {@code [from, to)}, which is chunk number {@code chunk}. */
    @FunctionalInterface
    public interface ChunkBody {
        /**
         * Processes one chunk.
         *
         * @param chunk the chunk's number, {@code from / chunkSize}
         * @param from the first element
         * @param to one past the last element
         */
        void run(int chunk, int from, int to);
    }

    /** A partial sum over one chunk. */
    @FunctionalInterface
    public interface ChunkSum {
        /**
         * Sums one chunk.
         *
         * @param chunk the chunk's number, {@code from / chunkSize}
         * @param from the first element
         * @param to one past the last element
         * @return the chunk's partial sum
         */
        double sum(int chunk, int from, int to);
    }

    /**
     * The total number of threads used for large ranges, the caller included.
     *
     * @return at least 1
     */
    public static int threads() {
        return THREADS;
    }

    /**
     * The number of chunks {@code [0, n)} is cut into.
     *
     * @param n the number of elements, {@code >= 0}
     * @param chunkSize the chunk size, {@code > 0}
     * @return {@code ceil(n / chunkSize)}
     */
    public static int chunkCount(int n, int chunkSize) {
        checkArgs(n, chunkSize);
        return (int) (((long) n + chunkSize - 1) / chunkSize);
    }

    /**
     * Runs {@code body} once for every chunk of {@code [0, n)}, in parallel for large ranges.
     *
     * @param n the number of elements, {@code >= 0}
     * @param chunkSize the chunk size, {@code > 0}; use {@link #DEFAULT_CHUNK}
     * @param body the work on one chunk
     * @throws IllegalArgumentException if {@code n < 0} or {@code chunkSize <= 0}
     */
    public static void forChunks(int n, int chunkSize, ChunkBody body) {
        int chunks = chunkCount(n, chunkSize);
        if (chunks <= 1 || n < PARALLEL_THRESHOLD || THREADS == 1) {
            for (int c = 0; c < chunks; c++) {
                int from = c * chunkSize;
                body.run(c, from, Math.min(n, from + chunkSize));
            }
            return;
        }
        new Job(n, chunkSize, chunks, body).runEverywhere();
    }

    /**
     * Sums {@code body} over the chunks of {@code [0, n)}: the partial sums are added in chunk
     * order, so the result is the same for every thread count.
     *
     * @param n the number of elements, {@code >= 0}
     * @param chunkSize the chunk size, {@code > 0}; use {@link #DEFAULT_CHUNK}
     * @param body the partial sum of one chunk
     * @return {@code ((p0 + p1) + p2) + ...}, 0 for an empty range
     * @throws IllegalArgumentException if {@code n < 0} or {@code chunkSize <= 0}
     */
    public static double sumChunks(int n, int chunkSize, ChunkSum body) {
        return sum(n, chunkSize, n >= PARALLEL_THRESHOLD, body);
    }

    /** The chunk sums added in chunk order, computed in parallel when asked and worth it. */
    private static double sum(int n, int chunkSize, boolean parallel, ChunkSum body) {
        int chunks = chunkCount(n, chunkSize);
        if (chunks <= 1 || !parallel || THREADS == 1) {
            double total = 0.0;
            for (int c = 0; c < chunks; c++) {
                int from = c * chunkSize;
                total += body.sum(c, from, Math.min(n, from + chunkSize));
            }
            return total;
        }
        double[] partials = new double[chunks];
        new Job(n, chunkSize, chunks, (c, from, to) -> partials[c] = body.sum(c, from, to)).runEverywhere();
        double total = 0.0;
        for (double p : partials) {
            total += p;
        }
        return total;
    }

    /**
     * {@link #forChunks} over {@code positions} batch positions of {@code rowLength} elements of work
     * each: chunks of about {@link #DEFAULT_CHUNK} elements, run in parallel once the whole batch
     * reaches {@link #PARALLEL_THRESHOLD} elements. The chunking depends only on the sizes, never on
     * the thread count. Generated losses call it with a row length of 1 for element-wise losses.
     *
     * @param positions the number of batch positions, {@code >= 0}
     * @param rowLength the elements of work per position ({@code >= 1} is assumed; smaller counts as 1)
     * @param body the work on the positions {@code [from, to)} of one chunk
     */
    public static void forRows(int positions, int rowLength, ChunkBody body) {
        int width = Math.max(1, rowLength);
        int chunk = Math.max(1, DEFAULT_CHUNK / width);
        int chunks = chunkCount(positions, chunk);
        if (chunks <= 1 || (long) positions * width < PARALLEL_THRESHOLD || THREADS == 1) {
            for (int c = 0; c < chunks; c++) {
                int from = c * chunk;
                body.run(c, from, Math.min(positions, from + chunk));
            }
            return;
        }
        new Job(positions, chunk, chunks, body).runEverywhere();
    }

    /**
     * {@link #sumChunks} over batch positions, chunked and parallelised as {@link #forRows}: the
     * partial sums of the chunks are added in chunk order, so the result is bit-for-bit the same
     * for every thread count.
     *
     * @param positions the number of batch positions, {@code >= 0}
     * @param rowLength the elements of work per position
     * @param body the partial sum over the positions {@code [from, to)} of one chunk
     * @return the total, 0 for no positions
     */
    public static double sumRows(int positions, int rowLength, ChunkSum body) {
        int width = Math.max(1, rowLength);
        int chunk = Math.max(1, DEFAULT_CHUNK / width);
        return sum(positions, chunk, (long) positions * width >= PARALLEL_THRESHOLD, body);
    }

    /**
     * Multiply-adds (or comparable operations) from which {@link #forParts} runs in parallel: about
     * three microseconds of one core's work, several times what handing a part to an awake helper
     * costs.
     */
    public static final long PARALLEL_WORK = 1L << 16;

    /**
     * Runs {@code body} over {@code [0, n)} in parts of {@code grain} elements (the last one
     * shorter), in parallel when {@code work}, the operations the whole range costs, reaches
     * {@link #PARALLEL_WORK}. For loops whose every element is computed the same way whichever part
     * it falls in (rows of a matrix product), so the results do not depend on the parts; for sums
     * across parts use {@link #sumChunks}.
     *
     * @param n the number of elements, {@code >= 0}
     * @param grain the elements per part, {@code > 0}
     * @param work the operations of the whole range
     * @param body the work on one part
     */
    public static void forParts(int n, int grain, long work, ChunkBody body) {
        int parts = chunkCount(n, grain);
        if (parts <= 1 || work < PARALLEL_WORK || THREADS == 1) {
            body.run(0, 0, n);
            return;
        }
        new Job(n, grain, parts, body).runEverywhere();
    }

    /**
     * The part size that cuts {@code n} elements into about four parts per thread, a multiple of
     * {@code multiple} (a kernel's register block): enough parts that a helper which wakes late
     * leaves the caller little to wait for.
     *
     * @param n the number of elements
     * @param multiple the granularity parts are rounded up to, {@code > 0}
     * @return the part size, at least {@code multiple}
     */
    public static int grain(int n, int multiple) {
        int parts = 4 * THREADS;
        int size = (n + parts - 1) / parts;
        return Math.max(multiple, (size + multiple - 1) / multiple * multiple);
    }

    private static void checkArgs(int n, int chunkSize) {
        if (n < 0 || chunkSize <= 0) {
            throw new IllegalArgumentException("Parallel: need n >= 0 and chunkSize > 0, got n=" + n + ", chunkSize="
                    + chunkSize);
        }
    }

    /**
     * One parallel loop: the caller and the helpers claim chunks from a shared counter; the first
     * exception a chunk throws stops the claiming and is rethrown to the caller.
     */
    private static final class Job implements Runnable {
        private final int n;
        private final int chunkSize;
        private final int chunks;
        private final ChunkBody body;
        private final AtomicInteger next = new AtomicInteger();
        private volatile Throwable failure;

        Job(int n, int chunkSize, int chunks, ChunkBody body) {
            this.n = n;
            this.chunkSize = chunkSize;
            this.chunks = chunks;
            this.body = body;
        }

        /** Runs the loop on the caller and on idle helpers; rethrows what a chunk threw. */
        void runEverywhere() {
            Helpers.TEAM.runEverywhere(this, chunks - 1);
            Throwable thrown = failure;
            if (thrown instanceof RuntimeException) {
                throw (RuntimeException) thrown;
            }
            if (thrown != null) {
                throw (Error) thrown;
            }
        }

        @Override
        public void run() {
            int c;
            try {
                while (failure == null && (c = next.getAndIncrement()) < chunks) {
                    int from = c * chunkSize;
                    body.run(c, from, Math.min(n, from + chunkSize));
                }
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }

    /** The shared helper threads, started on first parallel use. */
    private static final class Helpers {
        static final Team TEAM = new Team(THREADS - 1);
    }
}
