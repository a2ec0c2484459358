package io.gradgen.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ContrastiveEmbeddingTest {

    @Test
    void ntXentTrainingSeparatesTheHiddenClusters() {
        ContrastiveEmbedding.Result r = ContrastiveEmbedding.run(new Random(7), false);
        assertTrue(r.lastLoss() < r.firstLoss() - 0.5, "loss " + r.firstLoss() + " → " + r.lastLoss());
        // the nuisance coordinates hide the clusters from the inputs and from a random encoder
        assertTrue(r.raw().knnAccuracy() < 0.6, r.raw().toString());
        assertTrue(r.before().knnAccuracy() < 0.6, r.before().toString());
        assertTrue(r.after().knnAccuracy() > 0.95, r.after().toString());
        double gapBefore = r.before().withinCosine() - r.before().betweenCosine();
        double gapAfter = r.after().withinCosine() - r.after().betweenCosine();
        assertTrue(gapAfter > gapBefore + 0.5, "cosine gap " + gapBefore + " → " + gapAfter);
    }

    @Test
    void separationMeasuresCosineNeighbourhoods() {
        // two tight groups of four pointing in opposite directions: each point's 5 nearest are
        // its 3 companions and 2 of the others, a majority of its own cluster
        double[] rows = {1, 0, 1, 0.1, 1, -0.1, 1, 0.05, -1, 0, -1, 0.1, -1, -0.1, -1, 0.05};
        ContrastiveEmbedding.Separation s = ContrastiveEmbedding.separation(rows, 2, new int[] {0, 0, 0, 0, 1, 1, 1, 1});
        assertEquals(1.0, s.knnAccuracy(), 0.0);
        assertEquals(1.0, s.withinCosine(), 0.02);
        assertEquals(-1.0, s.betweenCosine(), 0.02);
    }

    @Test
    void batchesAreDistinctIndices() {
        int[] batch = ContrastiveEmbedding.sample(new Random(1), 10, 10);
        assertEquals(45, java.util.Arrays.stream(batch).sum());
        assertEquals(10, java.util.Arrays.stream(batch).distinct().count());
    }
}
