package io.gradgen.xgboost.examples;

import io.gradgen.losses.HuberLoss;
import io.gradgen.losses.MSELoss;
import io.gradgen.xgboost.GradgenObjective;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IObjective;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees on New York's 1973 air quality (R's {@code airquality}: ozone against
 * solar radiation, wind, temperature and date), trained on gradgen's {@code HuberLoss} and compared,
 * by 5-fold cross-validation, with XGBoost's built-in {@code reg:squarederror} and its smooth
 * {@code reg:pseudohubererror}; gradgen's {@code MSELoss} reproduces {@code reg:squarederror}. Ozone has a long right tail (a median of 31 ppb, a maximum of 168),
 * which squared error chases and Huber's linear tails do not.
 *
 * <pre>{@code mvn -q -Pml -pl xgboost -am -DskipTests test-compile exec:java}</pre>
 */
public final class AirQualityBoosting {
    /** Where Huber turns linear, in ppb: about a third of ozone's standard deviation (33 ppb). */
    static final double DELTA = 10.0;
    static final int ROUNDS = 300;
    static final int FOLDS = 5;

    private AirQualityBoosting() {
    }

    /** Cross-validated errors of one way of training. */
    record Score(String name, double mae, double rmse) {
    }

    public static void main(String[] args) throws XGBoostError {
        List<float[]> rows = load();
        System.out.printf("airquality: %d days with an ozone reading, %d-fold cross-validation, %d rounds of depth-3"
                + " trees, eta 0.05%n%n", rows.size(), FOLDS, ROUNDS);
        System.out.printf("%-50s %9s %9s%n", "objective", "MAE ppb", "RMSE ppb");
        for (Score score : compare(rows)) {
            System.out.printf("%-50s %9.2f %9.2f%n", score.name(), score.mae(), score.rmse());
        }
    }

    /** The four ways of training, scored on the same folds. */
    static List<Score> compare(List<float[]> rows) throws XGBoostError {
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("eta", 0.05);
        common.put("max_depth", 3);
        common.put("nthread", 1);
        common.put("verbosity", 0);
        List<Score> scores = new ArrayList<>();
        scores.add(crossValidate("reg:squarederror (built-in)", rows, with(common, "objective", "reg:squarederror"), null));
        // MSELoss is (y − p)², twice XGBoost's ½(y − p)²: its Hessians are 2, so lambda and
        // min_child_weight (in Hessian units) must double for the same trees
        scores.add(crossValidate("MSELoss (gradgen), lambda 2, min_child_weight 2", rows,
                with(common, "lambda", 2.0, "min_child_weight", 2.0), GradgenObjective.of(new MSELoss())));
        scores.add(crossValidate("reg:pseudohubererror, huber_slope 10 (built-in)", rows,
                with(common, "objective", "reg:pseudohubererror", "huber_slope", DELTA), null));
        scores.add(crossValidate("HuberLoss(10) (gradgen)", rows, common, GradgenObjective.of(new HuberLoss(DELTA))));
        return scores;
    }

    private static Score crossValidate(String name, List<float[]> rows, Map<String, Object> params,
            GradgenObjective objective) throws XGBoostError {
        int[] fold = folds(rows.size());
        double absolute = 0;
        double squared = 0;
        for (int f = 0; f < FOLDS; f++) {
            List<float[]> train = new ArrayList<>();
            List<float[]> test = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                (fold[r] == f ? test : train).add(rows.get(r));
            }
            DMatrix trainMatrix = matrix(train);
            DMatrix testMatrix = matrix(test);
            Map<String, Object> foldParams = params;
            if (objective != null) {
                // the loss's own starting margin and, for Huber, a step cap (its Hessian is 0 beyond delta)
                foldParams = new LinkedHashMap<>(objective.recommendedParams(trainMatrix));
                foldParams.putAll(params);
            }
            Booster booster = XGBoost.train(trainMatrix, foldParams, ROUNDS, Map.of(), (IObjective) objective, null);
            float[][] predicted = booster.predict(testMatrix, true);
            for (int i = 0; i < test.size(); i++) {
                double error = predicted[i][0] - test.get(i)[0];
                absolute += Math.abs(error);
                squared += error * error;
            }
            booster.dispose();
            trainMatrix.dispose();
            testMatrix.dispose();
        }
        return new Score(name, absolute / rows.size(), Math.sqrt(squared / rows.size()));
    }

    /** A fold number per row, a seeded shuffle so every objective sees the same split. */
    private static int[] folds(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(1973);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % FOLDS;
        }
        return fold;
    }

    /** Features Solar.R, Wind, Temp, Month, Day (a missing reading stays NaN: XGBoost learns where it goes); label Ozone. */
    private static DMatrix matrix(List<float[]> rows) throws XGBoostError {
        int columns = rows.get(0).length - 1;
        float[] features = new float[rows.size() * columns];
        float[] labels = new float[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            float[] row = rows.get(r);
            labels[r] = row[0];
            System.arraycopy(row, 1, features, r * columns, columns);
        }
        DMatrix matrix = new DMatrix(features, rows.size(), columns, Float.NaN);
        matrix.setLabel(labels);
        return matrix;
    }

    private static Map<String, Object> with(Map<String, Object> params, String key, Object value, Object... more) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.put(key, value);
        for (int i = 0; i < more.length; i += 2) {
            copy.put((String) more[i], more[i + 1]);
        }
        return copy;
    }

    /** The rows of airquality.csv that have an ozone reading: Ozone, Solar.R, Wind, Temp, Month, Day. */
    static List<float[]> load() {
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                AirQualityBoosting.class.getResourceAsStream("/airquality.csv"), "airquality.csv is not on the class path"),
                StandardCharsets.UTF_8))) {
            in.readLine();   // header
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",", -1);
                if (cells[0].isEmpty()) {
                    continue;
                }
                float[] row = new float[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    row[c] = cells[c].isEmpty() ? Float.NaN : Float.parseFloat(cells[c]);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
