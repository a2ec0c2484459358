package io.gradgen;

/**
 * The elements of a tensor, row-major, and the version counter of their in-place writes (as
 * PyTorch keeps a storage apart from the tensor that views it).
 *
 * <p>The version counter lives here rather than on the tensor so that every tensor reading the same
 * elements sees one count: a backward node that saved one of them detects a write made through any.
 */
final class Storage {

    /**
     * The elements. Not final for one reason: a leaf's gradient may exchange its array for one a
     * fused forward filled (see {@link #exchange(double[])}); no other storage's array ever changes
     * identity.
     */
    private double[] f64;
    /** Incremented by every in-place write, so backward nodes can detect stale saved values. */
    private int version;

    Storage(double[] f64) {
        this.f64 = f64;
    }

    /** The array itself: read by the kernels, written only by in-place operations. */
    double[] f64() {
        return f64;
    }

    int length() {
        return f64.length;
    }

    int version() {
        return version;
    }

    /** Records an in-place write. */
    void bumpVersion() {
        version++;
    }

    /**
     * Takes {@code array} as the elements and returns the previous array; a write, so the version
     * is bumped.
     */
    double[] exchange(double[] array) {
        double[] previous = f64;
        f64 = array;
        version++;
        return previous;
    }
}
