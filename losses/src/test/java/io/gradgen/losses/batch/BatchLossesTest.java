package io.gradgen.losses.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.losses.BatchHardTripletLoss;
import io.gradgen.losses.ChamferLoss;
import io.gradgen.losses.ClipLoss;
import io.gradgen.losses.NTXentLoss;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The catalogue's batch losses held to {@link BatchReference} (independent, matrix-form
 * implementations of the published formulas): the forward to its value, every gradient element to
 * central differences of the reference; and to values derived by hand on inputs whose similarities
 * or distances are exact.
 */
class BatchLossesTest {
    /** A reference loss of the batch's {@code double[][]} inputs, in the order the loss takes them. */
    @FunctionalInterface
    interface Reference {
        double of(double[][]... rows);
    }

    private static double[][] random(Random rng, int rows, int cols) {
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return x;
    }

    private static double[][][] copy(double[][]... inputs) {
        double[][][] c = new double[inputs.length][][];
        for (int k = 0; k < inputs.length; k++) {
            c[k] = new double[inputs[k].length][];
            for (int b = 0; b < inputs[k].length; b++) {
                c[k][b] = inputs[k][b].clone();
            }
        }
        return c;
    }

    /**
     * Runs {@code loss} forward and backward on {@code inputs} (with {@code labels} appended after
     * the first input when given) and compares the value with {@code reference} and each gradient
     * element with the reference's central difference.
     */
    private static void holdsToReference(LossFunction loss, Reference reference, int[] labels, double[][]... inputs) {
        Tensor[] rows = new Tensor[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            rows[k] = Tensor.of(inputs[k]).requiresGrad(true);
        }
        Tensor[] arguments = labels == null ? rows : new Tensor[] {rows[0], Tensor.labels(labels)};
        Tensor out = loss.forward(arguments);
        assertEquals(0, out.shape().length, "a batch loss returns a 0-dim tensor");
        double expected = reference.of(copy(inputs));
        assertEquals(expected, out.item(), 1e-12 * Math.max(1, Math.abs(expected)), "value");
        out.backward();
        double h = 1e-6;
        for (int k = 0; k < inputs.length; k++) {
            double[] grad = rows[k].grad().toArray();
            int cols = inputs[k][0].length;
            for (int b = 0; b < inputs[k].length; b++) {
                for (int j = 0; j < cols; j++) {
                    double[][][] up = copy(inputs);
                    double[][][] down = copy(inputs);
                    up[k][b][j] += h;
                    down[k][b][j] -= h;
                    double numeric = (reference.of(up) - reference.of(down)) / (2 * h);
                    assertEquals(numeric, grad[b * cols + j], 1e-6 * Math.max(1, Math.abs(numeric)),
                            "∂loss/∂input" + k + "[" + b + "][" + j + "]");
                }
            }
        }
    }

    @ParameterizedTest(name = "temperature {0}")
    @ValueSource(doubles = {0.5, 0.1, 2.0})
    void ntXentMatchesSimClrsConcatenatedForm(double temperature) {
        Random rng = new Random(11);
        holdsToReference(new NTXentLoss(temperature), z -> BatchReference.ntXent(z[0], z[1], temperature), null,
                random(rng, 6, 4), random(rng, 6, 4));
    }

    @Test
    void ntXentOfOrthonormalViewsHasItsClosedForm() {
        // each anchor: positive cosine 1, its two negatives cosine 0, so ℓ = log(e^{1/τ} + 2) − 1/τ
        double[][] views = {{1, 0}, {0, 1}};
        double value = new NTXentLoss().forward(Tensor.of(views), Tensor.of(new double[][] {{3, 0}, {0, 0.5}})).item();
        assertEquals(Math.log(Math.exp(2) + 2) - 2, value, 1e-15);
    }

    @Test
    void ntXentIsSymmetricInItsViewsAndBlindToRowScale() {
        Random rng = new Random(5);
        double[][] z1 = random(rng, 5, 3);
        double[][] z2 = random(rng, 5, 3);
        double[][] scaled = copy(z1)[0];
        for (int j = 0; j < 3; j++) {
            scaled[2][j] *= 7.5;
        }
        NTXentLoss loss = new NTXentLoss(0.2);
        double value = loss.forward(Tensor.of(z1), Tensor.of(z2)).item();
        assertEquals(value, loss.forward(Tensor.of(z2), Tensor.of(z1)).item(), 1e-13);
        assertEquals(value, loss.forward(Tensor.of(scaled), Tensor.of(z2)).item(), 1e-13);
    }

