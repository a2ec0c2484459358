package io.gradgen.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Best-epoch tracking, early stopping and the restore of the best weights. The model learns
 * {@code y = 2x} while the validation data follows {@code y = x}: the validation loss falls while
 * the weight passes 1, then rises, so the best epoch lies inside the run.
 */
class EarlyStoppingTest {

    private static final LossFunction MSE = new TestLosses.Mse();
    private static final Tensor X = Tensor.linspace(-1, 1, 21).reshape(21, 1);
    private static final Tensor X_VAL = Tensor.linspace(-0.9, 0.9, 7).reshape(7, 1);

    /** The run, with every epoch's weights recorded by a callback. */
    private record Run(History history, Linear model, List<double[][]> weights) {
    }

    private static Run run(int epochs, int patience, double lr) {
        Linear model = Fixtures.linear(1, 1, 3);
        List<double[][]> weights = new ArrayList<>();
        Training training = Training.of(model).loss(MSE).optimizer(p -> new SGD(p, lr)).data(X, X.mul(2.0))
                .epochs(epochs).validation(X_VAL, X_VAL).onEpoch(e -> weights.add(Fixtures.weights(model)))
                .progress(false);
        if (patience > 0) {
            training.earlyStopping(patience);
        }
        return new Run(training.fit(), model, weights);
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestWeights() {
        Run r = run(500, 4, 0.1);
        History h = r.history();
        int best = h.bestEpoch();
        double[] val = h.validationLosses();
        assertTrue(best > 0, "the fixture must have its best epoch inside the run, got " + best);
        assertTrue(h.stoppedEarly());
        assertEquals(best + 4 + 1, h.epochs(), "epochs 0.." + best + " then 4 without improvement");
        assertEquals(h.epochs(), val.length);
        assertEquals(h.epochs(), h.losses().length);
        for (int e = 0; e < val.length; e++) {
            if (e != best) {
                assertTrue(val[e] > val[best], "epoch " + e + ": " + Arrays.toString(val));
            }
        }
        assertArrayEquals(r.weights().get(best)[0], r.model().weight().toArray(), 0.0);
        assertArrayEquals(r.weights().get(best)[1], r.model().bias().toArray(), 0.0);
        assertFalse(Arrays.equals(r.weights().get(h.epochs() - 1)[0], r.model().weight().toArray()),
                "the last epoch's weights were replaced");
    }

    @Test
    void withoutEarlyStoppingAllEpochsRunAndTheBestWeightsAreStillRestored() {
        Run r = run(60, 0, 0.1);
        History h = r.history();
        assertEquals(60, h.epochs());
        assertFalse(h.stoppedEarly());
        double[] val = h.validationLosses();
        int argMin = 0;
        for (int e = 1; e < val.length; e++) {
            if (val[e] < val[argMin]) {
                argMin = e;
            }
        }
        assertEquals(argMin, h.bestEpoch());
        assertTrue(argMin < 59, "the fixture's validation loss rises again before the end");
        assertArrayEquals(r.weights().get(argMin)[0], r.model().weight().toArray(), 0.0);
    }

    @Test
    void anEqualValidationLossIsNoImprovementAndTheFirstOfEqualEpochsIsBest() {
        Run r = run(50, 2, 0.0);   // lr 0: every epoch has the same validation loss
        History h = r.history();
        assertEquals(0, h.bestEpoch());
        assertEquals(3, h.epochs(), "epoch 0, then two without a strictly lower loss");
        assertTrue(h.stoppedEarly());
        assertEquals(h.validationLosses()[0], h.validationLosses()[2], 0.0);
    }

    @Test
    void reachingThePatienceInTheLastEpochIsNotAnEarlyStop() {
        Run r = run(3, 2, 0.0);
        assertEquals(3, r.history().epochs());
        assertFalse(r.history().stoppedEarly());
    }

    @Test
    void withoutValidationTheBestEpochIsOnTheTrainingLossAndTheLastWeightsStay() {
        Linear model = Fixtures.linear(1, 1, 3);
        List<double[][]> weights = new ArrayList<>();
        // a learning rate so large that SGD diverges: the training loss rises after epoch 0
        History h = Training.of(model).loss(MSE).optimizer(p -> new SGD(p, 3.5)).data(X, X.mul(2.0)).epochs(6)
                .onEpoch(e -> weights.add(Fixtures.weights(model))).progress(false).fit();
        double[] losses = h.losses();
        int argMin = 0;
        for (int e = 1; e < losses.length; e++) {
            if (losses[e] < losses[argMin]) {
                argMin = e;
            }
        }
        assertEquals(argMin, h.bestEpoch());
        assertTrue(argMin < 5, Arrays.toString(losses));
        assertArrayEquals(weights.get(5)[0], model.weight().toArray(), 0.0, "no restore without validation");
    }

    @Test
    void aNaNValidationLossNeverCountsAsBest() {
        // the loss returns NaN for the first two evaluations of the (7-row) validation set
        int[] evaluations = {0};
        LossFunction nanAtFirst = new TestLosses.Base() {
            @Override
            public Tensor forward(Tensor... inputs) {
                Tensor value = MSE.forward(inputs);
                if (inputs[0].shape()[0] == 7 && evaluations[0]++ < 2) {
                    return value.mul(Double.NaN);
                }
                return value;
            }
        };
        History h = Training.of(Fixtures.linear(1, 1, 3)).loss(nanAtFirst).optimizer(p -> new SGD(p, 0.0))
                .data(X, X.mul(2.0)).epochs(6).validation(X_VAL, X_VAL).earlyStopping(3).progress(false).fit();
        assertTrue(Double.isNaN(h.validationLosses()[0]));
        assertTrue(Double.isNaN(h.validationLosses()[1]));
        assertEquals(2, h.bestEpoch(), "the first finite validation loss beats NaN");
        assertEquals(6, h.epochs());
    }
}
