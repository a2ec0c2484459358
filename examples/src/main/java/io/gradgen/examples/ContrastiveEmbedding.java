package io.gradgen.examples;

import io.gradgen.Tensor;
import io.gradgen.autograd.NoGrad;
import io.gradgen.losses.NTXentLoss;
import io.gradgen.nn.Linear;
import io.gradgen.nn.ReLU;
import io.gradgen.nn.Sequential;
import io.gradgen.optim.Adam;
import java.util.Random;

/**
 * Self-supervised contrastive learning in the manner of SimCLR: a two-layer encoder trained with
 * the catalogue's {@link NTXentLoss} (a batch loss: each anchor's negatives are the other rows of
 * the batch) learns embeddings that separate clusters it was never told about.
 *
 * <p>The data hides its structure: each point has {@value #SIGNAL} informative coordinates (one of
 * {@value #CLUSTERS} cluster centres on a circle, plus spread) and {@value #NUISANCE} nuisance
 * coordinates of larger variance. An augmentation keeps a point's informative coordinates up to a
 * small jitter and redraws its nuisance ones, so the two views of a point agree only in what
 * matters; no label is used in training. Before and after training, on held-out points, the
 * example reports how often a point's 5 nearest neighbours by cosine similarity mostly come from
 * its own cluster, and the mean cosine similarity within and between clusters.
 *
 * <pre>{@code
 * encoder = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 8))
 * loss_fn = NTXentLoss(temperature=0.5); optimizer = torch.optim.Adam(encoder.parameters(), lr=0.01)
 * for step in range(150):
 *     x = points[batch]; x1, x2 = augment(x), augment(x)
 *     loss = loss_fn(encoder(x1), encoder(x2))
 *     optimizer.zero_grad(); loss.backward(); optimizer.step()
 * }</pre>
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java -Dexec.mainClass=io.gradgen.examples.ContrastiveEmbedding
 * </pre>
 */
public final class ContrastiveEmbedding {
    static final int CLUSTERS = 4;
    static final int SIGNAL = 2;
    static final int NUISANCE = 14;
    static final int FEATURES = SIGNAL + NUISANCE;
    static final int HIDDEN = 32;
    static final int EMBEDDING = 8;
    /** The spread of a point around its cluster centre (the centres lie on the unit circle). */
    static final double CLUSTER_SPREAD = 0.15;
    /** How much an augmentation moves a point's informative coordinates. */
    static final double JITTER = 0.05;
    /** The standard deviation of the nuisance coordinates, redrawn by every augmentation. */
    static final double NUISANCE_SCALE = 1.0;
    static final int TRAINING_POINTS = 512;
    static final int TEST_POINTS = 200;
    static final int BATCH_SIZE = 64;
    static final int STEPS = 150;
    static final double LEARNING_RATE = 0.01;
    static final double TEMPERATURE = 0.5;
    /** Neighbours consulted by the k-NN measure. */
    static final int NEIGHBOURS = 5;

    private ContrastiveEmbedding() {
    }

    /**
     * How well embeddings separate the clusters.
     *
     * @param knnAccuracy the fraction of points whose nearest neighbours by cosine similarity mostly
     *     share their cluster (leave-one-out, majority of {@value #NEIGHBOURS})
     * @param withinCosine the mean cosine similarity of two distinct points of one cluster
     * @param betweenCosine the mean cosine similarity of two points of different clusters
     */
    record Separation(double knnAccuracy, double withinCosine, double betweenCosine) {
        @Override
        public String toString() {
            return String.format("5-NN accuracy %5.1f%%   mean cosine within clusters %+.3f, between %+.3f (gap %.3f)",
                    100 * knnAccuracy, withinCosine, betweenCosine, withinCosine - betweenCosine);
        }
    }

    /**
     * What a run ends with.
     *
     * @param raw the separation of the held-out points' input features themselves
     * @param before the separation of the untrained encoder's embeddings
     * @param after the separation of the trained encoder's embeddings
     * @param firstLoss the NT-Xent loss of the first batch
     * @param lastLoss the mean NT-Xent loss of the last 20 batches
     */
    record Result(Separation raw, Separation before, Separation after, double firstLoss, double lastLoss) {
    }

    /** Points of the data set: their clean informative coordinates and their (hidden) clusters. */
    record Points(double[][] signal, int[] cluster) {
        static Points draw(Random rng, int count) {
            double[][] signal = new double[count][SIGNAL];
            int[] cluster = new int[count];
            for (int i = 0; i < count; i++) {
                cluster[i] = rng.nextInt(CLUSTERS);
                double angle = 2 * Math.PI * cluster[i] / CLUSTERS;
                signal[i][0] = Math.cos(angle) + CLUSTER_SPREAD * rng.nextGaussian();
                signal[i][1] = Math.sin(angle) + CLUSTER_SPREAD * rng.nextGaussian();
            }
            return new Points(signal, cluster);
        }

        /** One augmented view of the points {@code rows}: jittered signal, fresh nuisance. */
        Tensor view(Random rng, int[] rows) {
            double[][] x = new double[rows.length][FEATURES];
            for (int r = 0; r < rows.length; r++) {
                for (int j = 0; j < SIGNAL; j++) {
                    x[r][j] = signal[rows[r]][j] + JITTER * rng.nextGaussian();
                }
                for (int j = SIGNAL; j < FEATURES; j++) {
                    x[r][j] = NUISANCE_SCALE * rng.nextGaussian();
                }
            }
            return Tensor.of(x);
        }

