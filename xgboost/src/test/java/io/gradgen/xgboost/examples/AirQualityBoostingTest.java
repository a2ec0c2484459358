package io.gradgen.xgboost.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.xgboost.examples.AirQualityBoosting.Score;
import java.util.List;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;

/** The example's claims, so that the README's numbers cannot drift from what it prints. */
class AirQualityBoostingTest {

    @Test
    void huberBeatsSquaredErrorAndMseReproducesIt() throws XGBoostError {
        List<float[]> rows = AirQualityBoosting.load();
        assertEquals(116, rows.size(), "days with an ozone reading");

        List<Score> scores = AirQualityBoosting.compare(rows);
        Score squaredError = scores.get(0);
        Score mse = scores.get(1);
        Score huber = scores.get(3);

        assertEquals(squaredError.mae(), mse.mae(), 1e-4);
        assertEquals(squaredError.rmse(), mse.rmse(), 1e-4);
        assertTrue(huber.mae() < squaredError.mae(), huber + " vs " + squaredError);
    }
}
