package io.gradgen.benchmarks;

/**
 * A training step written by hand, the floor for {@link TrainingBench}'s runtime steps: plain loops
 * over arrays, no tensors, no graph, no allocation.
 */
final class HandTraining {
    private HandTraining() {
    }

    /**
     * One SGD step of {@code Linear(in, out)} + cross-entropy (mean over the batch) on
     * {@code x [batch, in]}: logits {@code x·Wᵀ + b}, softmax, gradient {@code (p − onehot)/batch},
     * {@code dW = gᵀ·x}, {@code db = Σ g}, then {@code W −= lr·dW}, {@code b −= lr·db}.
     *
     * @param x the inputs, row-major {@code [batch, in]}
     * @param labels one class per row
     * @param w the weight, row-major {@code [out, in]}, updated in place
     * @param b the bias {@code [out]}, updated in place
     * @param logits scratch of {@code batch * out}, holds the logits' gradient afterwards
     * @param dw scratch of {@code out * in}, holds the weight's gradient afterwards
     * @return the loss before the update
     */
    static double linearCrossEntropyStep(double[] x, int[] labels, double[] w, double[] b, double[] logits,
            double[] dw, int batch, int in, int out, double lr) {
        for (int n = 0; n < batch; n++) {
            for (int k = 0; k < out; k++) {
                double s = b[k];
                for (int j = 0; j < in; j++) {
                    s += x[n * in + j] * w[k * in + j];
                }
                logits[n * out + k] = s;
            }
        }
        double loss = 0;
        double scale = 1.0 / batch;
        for (int n = 0; n < batch; n++) {
            int o = n * out;
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < out; k++) {
                m = Math.max(m, logits[o + k]);
            }
            double picked = logits[o + labels[n]];
            double sum = 0;
            for (int k = 0; k < out; k++) {
                double e = Math.exp(logits[o + k] - m);
                sum += e;
                logits[o + k] = e;
            }
            loss += m + Math.log(sum) - picked;
            double inv = scale / sum;
            for (int k = 0; k < out; k++) {
                logits[o + k] *= inv;
            }
            logits[o + labels[n]] -= scale;
        }
        java.util.Arrays.fill(dw, 0.0);
        for (int n = 0; n < batch; n++) {
            for (int k = 0; k < out; k++) {
                double g = logits[n * out + k];
                for (int j = 0; j < in; j++) {
                    dw[k * in + j] += g * x[n * in + j];
                }
            }
        }
        for (int k = 0; k < out; k++) {
            double db = 0;
            for (int n = 0; n < batch; n++) {
                db += logits[n * out + k];
            }
            b[k] -= lr * db;
        }
        for (int i = 0; i < dw.length; i++) {
            w[i] -= lr * dw[i];
        }
        return loss * scale;
    }
}
