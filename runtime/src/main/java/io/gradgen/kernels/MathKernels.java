package io.gradgen.kernels;

/**
 * One implementation of {@link VectorMath}'s chunk operations. The arguments are already checked;
 * implementations only compute {@code dst[dstOffset + i] = f(src[srcOffset + i])} for
 * {@code i < length}, reading each source element before writing its destination, so
 * {@code src == dst} with equal offsets works.
 */
interface MathKernels {

    String name();

    void exp(double[] src, int srcOffset, double[] dst, int dstOffset, int length);

    void log(double[] src, int srcOffset, double[] dst, int dstOffset, int length);

    void log1p(double[] src, int srcOffset, double[] dst, int dstOffset, int length);

    void softplus(double[] src, int srcOffset, double[] dst, int dstOffset, int length);

    void sigmoid(double[] src, int srcOffset, double[] dst, int dstOffset, int length);

    void logSigmoid(double[] src, int srcOffset, double[] dst, int dstOffset, int length);

    /** {@code Σ_i a[aOffset + i] · b[bOffset + i]}, the same bits for the same arguments on every call. */
    double dot(double[] a, int aOffset, double[] b, int bOffset, int length);

    /** {@code y[yOffset + i] += alpha · x[xOffset + i]}. */
    void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length);

    /** {@code dst[i] = src[srcOffset + i]} for {@code i < length}: floats widened exactly. */
    void widen(float[] src, int srcOffset, double[] dst, int length);

    /** {@code dst[dstOffset + i] = (float) src[i]} for {@code i < length}: each rounded to nearest once. */
    void narrow(double[] src, float[] dst, int dstOffset, int length);
}
