package io.gradgen.xgboost;

import static io.gradgen.xgboost.Boosting.maxAbs;
import static io.gradgen.xgboost.Boosting.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.losses.HuberLoss;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;

/**
 * Losses XGBoost has no objective for train boosted trees through {@link GradgenObjective}: Huber
 * with {@code delta = 0.5} (zero second derivative beyond delta) and a focal loss written as a
 * {@code @Loss} method in {@link TestLosses} (negative second derivative on confident rows).
 */
class CustomLossTrainingTest {

    @Test
    void huberTrainsWithTheRecommendedStepCap() throws XGBoostError {
        Datasets train = withOutliers(Datasets.regression(400, 11), 12);
        Datasets test = Datasets.regression(200, 13);
        GradgenObjective objective = GradgenObjective.of(new HuberLoss(0.5));
        DMatrix trainMatrix = train.matrix();
        Map<String, Object> recommended = objective.recommendedParams(trainMatrix);
        // Huber's second derivative is 0 beyond delta, so a step cap is recommended: at most delta
        double stepCap = (Double) recommended.get("max_delta_step");
        assertTrue(stepCap > 0.4 && stepCap <= 0.5, "max_delta_step " + stepCap);

        Map<String, Object> params = with(recommended, "eta", 0.3, "max_depth", 3, "verbosity", 0, "nthread", 1);
        double[] testLoss = new double[4];
        int[] rounds = {0, 5, 20, 60};
        for (int i = 0; i < rounds.length; i++) {
            testLoss[i] = rounds[i] == 0
                    ? meanLoss(new HuberLoss(0.5), constant((Double) recommended.get("base_score"), test.rows()), test.labels())
                    : meanLoss(new HuberLoss(0.5), marginsOn(trainMatrix, test, params, rounds[i], objective), test.labels());
        }
        System.out.println("Huber(0.5) test loss after 0, 5, 20, 60 rounds: " + Arrays.toString(testLoss));
        for (int i = 1; i < testLoss.length; i++) {
            assertTrue(testLoss[i] < testLoss[i - 1], "test loss rose: " + Arrays.toString(testLoss));
        }
        assertTrue(testLoss[3] < 0.5 * testLoss[0], "60 rounds should at least halve the constant model's loss: "
                + Arrays.toString(testLoss));
    }

    @Test
    void huberWithoutStepCapOrPenaltyTakesUnboundedSteps() throws XGBoostError {
        DMatrix data = Datasets.regression(400, 11).matrix();
        Map<String, Object> params = Boosting.exactNewton("eta", 0.3, "max_depth", 3, "base_score", 0.0);

        // a leaf whose rows all lie beyond delta has Σh = 0 raised to the floor: −Σg/Σh is astronomic
        float[][] margins = Boosting.margins(data, params, 2, GradgenObjective.of(new HuberLoss(0.5)));

        assertTrue(maxAbs(margins) > 1e6, "expected exploding margins, got " + maxAbs(margins));
    }

    @Test
    void focalLossTrainsOnImbalancedClasses() throws XGBoostError {
        Datasets train = Datasets.binary(600, 0.1, 21);
        Datasets test = Datasets.binary(400, 0.1, 22);
        GradgenObjective objective = GradgenObjective.of(new FocalLoss());
        DMatrix trainMatrix = train.matrix();
        Map<String, Object> recommended = objective.recommendedParams(trainMatrix);
        Map<String, Object> params = with(recommended, "eta", 0.3, "max_depth", 3, "verbosity", 0, "nthread", 1);

        double[] trainLoss = new double[3];
        int[] rounds = {0, 5, 40};
        for (int i = 0; i < rounds.length; i++) {
            trainLoss[i] = meanLoss(new FocalLoss(), rounds[i] == 0
                    ? constant((Double) recommended.get("base_score"), train.rows())
                    : marginsOn(trainMatrix, train, params, rounds[i], objective), train.labels());
        }
        double auc1 = auc(marginsOn(trainMatrix, test, params, 1, objective), test.labels());
        double auc40 = auc(marginsOn(trainMatrix, test, params, 40, objective), test.labels());
        System.out.printf("focal loss (gamma 2): training loss %s after 0, 5, 40 rounds; test AUC %.3f after 1 round,"
                + " %.3f after 40%n", Arrays.toString(trainLoss), auc1, auc40);

        assertTrue(trainLoss[1] < trainLoss[0] && trainLoss[2] < trainLoss[1], "focal loss should fall: "
                + Arrays.toString(trainLoss));
        assertTrue(auc40 > auc1, "AUC should rise: " + auc1 + " -> " + auc40);
        assertTrue(auc40 > 0.85, "AUC after 40 rounds: " + auc40);
    }

    /** The margins on {@code data} of trees trained on {@code train}. */
    private static float[] marginsOn(DMatrix train, Datasets data, Map<String, Object> params, int rounds,
            GradgenObjective objective) throws XGBoostError {
        Booster booster = Boosting.train(train, params, rounds, objective);
        DMatrix matrix = data.matrix();
        try {
            float[][] margins = booster.predict(matrix, true);
            float[] column = new float[margins.length];
            for (int r = 0; r < margins.length; r++) {
                column[r] = margins[r][0];
            }
            return column;
        } finally {
            booster.dispose();
            matrix.dispose();
        }
    }

    private static double meanLoss(SecondOrderLoss loss, float[] margins, float[] labels) {
        Tensor value = loss.withReduction(Reduction.MEAN).forward(Tensor.of(toDoubles(margins), margins.length),
                Tensor.of(toDoubles(labels), labels.length));
        return value.item();
    }

    private static float[] constant(double value, int n) {
        float[] values = new float[n];
        Arrays.fill(values, (float) value);
        return values;
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    /** The probability that a random positive scores above a random negative (ties count half). */
    private static double auc(float[] scores, float[] labels) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 1) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (labels[j] == 0) {
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    pairs++;
                }
            }
        }
        return wins / pairs;
    }

    /** The same data with one label in ten thrown far off, as a sensor glitch would. */
    private static Datasets withOutliers(Datasets data, long seed) {
        Random random = new Random(seed);
        float[] labels = data.labels().clone();
        for (int r = 0; r < labels.length; r += 10) {
            labels[r] += (float) (random.nextBoolean() ? 25 : -25);
        }
        return new Datasets(data.features(), data.rows(), data.columns(), labels);
    }
}
