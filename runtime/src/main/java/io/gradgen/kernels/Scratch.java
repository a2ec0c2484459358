package io.gradgen.kernels;

/**
 * Per-thread scratch memory for generated kernels that run {@link VectorMath} over blocks of
 * positions: a kernel fills a block of arguments, transforms it in place, and reads the results
 * back, without allocating anything per call once the thread's array has grown to size.
 */
public final class Scratch {
    /** Positions per block: small enough to stay in L1/L2 cache with a few arrays, large enough to amortise calls. */
    public static final int BLOCK = 512;

    private static final ThreadLocal<double[][]> ARRAYS = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    private Scratch() {
    }

    /**
     * This thread's scratch array of at least {@code length} doubles (contents undefined). A kernel
     * must not call anything that uses scratch while it holds the array.
     *
     * @param length the number of doubles needed, {@code >= 0}
     * @return an array of at least that length, reused by later calls on this thread
     * @throws IllegalArgumentException if {@code length < 0}
     */
    public static double[] get(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("Scratch.get: length must be >= 0, got " + length);
        }
        double[][] holder = ARRAYS.get();
        if (holder[0].length < length) {
            holder[0] = new double[length];
        }
        return holder[0];
    }
}
