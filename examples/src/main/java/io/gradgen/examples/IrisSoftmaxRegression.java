package io.gradgen.examples;

import io.gradgen.Tensor;
import io.gradgen.autograd.NoGrad;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import io.gradgen.train.History;
import io.gradgen.train.Metrics;
import io.gradgen.train.Training;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Softmax regression on Fisher's Iris data (shipped as {@code iris.csv}, from the UCI repository):
 * standardised features, {@code Linear(4, 3)} and the {@code @Loss} cross-entropy of
 * {@link IrisLosses}, trained with gradgen's training DSL. A stratified split keeps 10 flowers of
 * each species for the final test and 7 for validation; the model trains on the other 99 in
 * shuffled mini-batches of 16, reports each epoch's validation accuracy, keeps the weights of
 * its best validation epoch, and ends with a confusion matrix on the test flowers and a loss-curve
 * chart ({@code target/iris-softmax-loss.svg}, with the history beside it as CSV).
 *
 * <pre>{@code
 * model = nn.Linear(4, 3); loss_fn = nn.CrossEntropyLoss()
 * optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
 * loader = DataLoader(TensorDataset(x_train, y_train), batch_size=16, shuffle=True)
 * for epoch in range(150):
 *     for x, y in loader:
 *         optimizer.zero_grad(); loss_fn(model(x), y).backward(); optimizer.step()
 *     with torch.no_grad(): ...   # validation loss and accuracy, keep the best weights
 * }</pre>
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java -Dexec.mainClass=io.gradgen.examples.IrisSoftmaxRegression
 * </pre>
 */
public final class IrisSoftmaxRegression {
    static final String RESOURCE = "/iris.csv";
    static final int FEATURES = 4;
    static final int EPOCHS = 150;
    static final int BATCH_SIZE = 16;
    static final double LEARNING_RATE = 0.1;
    /** Epochs without a better validation loss before training stops. */
    static final int PATIENCE = 40;
    /** Test samples taken from each species. */
    static final int TEST_PER_SPECIES = 10;
    /** Validation samples taken from each species' remaining flowers. */
    static final int VALIDATION_PER_SPECIES = 7;
    /** Seeds the split, the initial weights and the batch order. */
    static final long SEED = 1;
    /** Where {@link #main} writes the loss curves, relative to the working directory unless given as the first argument. */
    static final Path DEFAULT_CHART = Path.of("target", "iris-softmax-loss.svg");

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

    /**
     * What a training run ends with.
     *
     * @param initialLoss the untrained model's loss on the training flowers
     * @param finalLoss the returned model's loss on the training flowers
     * @param confusion test flowers by true species (row) and predicted species (column)
     * @param history the per-epoch record of the run
     */
    record Result(double initialLoss, double finalLoss, double trainAccuracy, double validationAccuracy,
            double testAccuracy, int[][] confusion, int trainSize, int validationSize, int testSize,
            List<String> speciesNames, History history) {
    }

    public static void main(String[] args) throws IOException {
        Result r = train(new Random(SEED), true);
        System.out.printf("%nkept the weights of epoch %d (epochs 0 to %d ran): train accuracy %.3f (%d flowers),"
                + " validation accuracy %.3f (%d)%n", r.history().bestEpoch(), r.history().epochs() - 1,
                r.trainAccuracy(), r.trainSize(), r.validationAccuracy(), r.validationSize());
        System.out.printf("test accuracy %.3f (%d flowers); confusion matrix (rows: true species, columns: predicted):%n",
                r.testAccuracy(), r.testSize());
        System.out.print(formatConfusion(r.confusion(), r.speciesNames()));
        Path chart = args.length > 0 ? Path.of(args[0]) : DEFAULT_CHART;
        Path csv = chart.resolveSibling(chart.getFileName().toString().replaceFirst("\\.svg$", "") + ".csv");
        r.history().writeSvg(chart, "Iris softmax regression: cross-entropy per epoch");
        r.history().writeCsv(csv);
        System.out.printf("%nloss curves: %s%nhistory:     %s%n", chart.toAbsolutePath(), csv.toAbsolutePath());
    }

