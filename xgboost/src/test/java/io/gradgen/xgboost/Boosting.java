package io.gradgen.xgboost;

import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IObjective;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Training helpers for the tests: parameter maps, margins after training, tree statistics. */
final class Boosting {
    private Boosting() {
    }

    /**
     * Exact greedy trees on one thread (so sums run in one order and runs repeat bit for bit), no L2
     * penalty and no minimum child weight: the settings under which a leaf is exactly the Newton
     * step −ΣG/ΣH, so two objectives with equal gradients grow equal trees.
     */
    static Map<String, Object> exactNewton(Object... keyValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tree_method", "exact");
        params.put("nthread", 1);
        params.put("lambda", 0.0);
        params.put("min_child_weight", 0.0);
        params.put("verbosity", 0);
        return with(params, keyValues);
    }

    static Map<String, Object> with(Map<String, Object> params, Object... keyValues) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        for (int i = 0; i < keyValues.length; i += 2) {
            copy.put((String) keyValues[i], keyValues[i + 1]);
        }
        return copy;
    }

    static Booster train(DMatrix data, Map<String, Object> params, int rounds, IObjective objective) throws XGBoostError {
        return XGBoost.train(data, params, rounds, Map.of(), objective, null);
    }

    /** The raw margins on {@code data} after {@code rounds} rounds. */
    static float[][] margins(DMatrix data, Map<String, Object> params, int rounds, IObjective objective)
            throws XGBoostError {
        Booster booster = train(data, params, rounds, objective);
        try {
            return booster.predict(data, true);
        } finally {
            booster.dispose();
        }
    }

    /** The transformed predictions on {@code data} (probabilities, classes) after {@code rounds} rounds. */
    static float[][] predictions(DMatrix data, Map<String, Object> params, int rounds, IObjective objective)
            throws XGBoostError {
        Booster booster = train(data, params, rounds, objective);
        try {
            return booster.predict(data);
        } finally {
            booster.dispose();
        }
    }

    /** The cover (Hessian sum) of the first tree's root after one round. */
    static double rootCover(DMatrix data, Map<String, Object> params, IObjective objective) throws XGBoostError {
        Booster booster = train(data, with(params, "max_depth", 1), 1, objective);
        try {
            String root = booster.getModelDump("", true)[0].lines().findFirst().orElseThrow();
            return Double.parseDouble(root.replaceAll(".*cover=([-0-9.eE+]+).*", "$1"));
        } finally {
            booster.dispose();
        }
    }

    static double maxAbsDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int r = 0; r < a.length; r++) {
            for (int k = 0; k < a[r].length; k++) {
                max = Math.max(max, Math.abs((double) a[r][k] - b[r][k]));
            }
        }
        return max;
    }

    static double maxAbs(float[][] a) {
        double max = 0;
        for (float[] row : a) {
            for (float v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }
}
