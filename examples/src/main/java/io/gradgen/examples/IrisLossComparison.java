package io.gradgen.examples;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.examples.IrisSoftmaxRegression.Iris;
import io.gradgen.losses.MultiLabelSoftMarginLoss;
import io.gradgen.losses.MultiMarginLoss;
import io.gradgen.losses.SoftTargetCrossEntropyLoss;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Three losses of the {@code gradgen-losses} catalogue on Fisher's Iris data: the
 * {@code Linear(4, 3)} classifier and test split of {@link IrisSoftmaxRegression}, trained once per
 * loss from the same initial weights with full-batch SGD, then compared on the held-out flowers.
 *
 * <pre>{@code
 * for loss_fn, y in [(nn.CrossEntropyLoss(label_smoothing=0.1), one_hot),   # probability targets
 *                    (nn.MultiMarginLoss(), species),                      # multi-class hinge
 *                    (nn.MultiLabelSoftMarginLoss(), one_hot)]:            # one-vs-rest logistic
 *     model = nn.Linear(4, 3); optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
 *     for epoch in range(300):
 *         loss = loss_fn(model(x_train), y)
 *         optimizer.zero_grad(); loss.backward(); optimizer.step()
 * }</pre>
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java -Dexec.mainClass=io.gradgen.examples.IrisLossComparison
 * </pre>
 */
public final class IrisLossComparison {
    static final int EPOCHS = 300;
    static final double LEARNING_RATE = 0.5;
    static final double LABEL_SMOOTHING = 0.1;

    private IrisLossComparison() {
    }

    /** A catalogue loss and the target it takes: species indices or one-hot rows. */
    record Candidate(String name, LossFunction loss, boolean oneHotTarget) {
    }

    /** How training with one loss ended. */
    record Outcome(String name, double initialLoss, double finalLoss, double trainAccuracy, double testAccuracy) {
    }

    static List<Candidate> candidates() {
        return List.of(
                new Candidate("CrossEntropyLoss(label_smoothing=0.1), probability targets",
                        new SoftTargetCrossEntropyLoss(LABEL_SMOOTHING), true),
                new Candidate("MultiMarginLoss()", new MultiMarginLoss(), false),
                new Candidate("MultiLabelSoftMarginLoss(), one-vs-rest", new MultiLabelSoftMarginLoss(), true));
    }

    public static void main(String[] args) {
        System.out.printf("%-60s %10s %10s %8s %8s%n", "loss", "first", "last", "train", "test");
        for (Outcome o : compare(IrisSoftmaxRegression.SEED)) {
            System.out.printf("%-60s %10.6f %10.6f %8.3f %8.3f%n", o.name(), o.initialLoss(), o.finalLoss(),
                    o.trainAccuracy(), o.testAccuracy());
        }
    }

    /** Trains one classifier per candidate loss, each from the same split and the same initial weights. */
    static List<Outcome> compare(long seed) {
        Iris iris = IrisSoftmaxRegression.load();
        List<List<Integer>> split = IrisSoftmaxRegression.stratifiedSplit(iris, new Random(seed));
        Iris train = iris.select(split.get(0));
        Iris test = iris.select(split.get(1));
        IrisSoftmaxRegression.standardise(train, test);
        Tensor x = train.featureTensor();
        Tensor species = train.speciesTensor();
        Tensor oneHot = oneHot(train);

        List<Outcome> outcomes = new ArrayList<>();
        for (Candidate c : candidates()) {
            Linear model = new Linear(IrisSoftmaxRegression.FEATURES, iris.classes(), new Random(seed));
            SGD optimizer = new SGD(model.parameters(), LEARNING_RATE);
            Tensor y = c.oneHotTarget() ? oneHot : species;
            double initial = Double.NaN;
            double last = Double.NaN;
            for (int epoch = 0; epoch <= EPOCHS; epoch++) {
                Tensor loss = c.loss().forward(model.forward(x), y);
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                last = loss.item();
                if (epoch == 0) {
                    initial = last;
                }
            }
            outcomes.add(new Outcome(c.name(), initial, last, IrisSoftmaxRegression.accuracy(model, train),
                    IrisSoftmaxRegression.accuracy(model, test)));
        }
        return outcomes;
    }

    /** The species as one-hot rows, {@code [n, classes]}. */
    static Tensor oneHot(Iris data) {
        double[] rows = new double[data.size() * data.classes()];
        for (int i = 0; i < data.size(); i++) {
            rows[i * data.classes() + data.species()[i]] = 1.0;
        }
        return Tensor.of(rows, data.size(), data.classes());
    }
}
