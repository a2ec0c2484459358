package io.gradgen.losses.batch;

/**
 * Independent implementations of the batch losses, written from the papers and the reference
 * implementations their Javadoc names, in those implementations' matrix form (a similarity or
 * distance matrix, masks, row-wise cross-entropy) rather than the catalogue's loops, and without
 * gradgen: what the generated classes are held to.
 */
final class BatchReference {
    private BatchReference() {
    }

    /** {@code x / max(‖x‖, 1e-8)} per row: {@code F.normalize} with cosine_similarity's clamp. */
    static double[][] normalised(double[][] x) {
        double[][] out = new double[x.length][];
        for (int b = 0; b < x.length; b++) {
            double norm = 0;
            for (double v : x[b]) {
                norm += v * v;
            }
            norm = Math.max(Math.sqrt(norm), 1e-8);
            out[b] = new double[x[b].length];
            for (int j = 0; j < x[b].length; j++) {
                out[b][j] = x[b][j] / norm;
            }
        }
        return out;
    }

    static double dot(double[] u, double[] v) {
        double s = 0;
        for (int j = 0; j < u.length; j++) {
            s += u[j] * v[j];
        }
        return s;
    }

    /** {@code −log softmax(logits)[target]} of one row, shifted by its maximum; NaN logits are masked ones. */
    static double crossEntropy(double[] logits, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            if (!Double.isNaN(l)) {
                max = Math.max(max, l);
            }
        }
        double sum = 0;
        for (double l : logits) {
            if (!Double.isNaN(l)) {
                sum += Math.exp(l - max);
            }
        }
        return max + Math.log(sum) - logits[target];
    }

    /**
     * SimCLR's NT-Xent: the 2N views {@code z = [z1; z2]} normalised, the similarity matrix
     * {@code z·zᵀ / τ} with its diagonal masked, the cross-entropy of row {@code k} against its other
     * view {@code (k + N) mod 2N}, averaged over the 2N rows.
     */
    static double ntXent(double[][] z1, double[][] z2, double temperature) {
        int n = z1.length;
        double[][] z = new double[2 * n][];
        double[][] u1 = normalised(z1);
        double[][] u2 = normalised(z2);
        for (int a = 0; a < n; a++) {
            z[a] = u1[a];
            z[n + a] = u2[a];
        }
        double total = 0;
        for (int k = 0; k < 2 * n; k++) {
            double[] logits = new double[2 * n];
            for (int m = 0; m < 2 * n; m++) {
                logits[m] = m == k ? Double.NaN : dot(z[k], z[m]) / temperature;
            }
            total += crossEntropy(logits, (k + n) % (2 * n));
        }
        return total / (2 * n);
    }

    /** CLIP's Figure 3: logits {@code I·Tᵀ / τ} of normalised features, cross-entropy along both axes, averaged. */
    static double clip(double[][] image, double[][] text, double temperature) {
        int n = image.length;
        double[][] i = normalised(image);
        double[][] t = normalised(text);
        double[][] logits = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                logits[a][b] = dot(i[a], t[b]) / temperature;
            }
        }
        double perImage = 0;
        double perText = 0;
        for (int a = 0; a < n; a++) {
            double[] column = new double[n];
            for (int b = 0; b < n; b++) {
                column[b] = logits[b][a];
            }
            perImage += crossEntropy(logits[a], a);
            perText += crossEntropy(column, a);
        }
        return (perImage / n + perText / n) / 2;
    }

    /**
     * Batch-hard triplet (Hermans et al. 2017): the pairwise Euclidean distance matrix, the largest
     * distance over the anchor's positive mask (same label, not itself; 0 when empty), the smallest
     * over its negative mask (another label; no term when empty), the hinge, the mean over anchors.
     */
    static double batchHardTriplet(double[][] x, int[] labels, double margin) {
        int n = x.length;
        double[][] distance = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int j = 0; j < x[a].length; j++) {
                    s += (x[a][j] - x[b][j]) * (x[a][j] - x[b][j]);
                }
                distance[a][b] = Math.sqrt(s);
            }
        }
        double total = 0;
        for (int a = 0; a < n; a++) {
            double positive = 0;
            double negative = Double.POSITIVE_INFINITY;
            for (int b = 0; b < n; b++) {
                boolean positiveMask = labels[a] == labels[b] && a != b;
                boolean negativeMask = labels[a] != labels[b];
                if (positiveMask) {
                    positive = Math.max(positive, distance[a][b]);
                }
                if (negativeMask) {
                    negative = Math.min(negative, distance[a][b]);
                }
            }
            if (negative != Double.POSITIVE_INFINITY) {
                total += Math.max(0, margin + positive - negative);
            }
        }
        return total / n;
    }

    /** PyTorch3D's chamfer_distance for one pair of clouds: nearest squared distances, each direction's mean, summed. */
    static double chamfer(double[][] a, double[][] b) {
        double[][] squared = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double s = 0;
                for (int k = 0; k < a[i].length; k++) {
                    s += (a[i][k] - b[j][k]) * (a[i][k] - b[j][k]);
                }
                squared[i][j] = s;
            }
        }
        double fromA = 0;
        for (int i = 0; i < a.length; i++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < b.length; j++) {
                nearest = Math.min(nearest, squared[i][j]);
            }
            fromA += nearest;
        }
        double fromB = 0;
        for (int j = 0; j < b.length; j++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < a.length; i++) {
                nearest = Math.min(nearest, squared[i][j]);
            }
            fromB += nearest;
        }
        return fromA / a.length + fromB / b.length;
    }
}
