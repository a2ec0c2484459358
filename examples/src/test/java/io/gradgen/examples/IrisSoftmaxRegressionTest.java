package io.gradgen.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IrisSoftmaxRegressionTest {

    @Test
    void shippedDataIsFishersIris() {
        IrisSoftmaxRegression.Iris iris = IrisSoftmaxRegression.load();
        assertEquals(150, iris.size());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.speciesNames());
        int[] counts = new int[3];
        for (int s : iris.species()) {
            counts[s]++;
        }
        assertArrayEquals(new int[] {50, 50, 50}, counts);
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, iris.features()[0]);
        assertArrayEquals(new double[] {7.0, 3.2, 4.7, 1.4}, iris.features()[50]);
        assertArrayEquals(new double[] {6.3, 3.3, 6.0, 2.5}, iris.features()[100]);
        assertArrayEquals(new double[] {5.9, 3.0, 5.1, 1.8}, iris.features()[149]);
        assertEquals(0, iris.species()[0]);
        assertEquals(1, iris.species()[50]);
        assertEquals(2, iris.species()[149]);
    }

    @Test
    void stratifiedSplitKeepsTenOfEachSpeciesForTesting() {
        IrisSoftmaxRegression.Iris iris = IrisSoftmaxRegression.load();
        List<List<Integer>> split = IrisSoftmaxRegression.stratifiedSplit(iris, new Random(42));
        assertEquals(120, split.get(0).size());
        assertEquals(30, split.get(1).size());
        int[] counts = new int[3];
        for (int row : split.get(1)) {
            counts[iris.species()[row]]++;
        }
        assertArrayEquals(new int[] {10, 10, 10}, counts);
        assertTrue(split.get(0).stream().noneMatch(split.get(1)::contains));
    }

    @Test
    void softmaxRegressionReachesNinetyPercentOnTheTestSplit() {
        IrisSoftmaxRegression.Result r = IrisSoftmaxRegression.train(new Random(IrisSoftmaxRegression.SEED), false);
        assertEquals(120, r.trainSize());
        assertEquals(30, r.testSize());
        assertTrue(r.finalLoss() < r.initialLoss() / 4, "loss fell from " + r.initialLoss() + " to " + r.finalLoss());
        assertTrue(r.trainAccuracy() >= 0.9, "train accuracy " + r.trainAccuracy());
        assertTrue(r.testAccuracy() >= 0.9, "test accuracy " + r.testAccuracy());
    }

    @Test
    void crossEntropyLossIsTheGeneratedRowLossWithSoftmaxMinusOneHotGradient() {
        Tensor logits = Tensor.of(new double[] {2, 0, -1, 1000, -1000, 0}, 2, 3).requiresGrad(true);
        Tensor species = Tensor.of(new double[] {0, 1}, 2);
        Tensor loss = new CrossEntropyLoss().forward(logits, species);
        double z = Math.exp(2) + 1 + Math.exp(-1);
        double expected = ((Math.log(z) - 2) + 2000) / 2;
        assertEquals(expected, loss.item(), 1e-12);
        assertInstanceOf(CrossEntropyLossBackward.class, loss.gradFn());
        loss.backward();
        double[] want = {
            (Math.exp(2) / z - 1) / 2, (1 / z) / 2, (Math.exp(-1) / z) / 2,
            1.0 / 2, -1.0 / 2, 0.0,
        };
        assertArrayEquals(want, logits.grad().toArray(), 1e-12);
    }
}
