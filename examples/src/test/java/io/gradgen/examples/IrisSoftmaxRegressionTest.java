package io.gradgen.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Tensor;
import io.gradgen.train.History;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

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
        assertEquals(99, r.trainSize());
        assertEquals(21, r.validationSize());
        assertEquals(30, r.testSize());
        assertTrue(r.finalLoss() < r.initialLoss() / 4, "loss fell from " + r.initialLoss() + " to " + r.finalLoss());
        assertTrue(r.trainAccuracy() >= 0.9, "train accuracy " + r.trainAccuracy());
        assertTrue(r.validationAccuracy() >= 0.9, "validation accuracy " + r.validationAccuracy());
        assertTrue(r.testAccuracy() >= 0.9, "test accuracy " + r.testAccuracy());
    }

    @Test
    void theModelComesBackWithItsBestValidationEpochsWeights() {
        IrisSoftmaxRegression.Result r = IrisSoftmaxRegression.train(new Random(IrisSoftmaxRegression.SEED), false);
        History h = r.history();
        assertTrue(h.epochs() <= IrisSoftmaxRegression.EPOCHS);
        double[] validation = h.validationLosses();
        for (double v : validation) {
            assertTrue(validation[h.bestEpoch()] <= v);
        }
        assertEquals(r.validationAccuracy(), h.metric("accuracy")[h.bestEpoch()], 0.0,
                "the returned model scores on validation what the best epoch scored");
        assertTrue(h.losses()[h.epochs() - 1] < h.losses()[0] / 2, java.util.Arrays.toString(h.losses()));
    }

    @Test
    void confusionMatrixCountsEveryTestFlowerOnceAndItsDiagonalIsTheAccuracy() {
        IrisSoftmaxRegression.Result r = IrisSoftmaxRegression.train(new Random(IrisSoftmaxRegression.SEED), false);
        int[][] m = r.confusion();
        assertEquals(3, m.length);
        int diagonal = 0;
        for (int row = 0; row < 3; row++) {
            assertEquals(10, java.util.Arrays.stream(m[row]).sum(), "ten test flowers of species " + row);
            diagonal += m[row][row];
        }
        assertEquals(r.testAccuracy(), diagonal / 30.0, 1e-15);
    }

    @Test
    void confusionMatrixIsPrintedWithSpeciesHeadings() {
        String table = IrisSoftmaxRegression.formatConfusion(new int[][] {{10, 0, 0}, {0, 9, 1}, {0, 2, 8}},
                List.of("setosa", "versicolor", "virginica"));
        String nl = System.lineSeparator();
        assertEquals("                  setosa  versicolor   virginica" + nl
                + "      setosa          10           0           0" + nl
                + "  versicolor           0           9           1" + nl
                + "   virginica           0           2           8" + nl, table);
    }

    @Test
    void mainWritesALossCurveChartAndTheHistory(@TempDir Path dir) throws Exception {
        Path chart = dir.resolve("out/iris.svg");
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            IrisSoftmaxRegression.main(new String[] {chart.toString()});
        } finally {
            System.setOut(out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epoch 1/150  loss "), "a progress line per epoch: " + text);
        assertTrue(text.contains("confusion matrix"), text);
        assertTrue(text.contains(chart.toAbsolutePath().toString()), "prints where the chart is: " + text);

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document svg = factory.newDocumentBuilder().parse(chart.toFile());
        assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getNamespaceURI());
        assertEquals(2, svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength());
        List<String> csv = Files.readAllLines(dir.resolve("out/iris.csv"));
        assertEquals("epoch,loss,validation_loss,accuracy", csv.get(0));
        assertTrue(csv.size() > 1);
    }

    @Test
    void twoRunsWithTheSameSeedAreIdentical() {
        History a = IrisSoftmaxRegression.train(new Random(7), false).history();
        History b = IrisSoftmaxRegression.train(new Random(7), false).history();
        assertArrayEquals(a.losses(), b.losses(), 0.0);
        assertArrayEquals(a.validationLosses(), b.validationLosses(), 0.0);
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
