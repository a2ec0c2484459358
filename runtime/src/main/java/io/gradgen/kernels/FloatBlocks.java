package io.gradgen.kernels;

/**
 * Blocks of {@code float} data widened to {@code double} for the float kernels of generated
 * losses: a kernel widens a block of each input into this thread's block arrays, runs its double
 * loop over the block, and rounds the block's gradients back to {@code float}.
 *
 * <p>Why not convert inside the loop: on JDK 17 a loop that reads {@code float}s and computes in
 * {@code double} with {@code Math.abs}, {@code min} or {@code max} is neither vectorised by C2 nor
 * fast as scalar code (5–10 ns an element for Huber, 12× the same loop over {@code double}s),
 * while the conversions here (Vector API lanes when {@link VectorMath} has its Vector API path:
 * JDK 17's C2 does not vectorise a float-to-double loop) and the double loop each run at full
 * speed. The values
 * are the same bits either way: each element is widened exactly, computed in double and rounded
 * once, and the loss is still summed in position order.
 */
public final class FloatBlocks {
    /** Positions per block: a few blocks of doubles stay in the L1 cache. */
    public static final int SIZE = Scratch.BLOCK;

    /** The first {@link Scratch} slot of the block arrays, apart from the staged kernels' slots. */
    private static final int FIRST_SLOT = 32;

    private FloatBlocks() {
    }

    /**
     * This thread's block array number {@code k} ({@link #SIZE} doubles, contents undefined): one
     * per input and per gradient of a kernel, numbered from 0. They are {@link Scratch} slots from
     * 32 on, apart from the staged kernels' slots, which a float kernel never holds at the same time
     * as its blocks; a kernel with many inputs may reach the slots of other kernels' tables (64 on),
     * which no kernel holds while another runs on its thread.
     *
     * @param k which block array, {@code >= 0}
     * @return the array, reused by later calls on this thread
     * @throws IllegalArgumentException if {@code k < 0}
     */
    public static double[] block(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("FloatBlocks.block: k must be >= 0, got " + k);
        }
        return Scratch.get(FIRST_SLOT + k, SIZE);
    }

    /**
     * This thread's block array number {@code k} for a row kernel's block of rows: at least
     * {@code length} doubles (and at least {@link #SIZE}), contents undefined; numbered and reused as
     * {@link #block(int)}'s.
     *
     * @param k which block array, {@code >= 0}
     * @param length the doubles needed: the block's positions times the row length
     * @return the array, reused by later calls on this thread
     * @throws IllegalArgumentException if {@code k < 0} or {@code length < 0}
     */
    public static double[] block(int k, int length) {
        if (k < 0 || length < 0) {
            throw new IllegalArgumentException("FloatBlocks.block: k and length must be >= 0, got " + k + " and "
                    + length);
        }
        return Scratch.get(FIRST_SLOT + k, Math.max(SIZE, length));
    }

    /**
     * How many positions a row kernel widens at a time: as many rows of {@code rowLength} as fit in
     * {@link #SIZE} doubles, and at least one (a row longer than a block is widened alone).
     *
     * @param rowLength the longest row length of the kernel's row inputs, {@code >= 0}
     * @return the positions per block, {@code >= 1}
     */
    public static int positions(int rowLength) {
        return Math.max(1, SIZE / Math.max(1, rowLength));
    }

    /**
     * {@code block[p - from] = data[p]} for {@code p} in {@code [from, to)}.
     *
     * @param data the float data
     * @param from the first position
     * @param to the end of the block (exclusive), at most {@code from + block.length}
     * @param block receives the widened values from index 0
     */
    public static void widen(float[] data, int from, int to, double[] block) {
        java.util.Objects.checkFromToIndex(from, to, data.length);
        java.util.Objects.checkFromIndexSize(0, to - from, block.length);
        VectorMath.widen(data, from, block, to - from);
    }

    /**
     * {@code data[p] = (float) block[p - from]} for {@code p} in {@code [from, to)}: each value
     * rounded to the nearest float once.
     *
     * @param block the double values, from index 0
     * @param data receives the rounded values
     * @param from the first position
     * @param to the end of the block (exclusive)
     */
    public static void narrow(double[] block, float[] data, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, data.length);
        java.util.Objects.checkFromIndexSize(0, to - from, block.length);
        VectorMath.narrow(block, data, from, to - from);
    }
}
