package io.gradgen.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FloatBlocksTest {

    @Test
    void widensExactlyAndNarrowsByRoundingOnce() {
        float[] data = {1.5f, -0.1f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, -0.0f, 7f};
        double[] block = new double[FloatBlocks.SIZE];
        FloatBlocks.widen(data, 1, 6, block);
        assertArrayEquals(new double[] {-0.1f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, -0.0f},
                java.util.Arrays.copyOf(block, 5));

        double[] values = {0.1, 1e-50, 1e300, -0.0, 1.0 + 0x1p-30};
        float[] out = new float[8];
        FloatBlocks.narrow(values, out, 2, 7);
        assertArrayEquals(new float[] {0, 0, 0.1f, 0f, Float.POSITIVE_INFINITY, -0.0f, 1.0f, 0}, out);
    }

    @Test
    void blocksAreThisThreadsOwnAndDistinct() throws InterruptedException {
        double[] first = FloatBlocks.block(0);
        assertEquals(FloatBlocks.SIZE, first.length);
        assertSame(first, FloatBlocks.block(0));
        assertNotSame(first, FloatBlocks.block(1));
        // apart from the staged kernels' scratch, which a float kernel may use at the same time
        assertNotSame(first, Scratch.get(0, FloatBlocks.SIZE));
        double[][] other = new double[1][];
        Thread t = new Thread(() -> other[0] = FloatBlocks.block(0));
        t.start();
        t.join();
        assertNotSame(first, other[0]);
    }

    @Test
    void aBlockNumberOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FloatBlocks.block(32));
        assertEquals("FloatBlocks.block: k must be in [0, 32), got 32", e.getMessage());
    }
}
