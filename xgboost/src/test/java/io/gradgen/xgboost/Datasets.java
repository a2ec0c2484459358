package io.gradgen.xgboost;

import java.util.Random;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Seeded synthetic data sets for the tests, as dense row-major features and labels. */
record Datasets(float[] features, int rows, int columns, float[] labels) {

    /** {@code y = 3·x0 − 2·x1² + x2·x3 + noise}: a smooth target no single tree fits. */
    static Datasets regression(int rows, long seed) {
        Random random = new Random(seed);
        int columns = 4;
        float[] x = gaussian(random, rows * columns);
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            int b = r * columns;
            y[r] = (float) (3 * x[b] - 2 * x[b + 1] * x[b + 1] + x[b + 2] * x[b + 3] + 0.3 * random.nextGaussian());
        }
        return new Datasets(x, rows, columns, y);
    }

    /** 0/1 labels drawn from a logistic model, with about {@code positiveRate} positives. */
    static Datasets binary(int rows, double positiveRate, long seed) {
        Random random = new Random(seed);
        int columns = 4;
        float[] x = gaussian(random, rows * columns);
        float[] y = new float[rows];
        double offset = Math.log(positiveRate / (1 - positiveRate));
        for (int r = 0; r < rows; r++) {
            int b = r * columns;
            double logit = offset + 2 * x[b] - x[b + 1] + x[b + 2] * x[b + 3];
            y[r] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1f : 0f;
        }
        return new Datasets(x, rows, columns, y);
    }

    /** Three overlapping Gaussian classes in four dimensions, labels 0, 1, 2. */
    static Datasets threeClasses(int rows, long seed) {
        Random random = new Random(seed);
        int columns = 4;
        float[] x = gaussian(random, rows * columns);
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            int label = r % 3;
            y[r] = label;
            x[r * columns + label] += 1.5f;
        }
        return new Datasets(x, rows, columns, y);
    }

    private static float[] gaussian(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    DMatrix matrix() throws XGBoostError {
        DMatrix matrix = new DMatrix(features, rows, columns, Float.NaN);
        matrix.setLabel(labels);
        return matrix;
    }
}