    @ParameterizedTest(name = "temperature {0}")
    @ValueSource(doubles = {0.07, 1.0})
    void clipMatchesItsPaperPseudocode(double temperature) {
        Random rng = new Random(3);
        holdsToReference(new ClipLoss(temperature), z -> BatchReference.clip(z[0], z[1], temperature), null,
                random(rng, 5, 3), random(rng, 5, 3));
    }

    @Test
    void clipOfMatchedOrthonormalPairsHasItsClosedForm() {
        // logits diag(1/τ): each cross-entropy is log(e^{1/τ} + 1) − 1/τ
        double[][] pairs = {{1, 0}, {0, 1}};
        double value = new ClipLoss(0.5).forward(Tensor.of(pairs), Tensor.of(pairs)).item();
        assertEquals(Math.log(Math.exp(2) + 1) - 2, value, 1e-15);
    }

    @ParameterizedTest(name = "margin {0}")
    @ValueSource(doubles = {0.2, 1.0, 3.0})
    void batchHardTripletMatchesTheMaskedDistanceMatrix(double margin) {
        Random rng = new Random(17);
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1, 2, 2};
        holdsToReference(new BatchHardTripletLoss(margin),
                x -> BatchReference.batchHardTriplet(x[0], labels, margin), labels, random(rng, 10, 3));
    }

    @Test
    void batchHardTripletOnALineHasItsHandValue() {
        // points 0, 1 (class 0) and 3, 4 (class 1), margin 1.5: hardest positive 1 for each anchor,
        // hardest negatives 3, 2, 2, 3: hinges 0, 0.5, 0.5, 0, mean 0.25. Anchor 1's term
        // |x1 − x0| − |x1 − x2| has gradient (−1, 2, −1, 0), anchor 2's |x2 − x3| − |x2 − x1|
        // (0, 1, −2, 1); their sum over B = 4
        Tensor x = Tensor.of(new double[][] {{0}, {1}, {3}, {4}}).requiresGrad(true);
        Tensor out = new BatchHardTripletLoss(1.5).forward(x, Tensor.labels(new int[] {0, 0, 1, 1}));
        out.backward();
        assertEquals(0.25, out.item(), 1e-15);
        assertArrayEquals(new double[] {-0.25, 0.75, -0.75, 0.25}, x.grad().toArray(), 1e-15);
    }

    @Test
    void anAnchorWithoutNegativesContributesNothing() {
        Tensor x = Tensor.of(new double[][] {{0, 0}, {1, 1}}).requiresGrad(true);
        Tensor out = new BatchHardTripletLoss().forward(x, Tensor.labels(new int[] {4, 4}));
        out.backward();
        assertEquals(0.0, out.item());
        assertArrayEquals(new double[] {0, 0, 0, 0}, x.grad().toArray(), 0.0);
    }

    @Test
    void chamferMatchesPyTorch3dsDefinitionOnSetsOfDifferentSizes() {
        Random rng = new Random(23);
        holdsToReference(new ChamferLoss(), p -> BatchReference.chamfer(p[0], p[1]), null,
                random(rng, 5, 3), random(rng, 8, 3));
    }

    @Test
    void chamferOfTinySetsHasItsHandValue() {
        // from a: nearest squared distances 1 and 2, mean 1.5; from b: 1; total 2.5
        double value = new ChamferLoss().forward(Tensor.of(new double[][] {{0, 0}, {1, 0}}),
                Tensor.of(new double[][] {{0, 1}})).item();
        assertEquals(2.5, value, 0.0);
        assertEquals(0.0, new ChamferLoss().forward(Tensor.of(new double[][] {{1, 2}, {3, 4}}),
                Tensor.of(new double[][] {{3, 4}, {1, 2}, {1, 2}})).item(), 0.0);
    }

    @Test
    void batchLossesHaveNoReduction() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new NTXentLoss().withReduction(Reduction.SUM));
        assertTrue(e.getMessage().contains("batch loss"), e.getMessage());
    }

    @Test
    void optionsAreCheckedWhereTheyAreGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NTXentLoss(0.0));
        assertEquals("NTXentLoss: temperature must be > 0, got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClipLoss(-1));
    }

    @Test
    void viewsOfDifferentBatchSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NTXentLoss()
                .forward(Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}), Tensor.of(new double[][] {{1, 2}, {3, 4}})));
        assertTrue(e.getMessage().contains("z2"), e.getMessage());
    }
}
