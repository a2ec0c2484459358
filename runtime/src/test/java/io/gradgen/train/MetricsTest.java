package io.gradgen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradgen.Tensor;
import org.junit.jupiter.api.Test;

/** The built-in metrics on cases computed by hand. */
class MetricsTest {

    private static final Metric ACCURACY = Metrics.accuracy();

    @Test
    void accuracyComparesTheArgMaxOfEachRowWithTheLabel() {
        Tensor logits = Tensor.of(new double[][] {
            {2.0, 1.0, 0.1},    // class 0
            {0.0, 3.0, -1.0},   // class 1
            {0.5, 0.2, 0.9},    // class 2
            {1.0, 1.0, 0.0},    // tie: the first, class 0
        });
        assertEquals(1.0, ACCURACY.compute(logits, Tensor.vector(0, 1, 2, 0)), 0.0);
        assertEquals(0.5, ACCURACY.compute(logits, Tensor.vector(0, 2, 2, 1)), 0.0);
        assertEquals(0.0, ACCURACY.compute(logits, Tensor.vector(1, 0, 0, 1)), 0.0);
    }

    @Test
    void accuracyWorksOnAnyBatchShapeAndCountsARowWithNaNAsWrong() {
        Tensor logits = Tensor.of(new double[] {1, 0, 0, 1, Double.NaN, 5, 0, 2}, 2, 2, 2);
        assertEquals(0.75, ACCURACY.compute(logits, Tensor.of(new double[] {0, 1, 1, 1}, 2, 2)), 0.0);
    }

    @Test
    void binaryAccuracyUsesTheSignOfOneLogitPerSample() {
        Tensor labels = Tensor.vector(1, 0, 0, 1, 1);
        Tensor logits = Tensor.vector(0.3, -2, 0.0, 4, -0.1);   // right, right, right (0.0 is class 0), right, wrong
        assertEquals(0.8, ACCURACY.compute(logits, labels), 1e-15);
        assertEquals(0.8, ACCURACY.compute(logits.reshape(5, 1), labels), 1e-15);
        assertEquals(0.8, ACCURACY.compute(logits.reshape(5, 1), labels.reshape(5, 1)), 1e-15);
        assertEquals(0.8, ACCURACY.compute(logits, labels.reshape(5, 1)), 1e-15);
    }

    @Test
    void accuracyRejectsShapesThatDoNotFitAndLabelsThatAreNotClasses() {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> ACCURACY.compute(Tensor.zeros(4, 3), Tensor.zeros(5)));
        assertEquals("accuracy: prediction [4, 3] does not fit labels [5]; pass logits [N, C] with class labels [N],"
                + " or one logit per sample ([N] or [N, 1]) with 0/1 labels of the same length", shape.getMessage());
        assertEquals("accuracy: label 3.0 at position 1 is not a class index in [0, 3); labels must be integral class"
                + " indices", assertThrows(IllegalArgumentException.class,
                        () -> ACCURACY.compute(Tensor.zeros(2, 3), Tensor.vector(0, 3))).getMessage());
        assertEquals("accuracy: label 0.5 at position 0 is not 0 or 1; labels must be integral class indices",
                assertThrows(IllegalArgumentException.class,
                        () -> ACCURACY.compute(Tensor.zeros(2), Tensor.vector(0.5, 1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ACCURACY.compute(Tensor.zeros(2, 3), Tensor.zeros(2, 3)));
    }

    @Test
    void maeAndRmseOnAHandComputedCase() {
        Tensor prediction = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor target = Tensor.of(new double[] {1, 4, 0, 4}, 2, 2);   // errors 0, -2, 3, 0
        assertEquals(5.0 / 4, Metrics.mae().compute(prediction, target), 1e-15);
        assertEquals(Math.sqrt(13.0 / 4), Metrics.rmse().compute(prediction, target), 1e-15);
    }

    @Test
    void maeAndRmseRefuseToBroadcastAndSuggestTheReshape() {
        assertEquals("mae: prediction [8, 1] and target [8] have different shapes; call target.reshape(8, 1) or reshape"
                + " the model's output to [8]", assertThrows(IllegalArgumentException.class,
                        () -> Metrics.mae().compute(Tensor.zeros(8, 1), Tensor.zeros(8))).getMessage());
        assertEquals("rmse: prediction [8] and target [8, 1] have different shapes; call target.reshape(8)",
                assertThrows(IllegalArgumentException.class,
                        () -> Metrics.rmse().compute(Tensor.zeros(8), Tensor.zeros(8, 1))).getMessage());
        assertEquals("rmse: prediction [2, 3] and target [3, 2] have different shapes; they must be equal",
                assertThrows(IllegalArgumentException.class,
                        () -> Metrics.rmse().compute(Tensor.zeros(2, 3), Tensor.zeros(3, 2))).getMessage());
    }
}
