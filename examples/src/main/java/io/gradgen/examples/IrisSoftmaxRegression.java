package io.gradgen.examples;

import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Softmax regression on Fisher's Iris data (shipped as {@code iris.csv}, from the UCI repository):
 * standardised features, {@code Linear(4, 3)} and the {@code @Loss} cross-entropy of
 * {@link IrisLosses}, trained full-batch with SGD on a stratified 120/30 train/test split.
 *
 * <pre>{@code
 * model = nn.Linear(4, 3); loss_fn = nn.CrossEntropyLoss()
 * optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
 * for epoch in range(300):
 *     loss = loss_fn(model(x_train), y_train)
 *     optimizer.zero_grad(); loss.backward(); optimizer.step()
 * }</pre>
 */
public final class IrisSoftmaxRegression {
    static final String RESOURCE = "/iris.csv";
    static final int FEATURES = 4;
    static final int EPOCHS = 300;
    static final int PRINT_EVERY = 50;
    static final double LEARNING_RATE = 0.5;
    /** Test samples taken from each species. */
    static final int TEST_PER_SPECIES = 10;
    /** Seeds the split and the initial weights. */
    static final long SEED = 1;

    private IrisSoftmaxRegression() {
    }

    /**
     * The data set: one row of four measurements (cm) per flower and its species index.
     *
     * @param features sepal length, sepal width, petal length, petal width, per flower
     * @param species the index into {@code speciesNames}, per flower
     * @param speciesNames the species in order of first appearance
     */
    record Iris(double[][] features, int[] species, List<String> speciesNames) {
        int size() {
            return species.length;
        }

        int classes() {
            return speciesNames.size();
        }

        Iris select(List<Integer> rows) {
            double[][] f = new double[rows.size()][];
            int[] s = new int[rows.size()];
            for (int i = 0; i < s.length; i++) {
                f[i] = features[rows.get(i)].clone();
                s[i] = species[rows.get(i)];
            }
            return new Iris(f, s, speciesNames);
        }

        /** The features as an {@code [n, 4]} tensor. */
        Tensor featureTensor() {
            double[] flat = new double[size() * FEATURES];
            for (int i = 0; i < size(); i++) {
                System.arraycopy(features[i], 0, flat, i * FEATURES, FEATURES);
            }
            return Tensor.of(flat, size(), FEATURES);
        }

        /** The species as an {@code [n]} tensor of integral values, as an {@code int} loss parameter takes them. */
        Tensor speciesTensor() {
            double[] labels = new double[size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = species[i];
            }
            return Tensor.of(labels, labels.length);
        }
    }

    /** What a training run ends with. */
    record Result(double initialLoss, double finalLoss, double trainAccuracy, double testAccuracy, int trainSize,
            int testSize) {
    }

    public static void main(String[] args) {
        Result r = train(new Random(SEED), true);
        System.out.printf("%ntrain accuracy %.3f (%d flowers), test accuracy %.3f (%d flowers)%n",
                r.trainAccuracy(), r.trainSize(), r.testAccuracy(), r.testSize());
    }

    static Result train(Random rng, boolean print) {
        Iris iris = load();
        List<List<Integer>> split = stratifiedSplit(iris, rng);
        Iris train = iris.select(split.get(0));
        Iris test = iris.select(split.get(1));
        standardise(train, test);

        Tensor xTrain = train.featureTensor();
        Tensor yTrain = train.speciesTensor();
        Linear model = new Linear(FEATURES, iris.classes(), rng);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        SGD optimizer = new SGD(model.parameters(), LEARNING_RATE);

        double initialLoss = Double.NaN;
        double loss = Double.NaN;
        for (int epoch = 0; epoch <= EPOCHS; epoch++) {
            Tensor lossTensor = lossFn.forward(model.forward(xTrain), yTrain);
            optimizer.zeroGrad();
            lossTensor.backward();
            optimizer.step();
            loss = lossTensor.item();
            if (epoch == 0) {
                initialLoss = loss;
            }
            if (print && epoch % PRINT_EVERY == 0) {
                System.out.printf("epoch %3d  loss %.6f  (grad_fn=%s)%n", epoch, loss, lossTensor.gradFn().name());
            }
        }
        return new Result(initialLoss, loss, accuracy(model, train), accuracy(model, test), train.size(), test.size());
    }

    /** The fraction of flowers whose largest logit is their species. */
    static double accuracy(Linear model, Iris data) {
        double[] logits = model.forward(data.featureTensor()).toArray();
        int classes = data.classes();
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[i * classes + c] > logits[i * classes + best]) {
                    best = c;
                }
            }
            if (best == data.species()[i]) {
                correct++;
            }
        }
        return (double) correct / data.size();
    }

    /** Train and test row indices: {@link #TEST_PER_SPECIES} random flowers of each species go to the test set. */
    static List<List<Integer>> stratifiedSplit(Iris iris, Random rng) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < iris.classes(); c++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < iris.size(); i++) {
                if (iris.species()[i] == c) {
                    rows.add(i);
                }
            }
            Collections.shuffle(rows, rng);
            test.addAll(rows.subList(0, TEST_PER_SPECIES));
            train.addAll(rows.subList(TEST_PER_SPECIES, rows.size()));
        }
        Collections.shuffle(train, rng);
        return List.of(train, test);
    }

    /** Scales each feature to mean 0 and standard deviation 1 with the training set's statistics, in place. */
    static void standardise(Iris train, Iris test) {
        for (int f = 0; f < FEATURES; f++) {
            double mean = 0;
            for (double[] row : train.features()) {
                mean += row[f] / train.size();
            }
            double variance = 0;
            for (double[] row : train.features()) {
                variance += (row[f] - mean) * (row[f] - mean) / train.size();
            }
            double sd = Math.sqrt(variance);
            for (Iris part : List.of(train, test)) {
                for (double[] row : part.features()) {
                    row[f] = (row[f] - mean) / sd;
                }
            }
        }
    }

    /** Reads {@code iris.csv}: comment lines start with {@code #}, then a header, then one flower per line. */
    static Iris load() {
        try (InputStream in = IrisSoftmaxRegression.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<double[]> features = new ArrayList<>();
            List<Integer> species = new ArrayList<>();
            List<String> names = new ArrayList<>();
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] fields = line.split(",");
                if (fields.length != FEATURES + 1) {
                    throw new IllegalStateException("iris.csv: expected 5 fields in: " + line);
                }
                double[] row = new double[FEATURES];
                for (int f = 0; f < FEATURES; f++) {
                    row[f] = Double.parseDouble(fields[f]);
                }
                String name = fields[FEATURES].trim();
                if (!names.contains(name)) {
                    names.add(name);
                }
                features.add(row);
                species.add(names.indexOf(name));
            }
            return new Iris(features.toArray(double[][]::new), species.stream().mapToInt(Integer::intValue).toArray(),
                    List.copyOf(names));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
