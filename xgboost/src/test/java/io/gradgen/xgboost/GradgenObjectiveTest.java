package io.gradgen.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import io.gradgen.losses.BCEWithLogitsLoss;
import io.gradgen.losses.CrossEntropyLoss;
import io.gradgen.losses.HuberLoss;
import io.gradgen.losses.L1Loss;
import io.gradgen.losses.MSELoss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;

/** {@link GradgenObjective} on hand-made margins, against the loss's own {@code gradientAndHessian}. */
class GradgenObjectiveTest {

    @Test
    void rowLossGetsXGBoostsRowsOfMarginsAndWeightsScaleBothDerivatives() throws XGBoostError {
        DMatrix data = matrix(new float[] {2, 0}, new float[] {2f, 0.5f});
        float[][] margins = {{1f, 2f, 3f}, {0.5f, -1f, 0f}};

        List<float[]> pair = GradgenObjective.of(new CrossEntropyLoss()).getGradient(margins, data);

        double[] grad = new double[6];
        double[] hess = new double[6];
        new CrossEntropyLoss().gradientAndHessian(Tensor.of(new double[] {1, 2, 3, 0.5, -1, 0}, 2, 3), grad, hess,
                Tensor.labels(new int[] {2, 0}));
        double[] weight = {2, 2, 2, 0.5, 0.5, 0.5};
        for (int i = 0; i < 6; i++) {
            assertEquals((float) (grad[i] * weight[i]), pair.get(0)[i], "gradient " + i);
            assertEquals((float) (hess[i] * weight[i]), pair.get(1)[i], "Hessian " + i);
        }
    }

    @Test
    void oneMarginPerRowGetsTheLabelsAsTargets() throws XGBoostError {
        DMatrix data = matrix(new float[] {1, 0, 1}, null);

        List<float[]> pair = GradgenObjective.of(new BCEWithLogitsLoss()).getGradient(new float[][] {{0f}, {2f}, {-1f}},
                data);

        for (int r = 0; r < 3; r++) {
            double p = 1 / (1 + Math.exp(-new double[] {0, 2, -1}[r]));
            assertEquals(p - new double[] {1, 0, 1}[r], pair.get(0)[r], 1e-7);
            assertEquals(p * (1 - p), pair.get(1)[r], 1e-7);
        }
    }

    @Test
    void severalTargetsPerRowPairEachMarginWithItsLabel() throws XGBoostError {
        DMatrix data = new DMatrix(new float[2], 2, 1, Float.NaN);
        data.setLabel(new float[] {1, 2, 3, 4});   // num_target = 2: labels [rows × targets], row-major

        List<float[]> pair = GradgenObjective.of(new MSELoss()).getGradient(new float[][] {{0, 0}, {1, 1}}, data);

        assertArrayEquals(new float[] {-2, -4, -4, -6}, pair.get(0));
        assertArrayEquals(new float[] {2, 2, 2, 2}, pair.get(1));
    }

    @Test
    void hessianFloorRaisesVanishingSecondDerivatives() throws XGBoostError {
        DMatrix data = matrix(new float[] {0, 0}, null);
        float[][] margins = {{0.1f}, {3f}};   // Huber(0.5): inside delta, then beyond it

        float[] exact = GradgenObjective.of(new HuberLoss(0.5)).withHessianFloor(0).getGradient(margins, data).get(1);
        float[] floored = GradgenObjective.of(new HuberLoss(0.5)).withHessianFloor(0.25).getGradient(margins, data).get(1);
        float[] byDefault = GradgenObjective.of(new HuberLoss(0.5)).getGradient(margins, data).get(1);

        assertArrayEquals(new float[] {1, 0}, exact);
        assertArrayEquals(new float[] {1, 0.25f}, floored);
        assertArrayEquals(new float[] {1, (float) GradgenObjective.DEFAULT_HESSIAN_FLOOR}, byDefault);
    }

    @Test
    void reusesItsArraysFromRoundToRound() throws XGBoostError {
        DMatrix data = matrix(new float[] {1, 2}, null);
        GradgenObjective objective = GradgenObjective.of(new MSELoss());

        List<float[]> first = objective.getGradient(new float[][] {{0f}, {0f}}, data);
        List<float[]> second = objective.getGradient(new float[][] {{1f}, {1f}}, data);

        assertSame(first.get(0), second.get(0));
        assertSame(first.get(1), second.get(1));
        assertArrayEquals(new float[] {0, -2}, second.get(0));
    }

    @Test
    void elementWiseLossGivenRowsOfClassMarginsSaysWhichLossFits() throws XGBoostError {
        DMatrix data = matrix(new float[] {0, 1}, null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradgenObjective.of(new HuberLoss()).getGradient(new float[][] {{0, 1, 2}, {1, 2, 0}}, data));

        assertTrue(e.getMessage().contains("margins [2, 3] and labels [2]"), e.getMessage());
        assertTrue(e.getMessage().contains("CrossEntropyLoss"), e.getMessage());
    }

