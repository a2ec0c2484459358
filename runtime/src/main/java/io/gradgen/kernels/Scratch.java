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
        return get(0, length);
    }

    /**
     * This thread's scratch array number {@code slot}, of at least {@code length} doubles (contents
     * undefined). Slots are independent arrays: a kernel keeps values in slot 1 (a log-sum-exp's
     * exponentials, for its softmax) while staged loops use slot 0.
     *
     * @param slot which array, {@code >= 0}
     * @param length the number of doubles needed, {@code >= 0}
     * @return an array of at least that length, reused by later calls on this thread
     * @throws IllegalArgumentException if {@code slot < 0} or {@code length < 0}
     */
    public static double[] get(int slot, int length) {
        if (length < 0 || slot < 0) {
            throw new IllegalArgumentException("Scratch.get: slot and length must be >= 0, got slot " + slot
                    + " and length " + length);
        }
        double[][] holder = ARRAYS.get();
        if (slot >= holder.length) {
            double[][] grown = java.util.Arrays.copyOf(holder, slot + 1);
            for (int k = holder.length; k <= slot; k++) {
                grown[k] = new double[0];
            }
            ARRAYS.set(grown);
            holder = grown;
        }
        if (holder[slot].length < length) {
            holder[slot] = new double[length];
        }
        return holder[slot];
    }
}
