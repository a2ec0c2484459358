package io.gradgen.train;

import io.gradgen.Tensor;
import java.util.Random;

/**
 * Splits a data set into mini-batches along dimension 0, in order or in a shuffled order, the way
 * PyTorch's {@code DataLoader} does with {@code shuffle} and {@code drop_last=False}: every sample
 * appears once per epoch and the last batch holds the remainder.
 *
 * <p>The values are read once per fit. Each batch is built by copying its rows into a buffer that
 * is reused from batch to batch and handed to {@link Tensor#of(double[], int...)} (which copies
 * again; a {@code Tensor} view or no-copy factory would save that second copy). When one batch
 * covers the whole set in its original order, the given tensors are used as they are.
 */
final class Batches {

    /** One mini-batch: inputs and targets, both with {@code rows} rows. */
    record Batch(Tensor x, Tensor y, int rows) {
    }

    private final Tensor x;
    private final Tensor y;
    private final int samples;
    private final int batchSize;
    private final double[] xValues;
    private final double[] yValues;
    private final int xRow;
    private final int yRow;
    private final int[] xShape;
    private final int[] yShape;
    private final int[] order;
    /** Reused row buffers: [0] for full batches, [1] for the last, shorter one. */
    private final double[][] xBuffers = new double[2][];
    private final double[][] yBuffers = new double[2][];

    Batches(Tensor x, Tensor y, int batchSize) {
        this.x = x;
        this.y = y;
        this.samples = x.size(0);
        this.batchSize = Math.min(batchSize, samples);
        this.xValues = x.toArray();
        this.yValues = y.toArray();
        this.xRow = xValues.length / samples;
        this.yRow = yValues.length / samples;
        this.xShape = x.shape();
        this.yShape = y.shape();
        this.order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
    }

    /** The whole training inputs, as given. */
    Tensor x() {
        return x;
    }

    /** The whole training targets, as given. */
    Tensor y() {
        return y;
    }

    /** The number of samples, {@code x.size(0)}. */
    int samples() {
        return samples;
    }

    /**
     * Sets the order of the next epoch: a fresh uniformly random permutation (Fisher–Yates, as
     * {@link java.util.Collections#shuffle(java.util.List, Random)} draws it) when {@code rng} is
     * given, the original order otherwise.
     */
    void reorder(Random rng) {
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
        if (rng != null) {
            for (int i = samples - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
    }

    /** The number of batches per epoch. */
    int count() {
        return (samples + batchSize - 1) / batchSize;
    }

    /** Batch {@code b} of the current order. */
    Batch get(int b) {
        int from = b * batchSize;
        int rows = Math.min(batchSize, samples - from);
        if (rows == samples && isIdentityOrder() && !x.requiresGrad() && !y.requiresGrad()) {
            return new Batch(x, y, rows);
        }
        int slot = rows == batchSize ? 0 : 1;
        if (xBuffers[slot] == null) {
            xBuffers[slot] = new double[rows * xRow];
            yBuffers[slot] = new double[rows * yRow];
        }
        double[] xBuffer = xBuffers[slot];
        double[] yBuffer = yBuffers[slot];
        for (int r = 0; r < rows; r++) {
            int sample = order[from + r];
            System.arraycopy(xValues, sample * xRow, xBuffer, r * xRow, xRow);
            System.arraycopy(yValues, sample * yRow, yBuffer, r * yRow, yRow);
        }
        return new Batch(Tensor.of(xBuffer, withRows(xShape, rows)), Tensor.of(yBuffer, withRows(yShape, rows)), rows);
    }

    private boolean isIdentityOrder() {
        for (int i = 0; i < samples; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static int[] withRows(int[] shape, int rows) {
        int[] s = shape.clone();
        s[0] = rows;
        return s;
    }
}