    @Test
    void labelsThatFitNoLayoutAreRefusedWithTheCount() throws XGBoostError {
        DMatrix data = matrix(new float[] {0, 1, 1}, null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradgenObjective.of(new MSELoss()).getGradient(new float[][] {{0}, {1}}, data));

        assertTrue(e.getMessage().contains("2 rows of 1 margins but the DMatrix has 3 labels"), e.getMessage());
    }

    @Test
    void divergedMarginsAreReportedWithTheRow() throws XGBoostError {
        DMatrix data = matrix(new float[] {0, 1}, null);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradgenObjective.of(new MSELoss()).getGradient(new float[][] {{0}, {Float.NaN}}, data));

        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertTrue(e.getMessage().contains("max_delta_step"), e.getMessage());
    }

    @Test
    void hessianFloorMustBeFiniteAndNonNegative() {
        for (double bad : new double[] {-1e-9, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GradgenObjective.of(new MSELoss()).withHessianFloor(bad));
            assertTrue(e.getMessage().contains("floor must be finite and >= 0"), e.getMessage());
        }
    }

    @Test
    void recommendedStartIsTheLossMinimisingConstant() throws XGBoostError {
        float[] labels = {1, 0, 0, 1, 0, 0, 0, 9};
        DMatrix data = matrix(labels, null);

        Map<String, Object> mse = GradgenObjective.of(new MSELoss()).recommendedParams(data);
        Map<String, Object> l1 = GradgenObjective.of(new L1Loss()).recommendedParams(data);
        DMatrix binary = matrix(new float[] {1, 0, 0, 1, 0, 0, 0, 0}, null);
        Map<String, Object> bce = GradgenObjective.of(new BCEWithLogitsLoss()).recommendedParams(binary);

        assertEquals(11.0 / 8, (Double) mse.get("base_score"), 1e-12);
        assertFalse(mse.containsKey("max_delta_step"), "MSE has curvature 2 everywhere");
        assertEquals(0.0, (Double) l1.get("base_score"), 1e-9);   // the median
        assertEquals(11.0 / 8, (Double) l1.get("max_delta_step"), 1e-12);   // no row is curved: mean |y − median|
        assertEquals(Math.log(2.0 / 6), (Double) bce.get("base_score"), 1e-9);   // logit of the positive rate
        assertFalse(bce.containsKey("max_delta_step"));
    }

    @Test
    void recommendedStartHonoursWeights() throws XGBoostError {
        DMatrix data = matrix(new float[] {0, 10}, new float[] {3, 1});

        Map<String, Object> params = GradgenObjective.of(new MSELoss()).recommendedParams(data);

        assertEquals(2.5, (Double) params.get("base_score"), 1e-12);
    }

    @Test
    void recommendedStartIsLeftOutWhenTheLossKeepsFalling() throws XGBoostError {
        DMatrix allPositive = matrix(new float[] {1, 1, 1}, null);

        Map<String, Object> params = GradgenObjective.of(new BCEWithLogitsLoss()).recommendedParams(allPositive);

        assertFalse(params.containsKey("base_score"), "the best margin for all-positive labels is +∞: " + params);
    }

    @Test
    void travelsWithItsGeneratedLoss() throws Exception {
        GradgenObjective objective = GradgenObjective.of(new HuberLoss(0.5)).withHessianFloor(0.25);
        DMatrix data = matrix(new float[] {1, 2}, null);

        GradgenObjective copy = roundTrip(objective);

        assertEquals(0.25, copy.hessianFloor());
        assertEquals("HuberLoss(delta=0.5)", copy.loss().toString());
        for (int part = 0; part < 2; part++) {
            assertArrayEquals(objective.getGradient(new float[][] {{0}, {3}}, data).get(part).clone(),
                    copy.getGradient(new float[][] {{0}, {3}}, data).get(part));
        }
    }

    @Test
    void refusesToSerialiseALossThatIsNotSerialisable() {
        SecondOrderLoss local = new SecondOrderLoss() {
            @Override
            public Tensor forward(Tensor... inputs) {
                return new MSELoss().forward(inputs);
            }

            @Override
            public void gradientAndHessian(Tensor pred, double[] grad, double[] hessian, Tensor... others) {
                new MSELoss().gradientAndHessian(pred, grad, hessian, others);
            }
        };

        NotSerializableException e = assertThrows(NotSerializableException.class,
                () -> roundTrip(GradgenObjective.of(local)));

        assertTrue(e.getMessage().contains("is not Serializable"), e.getMessage());
        assertTrue(e.getMessage().contains("implement java.io.Serializable"), e.getMessage());
    }

    private static GradgenObjective roundTrip(GradgenObjective objective) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(objective);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (GradgenObjective) in.readObject();
        }
    }

    private static DMatrix matrix(float[] labels, float[] weights) throws XGBoostError {
        float[] features = new float[labels.length];
        DMatrix matrix = new DMatrix(features, labels.length, 1, Float.NaN);
        matrix.setLabel(labels);
        if (weights != null) {
            matrix.setWeight(weights);
        }
        return matrix;
    }
}
