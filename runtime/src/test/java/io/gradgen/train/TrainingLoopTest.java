package io.gradgen.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.autograd.GradMode;
import io.gradgen.nn.Linear;
import io.gradgen.optim.Adam;
import io.gradgen.optim.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What one step and one epoch of {@link Training#fit()} compute, checked against the hand-written loop. */
class TrainingLoopTest {

    private static final LossFunction MSE = new TestLosses.Mse();

    @Test
    void epochLossIsTheBatchSizeWeightedMeanAndStepsMatchTheHandWrittenLoop() {
        Tensor[] data = Fixtures.line(10, 1);
        Linear model = Fixtures.linear(2, 1, 5);
        History history = Training.of(model).loss(MSE).optimizer(p -> new SGD(p, 0.1))
                .data(data[0], data[1]).batchSize(4).epochs(3).progress(false).fit();

        // the PyTorch loop by hand: batches of rows [0, 4), [4, 8) and the partial [8, 10)
        Linear twin = Fixtures.linear(2, 1, 5);
        SGD sgd = new SGD(twin.parameters(), 0.1);
        int[][] batches = {{0, 4}, {4, 8}, {8, 10}};
        double[] expected = new double[3];
        for (int epoch = 0; epoch < 3; epoch++) {
            double sum = 0;
            for (int[] b : batches) {
                sgd.zeroGrad();
                Tensor loss = MSE.forward(twin.forward(Fixtures.rows(data[0], b[0], b[1])),
                        Fixtures.rows(data[1], b[0], b[1]));
                loss.backward();
                sgd.step();
                sum += loss.item() * (b[1] - b[0]);
            }
            expected[epoch] = sum / 10;
        }
        assertArrayEquals(expected, history.losses(), 0.0);
        assertArrayEquals(Fixtures.weights(twin)[0], model.weight().toArray(), 0.0);
        assertArrayEquals(Fixtures.weights(twin)[1], model.bias().toArray(), 0.0);
    }

    @Test
    void withoutUpdatesTheEpochLossIsTheMeanOverAllSamplesNotOverBatches() {
        Tensor[] data = Fixtures.line(10, 2);
        Linear model = Fixtures.linear(2, 1, 6);
        double whole = MSE.forward(model.forward(data[0]), data[1]).item();
        double[] batchLosses = new double[3];
        int[][] batches = {{0, 4}, {4, 8}, {8, 10}};
        for (int i = 0; i < 3; i++) {
            batchLosses[i] = MSE.forward(model.forward(Fixtures.rows(data[0], batches[i][0], batches[i][1])),
                    Fixtures.rows(data[1], batches[i][0], batches[i][1])).item();
        }
        double unweighted = Arrays.stream(batchLosses).average().orElseThrow();

        History history = Training.of(model).loss(MSE).optimizer(p -> new SGD(p, 0.0))
                .data(data[0], data[1]).batchSize(4).progress(false).fit();

        assertEquals(whole, history.losses()[0], 1e-12);
        assertTrue(Math.abs(unweighted - whole) > 1e-3, "the fixture must tell the two means apart");
    }

    @Test
    void samplesAreTakenInOrderWithoutShuffleAndAsAFreshPermutationPerEpochWithIt() {
        Tensor x = Tensor.arange(7).reshape(7, 1);
        assertEquals(List.of(List.of(0, 1, 2, 3, 4, 5, 6), List.of(0, 1, 2, 3, 4, 5, 6)), order(x, null));

        List<List<Integer>> shuffled = order(x, new Random(42));
        for (List<Integer> epoch : shuffled) {
            assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6), new HashSet<>(epoch), "each sample once per epoch");
        }
        assertNotEquals(shuffled.get(0), shuffled.get(1), "a new permutation each epoch");
        assertEquals(shuffled, order(x, new Random(42)), "the same seed gives the same order");
        assertNotEquals(shuffled, order(x, new Random(43)));
    }

    /** The targets each step saw, per epoch, with batches of 2 (so the last batch has 1 row). */
    private static List<List<Integer>> order(Tensor x, Random shuffle) {
        List<List<Integer>> epochs = new ArrayList<>();
        LossFunction recording = new TestLosses.Base() {
            @Override
            public Tensor forward(Tensor... inputs) {
                if (epochs.isEmpty() || epochs.get(epochs.size() - 1).size() == 7) {
                    epochs.add(new ArrayList<>());
                }
                for (double v : inputs[1].toArray()) {
                    epochs.get(epochs.size() - 1).add((int) v);
                }
                return MSE.forward(inputs);
            }
        };
        Training training = Training.of(Fixtures.linear(1, 1, 1)).loss(recording).optimizer(p -> new SGD(p, 0.01))
                .data(x, x).batchSize(2).epochs(2).progress(false);
        if (shuffle != null) {
            training.shuffle(shuffle);
        }
        training.fit();
        return epochs;
    }

    @Test
    void validationLossAndMetricsAreTheLossOnTheWholeValidationSetAfterEachEpoch() {
        Tensor[] train = Fixtures.line(40, 3);
        Tensor[] val = Fixtures.line(15, 4);
        Linear model = Fixtures.linear(2, 1, 7);
        List<double[]> byHand = new ArrayList<>();
        History history = Training.of(model).loss(MSE).optimizer(p -> new SGD(p, 0.05))
                .data(train[0], train[1]).batchSize(8).epochs(5).validation(val[0], val[1])
                .metric("mae", Metrics.mae())
                .onEpoch(e -> {
                    Tensor prediction = model.forward(val[0]);   // the weights at the end of epoch e
                    double mae = 0;
                    double[] p = prediction.toArray();
                    double[] t = val[1].toArray();
                    for (int i = 0; i < p.length; i++) {
                        mae += Math.abs(p[i] - t[i]) / p.length;
                    }
                    byHand.add(new double[] {MSE.forward(prediction, val[1]).item(), mae});
                })
                .progress(false).fit();

        for (int e = 0; e < 5; e++) {
            assertEquals(byHand.get(e)[0], history.validationLosses()[e], 0.0, "validation loss of epoch " + e);
            assertEquals(byHand.get(e)[1], history.metric("mae")[e], 1e-15, "mae of epoch " + e);
        }
        assertTrue(history.validationLosses()[4] < history.validationLosses()[0] / 4, "the model learns");
    }

    @Test
    void evaluationRunsUnderNoGradOnTheWholeValidationSet() {
        Tensor[] train = Fixtures.line(20, 5);
        Tensor[] val = Fixtures.line(9, 6);
        List<String> seen = new ArrayList<>();
        Training.of(Fixtures.linear(2, 1, 1)).loss(MSE).optimizer(p -> new SGD(p, 0.01))
                .data(train[0], train[1]).batchSize(5).epochs(2).validation(val[0], val[1])
                .metric("probe", (prediction, target) -> {
                    seen.add(GradMode.isEnabled() + " " + (prediction.gradFn() == null) + " "
                            + Arrays.toString(prediction.shape()) + " " + (target == val[1]));
                    return 0;
                })
                .progress(false).fit();
        assertEquals(List.of("false true [9, 1] true", "false true [9, 1] true"), seen);
        assertTrue(GradMode.isEnabled(), "fit() leaves grad mode as it found it");
    }

    @Test
    void withoutValidationMetricsAreOnTheTrainingSetAndValidationLossIsNaN() {
        Tensor[] data = Fixtures.blobs(30, 2);
        Linear model = Fixtures.linear(2, 3, 3);
        List<Double> byHand = new ArrayList<>();
        History history = Training.of(model).loss(new TestLosses.CrossEntropy()).optimizer(p -> new SGD(p, 0.1))
                .data(data[0], data[1]).epochs(3).metric("accuracy", Metrics.accuracy())
                .onEpoch(e -> byHand.add(Metrics.accuracy().compute(model.forward(data[0]), data[1])))
                .progress(false).fit();
        assertFalse(history.hasValidation());
        for (int e = 0; e < 3; e++) {
            assertTrue(Double.isNaN(history.validationLosses()[e]));
            assertTrue(Double.isNaN(history.epoch(e).validationLoss()));
            assertEquals(byHand.get(e), history.metric("accuracy")[e], 0.0);
        }
    }

    @Test
    void aClassifierTrainsOnIntegralLabelsToFullAccuracy() {
        Tensor[] train = Fixtures.blobs(90, 8);
        Tensor[] val = Fixtures.blobs(30, 9);
        History history = Training.of(Fixtures.linear(2, 3, 4)).loss(new TestLosses.CrossEntropy())
                .optimizer(p -> new Adam(p, 0.05)).data(train[0], train[1]).batchSize(16).shuffle(new Random(1))
                .epochs(30).validation(val[0], val[1]).metric("accuracy", Metrics.accuracy()).progress(false).fit();
        double[] accuracy = history.metric("accuracy");
        assertEquals(1.0, accuracy[history.bestEpoch()], 0.0, Arrays.toString(accuracy));
        assertTrue(history.validationLosses()[history.bestEpoch()] < 0.1, Arrays.toString(history.validationLosses()));
    }

    @Test
    void twoFitsWithTheSameSeedsGiveBitIdenticalHistoriesAndWeights() {
        History first = seededRun();
        History second = seededRun();
        assertBitsEqual(first.losses(), second.losses());
        assertBitsEqual(first.validationLosses(), second.validationLosses());
        assertBitsEqual(first.metric("accuracy"), second.metric("accuracy"));
        assertBitsEqual(first.metric("rmse"), second.metric("rmse"));
        assertEquals(first.bestEpoch(), second.bestEpoch());
        assertEquals(first.epochs(), second.epochs());
        assertEquals(first.csv(), second.csv());
        assertEquals(lastWeights.get(0).length, lastWeights.get(1).length);
        for (int i = 0; i < lastWeights.get(0).length; i++) {
            assertBitsEqual(lastWeights.get(0)[i], lastWeights.get(1)[i]);
        }
    }

    private final List<double[][]> lastWeights = new ArrayList<>();

    private History seededRun() {
        Tensor[] train = Fixtures.blobs(64, 10);
        Tensor[] val = Fixtures.blobs(20, 11);
        Linear model = Fixtures.linear(2, 3, 12);
        History history = Training.of(model).loss(new TestLosses.CrossEntropy()).optimizer(p -> new Adam(p, 0.02))
                .data(train[0], train[1]).batchSize(6).shuffle(new Random(42)).epochs(8).validation(val[0], val[1])
                .metric("accuracy", Metrics.accuracy())
                .metric("rmse", (p, t) -> Math.sqrt(p.logSoftmax(-1).gatherLast(t).neg().mean().item()))
                .earlyStopping(3).progress(false).fit();
        lastWeights.add(Fixtures.weights(model));
        return history;
    }

    private static void assertBitsEqual(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "element " + i);
        }
    }

    @Test
    void theOptimizerFactoryGetsTheModelsParametersOncePerFit() {
        Tensor[] data = Fixtures.line(8, 1);
        Linear model = Fixtures.linear(2, 1, 1);
        List<List<Tensor>> calls = new ArrayList<>();
        Training training = Training.of(model).loss(MSE).optimizer(p -> {
            calls.add(p);
            return new SGD(p, 0.1);
        }).data(data[0], data[1]).epochs(2).progress(false);
        double first = training.fit().losses()[1];
        double second = training.fit().losses()[0];
        assertEquals(2, calls.size());
        assertSame(model.weight(), calls.get(0).get(0));
        assertSame(model.bias(), calls.get(0).get(1));
        assertTrue(second < first, "the second fit continues from the trained weights: " + first + " then " + second);
    }

    @Test
    void aLossThatDoesNotReduceToOneNumberFailsBeforeTheFirstStep() {
        Tensor[] data = Fixtures.line(8, 1);
        Linear model = Fixtures.linear(2, 1, 1);
        double[][] before = Fixtures.weights(model);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Training.of(model)
                .loss(new TestLosses.Unreduced()).optimizer(p -> new SGD(p, 0.1)).data(data[0], data[1])
                .progress(false).fit());
        assertEquals("fit(): the loss returned a tensor of shape [8, 1]; training needs one number per batch, so use a"
                + " loss with the MEAN or SUM reduction", e.getMessage());
        assertArrayEquals(before[0], model.weight().toArray(), 0.0);
        assertNull(model.weight().grad());
    }
}
