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
    void wholeBlocksConvertAsTheCastsDo() {
        // long enough for the Vector API lanes (the runtime's tests run once with them), at an odd
        // offset, with values that round, overflow, underflow and keep their sign
        java.util.Random rng = new java.util.Random(5);
        int n = FloatBlocks.SIZE;
        float[] data = new float[n + 3];
        double[] values = new double[n];
        for (int i = 0; i < data.length; i++) {
            data[i] = Float.intBitsToFloat(rng.nextInt());
        }
        for (int i = 0; i < n; i++) {
            values[i] = switch (i % 5) {
                case 0 -> rng.nextGaussian();
                case 1 -> rng.nextGaussian() * 1e300;
                case 2 -> rng.nextGaussian() * 1e-300;
                case 3 -> Double.longBitsToDouble(rng.nextLong());
                default -> -rng.nextDouble();
            };
        }
        double[] block = new double[n];
        FloatBlocks.widen(data, 3, n + 3, block);
        float[] out = new float[n + 7];
        FloatBlocks.narrow(values, out, 7, n + 7);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(data[i + 3]), Double.doubleToRawLongBits(block[i]), "widen " + i);
            assertEquals(Float.floatToRawIntBits((float) values[i]), Float.floatToRawIntBits(out[i + 7]),
                    "narrow " + i + " of " + values[i]);
        }
    }

    @Test
    void rangesOutsideTheArraysAreRefused() {
        assertThrows(IndexOutOfBoundsException.class, () -> FloatBlocks.widen(new float[4], 2, 6, new double[8]));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatBlocks.widen(new float[8], 0, 8, new double[4]));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatBlocks.narrow(new double[8], new float[4], 0, 8));
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FloatBlocks.block(-1));
        assertEquals("FloatBlocks.block: k must be >= 0, got -1", e.getMessage());
        // a loss with many inputs and gradients gets as many blocks as it needs
        assertEquals(FloatBlocks.SIZE, FloatBlocks.block(40).length);
    }
}
