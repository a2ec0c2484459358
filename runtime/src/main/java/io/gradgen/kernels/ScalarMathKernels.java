package io.gradgen.kernels;

import io.gradgen.Functions;

/**
 * The always-available path: {@link Math} and {@link Functions}, element by element, so its
 * results are exactly those of the plain Java a loss method would compute.
 */
final class ScalarMathKernels implements MathKernels {

    static final ScalarMathKernels INSTANCE = new ScalarMathKernels();

    private ScalarMathKernels() {
    }

    @Override
    public String name() {
        return "scalar (java.lang.Math)";
    }

    @Override
    public void exp(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = Math.exp(src[srcOffset + i]);
        }
    }

    @Override
    public void log(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = Math.log(src[srcOffset + i]);
        }
    }

    @Override
    public void log1p(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = Math.log1p(src[srcOffset + i]);
        }
    }

    @Override
    public void softplus(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = Functions.softplus(src[srcOffset + i]);
        }
    }

    @Override
    public void sigmoid(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = Functions.sigmoid(src[srcOffset + i]);
        }
    }

    @Override
    public void logSigmoid(double[] src, int srcOffset, double[] dst, int dstOffset, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = Functions.logSigmoid(src[srcOffset + i]);
        }
    }

    @Override
    public double dot(double[] a, int aOffset, double[] b, int bOffset, int length) {
        double sum = 0.0;
        for (int i = 0; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    @Override
    public void widen(float[] src, int srcOffset, double[] dst, int length) {
        for (int i = 0; i < length; i++) {
            dst[i] = src[srcOffset + i];
        }
    }

    @Override
    public void narrow(double[] src, float[] dst, int dstOffset, int length) {
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = (float) src[i];
        }
    }
}
