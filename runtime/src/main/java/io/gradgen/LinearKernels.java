package io.gradgen;

/**
 * The hot kernels of {@link Tensor#linear}, as an alternative implementation of
 * {@link Linalg#linearForward}, {@link Linalg#linearWeightGrad} and {@link Linalg#linearInputGrad}
 * (same contracts). The only implementation is {@code io.gradgen.PanamaLinearKernels}, in the
 * Vector API source root, loaded reflectively by {@link Linalg} when
 * {@link io.gradgen.kernels.VectorMath#isVectorized()} is true.
 *
 * <p>Each output element is computed the same way whatever its position, the batch size, the
 * range of a call ({@link Linalg} hands ranges to helper threads) or the blocking: a sum along its own index in order (vector lanes first, reduced in lane order, then
 * the scalar tail), with fused multiply-adds. Results can differ from the scalar kernels in the
 * last bits, but are the same for the same inputs and the same vector width.
 */
interface LinearKernels {

    /** Below this many input features {@link Linalg} keeps the scalar kernels (too short for a vector). */
    int minIn();

    /** {@code y[i, o] = Σ_p x[i, p]·w[o, p] + b[o]} for the rows {@code rowFrom <= i < rowTo} ({@code b} may be null). */
    void forward(double[] x, double[] w, double[] b, double[] y, int rowFrom, int rowTo, int in, int out);

    /** {@code dw[o, p] += Σ_i g[i, o]·x[i, p]} for the columns {@code colFrom <= p < colTo}. */
    void weightGrad(double[] g, double[] x, double[] dw, int n, int in, int out, int colFrom, int colTo);

    /** {@code dx[i, p] += Σ_o g[i, o]·w[o, p]} for the rows {@code rowFrom <= i < rowTo}. */
    void inputGrad(double[] g, double[] w, double[] dx, int rowFrom, int rowTo, int in, int out);
}
