package io.gradgen.benchmarks;

/**
 * NT-Xent (one direction, mean over the batch) forward and backward written by hand over row-major
 * arrays, the baseline for the generated batch loss: with unit rows {@code u_a = z1_a/|z1_a|},
 * {@code v_b = z2_b/|z2_b|}, similarities {@code s_ab = u_a·v_b}, the loss is
 * {@code (1/B) Σ_a [log Σ_b e^{s_ab/τ} − s_aa/τ]}; with {@code G_ab = (softmax_b(s_a·/τ) − δ_ab)/(Bτ)},
 * <pre>{@code
 * ∂/∂z1_a = (Σ_b G_ab v_b − (Σ_b G_ab s_ab) u_a) / |z1_a|
 * ∂/∂z2_b = (Σ_a G_ab u_a − (Σ_a G_ab s_ab) v_b) / |z2_b|
 * }</pre>
 * Three B×B×D products (the similarities and the two gradients), one thread, no allocation: the
 * caller owns the work arrays.
 */
final class HandNtXent {
    private HandNtXent() {
    }

    /** Work arrays for a batch of {@code rows} rows of {@code dim} columns. */
    static final class Work {
        final double[] u;
        final double[] v;
        final double[] inverseNorm1;
        final double[] inverseNorm2;
        final double[] g;

        Work(int rows, int dim) {
            u = new double[rows * dim];
            v = new double[rows * dim];
            inverseNorm1 = new double[rows];
            inverseNorm2 = new double[rows];
            g = new double[rows * rows];
        }
    }

    /**
     * The loss, with its gradients written into {@code grad1} and {@code grad2} (overwritten).
     *
     * @param z1 {@code [rows, dim]}, row-major
     * @param z2 {@code [rows, dim]}, row-major
     */
    static double forwardBackward(double[] z1, double[] z2, double temperature, int rows, int dim, double[] grad1,
            double[] grad2, Work w) {
        normalise(z1, w.u, w.inverseNorm1, rows, dim);
        normalise(z2, w.v, w.inverseNorm2, rows, dim);
        double[] g = w.g;
        double loss = 0;
        double scale = 1.0 / (rows * temperature);
        for (int a = 0; a < rows; a++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < rows; b++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    s += w.u[a * dim + j] * w.v[b * dim + j];
                }
                g[a * rows + b] = s;
                m = Math.max(m, s / temperature);
            }
            double sum = 0;
            for (int b = 0; b < rows; b++) {
                sum += Math.exp(g[a * rows + b] / temperature - m);
            }
            double lse = m + Math.log(sum);
            loss += lse - g[a * rows + a] / temperature;
            // G_ab in place of s_ab, with Σ_b G_ab s_ab kept for z1_a's correction
            double correction = 0;
            for (int b = 0; b < rows; b++) {
                double s = g[a * rows + b];
                double p = Math.exp(s / temperature - lse);
                double gab = scale * (p - (a == b ? 1 : 0));
                correction += gab * s;
                g[a * rows + b] = gab;
            }
            for (int j = 0; j < dim; j++) {
                grad1[a * dim + j] = -correction * w.u[a * dim + j];
            }
        }
        for (int a = 0; a < rows; a++) {
            for (int b = 0; b < rows; b++) {
                double gab = g[a * rows + b];
                for (int j = 0; j < dim; j++) {
                    grad1[a * dim + j] += gab * w.v[b * dim + j];
                }
            }
            for (int j = 0; j < dim; j++) {
                grad1[a * dim + j] *= w.inverseNorm1[a];
            }
        }
        for (int b = 0; b < rows; b++) {
            double correction = 0;
            for (int a = 0; a < rows; a++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    s += w.u[a * dim + j] * w.v[b * dim + j];
                }
                correction += g[a * rows + b] * s;
            }
            for (int j = 0; j < dim; j++) {
                grad2[b * dim + j] = -correction * w.v[b * dim + j];
            }
        }
        for (int a = 0; a < rows; a++) {
            for (int b = 0; b < rows; b++) {
                double gab = g[a * rows + b];
                for (int j = 0; j < dim; j++) {
                    grad2[b * dim + j] += gab * w.u[a * dim + j];
                }
            }
        }
        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < dim; j++) {
                grad2[b * dim + j] *= w.inverseNorm2[b];
            }
        }
        return loss / rows;
    }

    private static void normalise(double[] z, double[] unit, double[] inverseNorm, int rows, int dim) {
        for (int r = 0; r < rows; r++) {
            double sq = 0;
            for (int j = 0; j < dim; j++) {
                sq += z[r * dim + j] * z[r * dim + j];
            }
            double inv = 1.0 / Math.sqrt(sq);
            inverseNorm[r] = inv;
            for (int j = 0; j < dim; j++) {
                unit[r * dim + j] = z[r * dim + j] * inv;
            }
        }
    }
}