    static Result train(Random rng, boolean print) {
        Iris iris = load();
        List<List<Integer>> split = stratifiedSplit(iris, rng);
        Iris trainAndValidation = iris.select(split.get(0));
        Iris test = iris.select(split.get(1));
        List<List<Integer>> inner = stratifiedSplit(trainAndValidation, rng, VALIDATION_PER_SPECIES);
        Iris train = trainAndValidation.select(inner.get(0));
        Iris validation = trainAndValidation.select(inner.get(1));
        standardise(train, List.of(train, validation, test));

        Tensor xTrain = train.featureTensor();
        Tensor yTrain = train.speciesTensor();
        Linear model = new Linear(FEATURES, iris.classes(), rng);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        double initialLoss = NoGrad.call(() -> lossFn.forward(model.forward(xTrain), yTrain).item());

        History history = Training.of(model)
                .loss(lossFn)
                .optimizer(params -> new SGD(params, LEARNING_RATE))
                .data(xTrain, yTrain)
                .batchSize(BATCH_SIZE)
                .shuffle(rng)
                .epochs(EPOCHS)
                .validation(validation.featureTensor(), validation.speciesTensor())
                .metric("accuracy", Metrics.accuracy())
                .earlyStopping(PATIENCE)
                .progress(print)   // each epoch's losses and validation accuracy: one updating line on a terminal
                .fit();

        double finalLoss = NoGrad.call(() -> lossFn.forward(model.forward(xTrain), yTrain).item());
        return new Result(initialLoss, finalLoss, accuracy(model, train), accuracy(model, validation),
                accuracy(model, test), confusionMatrix(model, test), train.size(), validation.size(), test.size(),
                iris.speciesNames(), history);
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

    /** Test flowers counted by true species (row) and predicted species (column, the largest logit). */
    static int[][] confusionMatrix(Linear model, Iris data) {
        double[] logits = NoGrad.call(() -> model.forward(data.featureTensor())).toArray();
        int classes = data.classes();
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < data.size(); i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[i * classes + c] > logits[i * classes + best]) {
                    best = c;
                }
            }
            counts[data.species()[i]][best]++;
        }
        return counts;
    }

    /** The matrix as a table with the species names as row and column headings. */
    static String formatConfusion(int[][] counts, List<String> names) {
        StringBuilder sb = new StringBuilder(String.format("%12s", ""));
        for (String n : names) {
            sb.append(String.format("%12s", n));
        }
        sb.append(System.lineSeparator());
        for (int row = 0; row < counts.length; row++) {
            sb.append(String.format("%12s", names.get(row)));
            for (int count : counts[row]) {
                sb.append(String.format("%12d", count));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** Train and test row indices: {@link #TEST_PER_SPECIES} random flowers of each species go to the test set. */
    static List<List<Integer>> stratifiedSplit(Iris iris, Random rng) {
        return stratifiedSplit(iris, rng, TEST_PER_SPECIES);
    }

    /** Kept and held-out row indices: {@code heldOutPerSpecies} random flowers of each species are held out. */
    static List<List<Integer>> stratifiedSplit(Iris iris, Random rng, int heldOutPerSpecies) {
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
            test.addAll(rows.subList(0, heldOutPerSpecies));
            train.addAll(rows.subList(heldOutPerSpecies, rows.size()));
        }
        Collections.shuffle(train, rng);
        return List.of(train, test);
    }

    /** Scales each feature to mean 0 and standard deviation 1 with the training set's statistics, in place. */
    static void standardise(Iris train, Iris test) {
        standardise(train, List.of(train, test));
    }

    /** Scales each feature of every part with {@code train}'s mean and standard deviation, in place. */
    static void standardise(Iris train, List<Iris> parts) {
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
            for (Iris part : parts) {
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
