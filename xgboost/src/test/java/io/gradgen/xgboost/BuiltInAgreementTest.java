package io.gradgen.xgboost;

import static io.gradgen.xgboost.Boosting.exactNewton;
import static io.gradgen.xgboost.Boosting.margins;
import static io.gradgen.xgboost.Boosting.maxAbs;
import static io.gradgen.xgboost.Boosting.maxAbsDifference;
import static io.gradgen.xgboost.Boosting.predictions;
import static io.gradgen.xgboost.Boosting.rootCover;
import static io.gradgen.xgboost.Boosting.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.losses.BCEWithLogitsLoss;
import io.gradgen.losses.CrossEntropyLoss;
import io.gradgen.losses.MSELoss;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;

/**
 * Boosting on a gradgen loss grows the same trees as XGBoost's built-in objective for that loss,
 * under settings where a leaf is exactly the Newton step −ΣG/ΣH ({@code lambda = 0},
 * {@code min_child_weight = 0}, exact greedy splits on one thread) and both start from one margin.
 *
 * <p>Two scale differences are part of the comparison, not tolerance: XGBoost's
 * {@code reg:squarederror} is ½(y − p)², half of {@code MSELoss}, so its gradient and Hessian are
 * both halved and the Newton step is the same; {@code multi:softprob} takes {@code 2p(1 − p)} as the
 * Hessian, twice the exact diagonal that {@code CrossEntropyLoss} gives, so its steps are half as
 * long and it matches gradgen at twice the learning rate (the split gains scale alike, so the
 * splits are the same).
 */
class BuiltInAgreementTest {
    private static final int ROUNDS = 30;

    @Test
    void mseGrowsTheTreesOfSquaredError() throws XGBoostError {
        DMatrix data = Datasets.regression(400, 1).matrix();
        Map<String, Object> params = exactNewton("eta", 0.3, "max_depth", 4, "base_score", 0.25);

        float[][] builtIn = margins(data, with(params, "objective", "reg:squarederror"), ROUNDS, null);
        float[][] gradgen = margins(data, params, ROUNDS, GradgenObjective.of(new MSELoss()));

        // 2(p − y) in double rounds to exactly twice XGBoost's float p − y, and −ΣG/ΣH cancels the 2
        double difference = maxAbsDifference(builtIn, gradgen);
        report("MSELoss vs reg:squarederror", difference, builtIn);
        assertEquals(0.0, difference, 1e-6 * maxAbs(builtIn));
    }

    @Test
    void bceWithLogitsGrowsTheTreesOfBinaryLogistic() throws XGBoostError {
        DMatrix data = Datasets.binary(400, 0.3, 2).matrix();
        Map<String, Object> params = exactNewton("eta", 0.3, "max_depth", 4);

        // binary:logistic reads base_score as a probability, a custom objective as a margin: both start at 0
        float[][] builtIn = margins(data, with(params, "objective", "binary:logistic", "base_score", 0.5), ROUNDS, null);
        float[][] gradgen = margins(data, with(params, "base_score", 0.0), ROUNDS,
                GradgenObjective.of(new BCEWithLogitsLoss()));

        double difference = maxAbsDifference(builtIn, gradgen);
        report("BCEWithLogitsLoss vs binary:logistic", difference, builtIn);
        assertTrue(difference <= 1e-4 * maxAbs(builtIn), "margins differ by " + difference);
    }

    @Test
    void rowWeightsAndBaseMarginsApplyAsInBinaryLogistic() throws XGBoostError {
        Datasets set = Datasets.binary(400, 0.3, 3);
        DMatrix data = set.matrix();
        Random random = new Random(4);
        float[] weights = new float[set.rows()];
        float[] baseMargin = new float[set.rows()];
        for (int r = 0; r < set.rows(); r++) {
            weights[r] = 0.2f + 2 * random.nextFloat();
            baseMargin[r] = (float) random.nextGaussian();
        }
        data.setWeight(weights);
        data.setBaseMargin(baseMargin);
        Map<String, Object> params = exactNewton("eta", 0.3, "max_depth", 4);

        // base_margin replaces base_score, so the two objectives start from the same per-row margins
        float[][] builtIn = margins(data, with(params, "objective", "binary:logistic"), ROUNDS, null);
        float[][] gradgen = margins(data, params, ROUNDS, GradgenObjective.of(new BCEWithLogitsLoss()));

        double difference = maxAbsDifference(builtIn, gradgen);
        report("weighted BCEWithLogitsLoss with base_margin vs binary:logistic", difference, builtIn);
        assertTrue(difference <= 1e-4 * maxAbs(builtIn), "margins differ by " + difference);
    }

    @Test
    void crossEntropyGrowsTheTreesOfSoftprobAtTwiceTheLearningRate() throws XGBoostError {
        DMatrix data = Datasets.threeClasses(300, 5).matrix();
        Map<String, Object> params = exactNewton("max_depth", 3, "num_class", 3, "base_score", 0.0);

        float[][] builtIn = margins(data, with(params, "objective", "multi:softprob", "eta", 0.6), ROUNDS, null);
        float[][] gradgen = margins(data, with(params, "eta", 0.3), ROUNDS,
                GradgenObjective.of(new CrossEntropyLoss()));

        double difference = maxAbsDifference(builtIn, gradgen);
        report("CrossEntropyLoss (eta 0.3) vs multi:softprob (eta 0.6)", difference, builtIn);
        assertTrue(difference <= 1e-4 * maxAbs(builtIn), "margins differ by " + difference);

        float[][] classes = predictions(data, with(params, "objective", "multi:softmax", "eta", 0.6), ROUNDS, null);
        for (int r = 0; r < classes.length; r++) {
            assertEquals(classes[r][0], argMax(gradgen[r]), "predicted class of row " + r);
        }
    }

    @Test
    void hessianSumsAreTheBuiltInsUpToTheirScale() throws XGBoostError {
        Map<String, Object> params = exactNewton("eta", 0.3);
        DMatrix regression = Datasets.regression(400, 1).matrix();
        DMatrix binary = Datasets.binary(400, 0.3, 2).matrix();
        DMatrix classes = Datasets.threeClasses(300, 5).matrix();

        double squaredError = rootCover(regression, with(params, "objective", "reg:squarederror", "base_score", 0.25), null);
        double mse = rootCover(regression, with(params, "base_score", 0.25), GradgenObjective.of(new MSELoss()));
        double logistic = rootCover(binary, with(params, "objective", "binary:logistic", "base_score", 0.5), null);
        double bce = rootCover(binary, with(params, "base_score", 0.0), GradgenObjective.of(new BCEWithLogitsLoss()));
        Map<String, Object> multi = with(params, "num_class", 3, "base_score", 0.0);
        double softprob = rootCover(classes, with(multi, "objective", "multi:softprob"), null);
        double crossEntropy = rootCover(classes, multi, GradgenObjective.of(new CrossEntropyLoss()));

        System.out.printf("root Hessian sums: MSE %s vs squarederror %s; BCE %s vs logistic %s; CE %s vs softprob %s%n",
                mse, squaredError, bce, logistic, crossEntropy, softprob);
        assertEquals(2 * squaredError, mse, 1e-6 * mse);
        assertEquals(logistic, bce, 1e-6 * bce);
        assertEquals(softprob, 2 * crossEntropy, 1e-6 * softprob);
    }

    private static float argMax(float[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }

    private static void report(String what, double difference, float[][] reference) {
        System.out.printf("%s: max |margin difference| %.3g after %d rounds (margins up to %.3g)%n", what, difference,
                ROUNDS, maxAbs(reference));
    }
}