        int[] all() {
            int[] rows = new int[cluster.length];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            return rows;
        }
    }

    public static void main(String[] args) {
        System.out.printf("NT-Xent over %d pairs: log(2·%d − 1) = %.3f when the views are no more alike than any"
                + " two points; its floor here is higher than 0 because points of one cluster look alike%n",
                BATCH_SIZE, BATCH_SIZE, Math.log(2 * BATCH_SIZE - 1));
        Result r = run(new Random(7), true);
        System.out.printf("mean loss of the last 20 steps %.4f%n", r.lastLoss());
        System.out.println();
        System.out.println("held-out points, one augmented view each:");
        System.out.println("  input features:    " + r.raw());
        System.out.println("  untrained encoder: " + r.before());
        System.out.println("  trained encoder:   " + r.after());
        boolean separated = r.after().knnAccuracy() > r.before().knnAccuracy()
                && r.after().withinCosine() - r.after().betweenCosine()
                        > r.before().withinCosine() - r.before().betweenCosine();
        System.out.println(separated ? "NT-Xent training separated the clusters, without a single label"
                : "the trained embeddings do not separate the clusters better than the untrained ones");
    }

    /**
     * Trains the encoder with NT-Xent and measures the separation of held-out points before and after.
     *
     * @param rng seeds the data, the initial weights, the batches and the augmentations
     * @param print whether to print the loss every 25 steps
     * @return the measurements
     */
    static Result run(Random rng, boolean print) {
        Points training = Points.draw(rng, TRAINING_POINTS);
        Points test = Points.draw(rng, TEST_POINTS);
        Tensor testView = test.view(rng, test.all());
        Sequential encoder = new Sequential(new Linear(FEATURES, HIDDEN, rng), new ReLU(),
                new Linear(HIDDEN, EMBEDDING, rng));
        Separation raw = separation(testView.toArray(), FEATURES, test.cluster());
        Separation before = separation(embed(encoder, testView), EMBEDDING, test.cluster());

        NTXentLoss lossFn = new NTXentLoss(TEMPERATURE);
        Adam optimizer = new Adam(encoder.parameters(), LEARNING_RATE);
        double firstLoss = Double.NaN;
        double recent = 0;
        for (int step = 0; step < STEPS; step++) {
            int[] batch = sample(rng, TRAINING_POINTS, BATCH_SIZE);
            Tensor x1 = training.view(rng, batch);
            Tensor x2 = training.view(rng, batch);
            Tensor loss = lossFn.forward(encoder.forward(x1), encoder.forward(x2));   // a 0-dim tensor
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            if (step == 0) {
                firstLoss = loss.item();
            }
            if (step >= STEPS - 20) {
                recent += loss.item() / 20;
            }
            if (print && step % 25 == 0) {
                System.out.printf("step %3d  NT-Xent loss %.4f%n", step, loss.item());
            }
        }
        Separation after = separation(embed(encoder, testView), EMBEDDING, test.cluster());
        return new Result(raw, before, after, firstLoss, recent);
    }

    /** {@code count} distinct indices below {@code n}, a partial Fisher–Yates shuffle. */
    static int[] sample(Random rng, int n, int count) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return java.util.Arrays.copyOf(order, count);
    }

    private static double[] embed(Sequential encoder, Tensor x) {
        return NoGrad.call(() -> encoder.forward(x)).toArray();
    }

    /**
     * The separation of {@code rows} (row-major, {@code dim} columns) into {@code cluster}s, by cosine
     * similarity.
     */
    static Separation separation(double[] rows, int dim, int[] cluster) {
        int n = cluster.length;
        double[][] cos = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double ab = 0;
                double aa = 0;
                double bb = 0;
                for (int j = 0; j < dim; j++) {
                    ab += rows[a * dim + j] * rows[b * dim + j];
                    aa += rows[a * dim + j] * rows[a * dim + j];
                    bb += rows[b * dim + j] * rows[b * dim + j];
                }
                cos[a][b] = ab / Math.sqrt(aa * bb);
            }
        }
        double within = 0;
        double between = 0;
        long withinPairs = 0;
        long betweenPairs = 0;
        int correct = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (b == a) {
                    continue;
                }
                if (cluster[a] == cluster[b]) {
                    within += cos[a][b];
                    withinPairs++;
                } else {
                    between += cos[a][b];
                    betweenPairs++;
                }
            }
            if (sameClusterMajority(cos[a], a, cluster)) {
                correct++;
            }
        }
        return new Separation((double) correct / n, within / withinPairs, between / betweenPairs);
    }

    /**
     * Whether most of point {@code a}'s {@value #NEIGHBOURS} most similar other points (all of them,
     * when there are fewer) share its cluster.
     */
    private static boolean sameClusterMajority(double[] similarity, int a, int[] cluster) {
        boolean[] taken = new boolean[similarity.length];
        taken[a] = true;
        int neighbours = Math.min(NEIGHBOURS, similarity.length - 1);
        int same = 0;
        for (int k = 0; k < neighbours; k++) {
            int best = -1;
            for (int b = 0; b < similarity.length; b++) {
                if (!taken[b] && (best < 0 || similarity[b] > similarity[best])) {
                    best = b;
                }
            }
            taken[best] = true;
            if (cluster[best] == cluster[a]) {
                same++;
            }
        }
        return 2 * same > neighbours;
    }
}
