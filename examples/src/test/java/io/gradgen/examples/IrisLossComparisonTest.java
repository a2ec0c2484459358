package io.gradgen.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrisLossComparisonTest {

    @Test
    void everyCatalogueLossLearnsIris() {
        List<IrisLossComparison.Outcome> outcomes = IrisLossComparison.compare(IrisSoftmaxRegression.SEED);
        assertEquals(3, outcomes.size());
        for (IrisLossComparison.Outcome o : outcomes) {
            assertTrue(o.finalLoss() < o.initialLoss() / 2, o.name() + ": loss fell from " + o.initialLoss()
                    + " to " + o.finalLoss());
            assertTrue(o.trainAccuracy() >= 0.85, o.name() + ": train accuracy " + o.trainAccuracy());
            assertTrue(o.testAccuracy() >= 0.9, o.name() + ": test accuracy " + o.testAccuracy());
        }
    }

    @Test
    void oneHotRowsMarkTheSpecies() {
        IrisSoftmaxRegression.Iris iris = IrisSoftmaxRegression.load();
        Tensor t = IrisLossComparison.oneHot(iris);
        assertEquals(150 * 3, t.numel());
        assertEquals(1.0, t.get(0, 0));
        assertEquals(1.0, t.get(50, 1));
        assertEquals(1.0, t.get(149, 2));
        assertEquals(150.0, t.sum().item());
    }

    @Test
    void theCandidatesAreGeneratedCatalogueClasses() {
        for (IrisLossComparison.Candidate c : IrisLossComparison.candidates()) {
            assertEquals("io.gradgen.losses", c.loss().getClass().getPackageName(), c.name());
        }
    }
}
