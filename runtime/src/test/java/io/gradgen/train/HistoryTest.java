package io.gradgen.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History's accessors and its CSV. */
class HistoryTest {

    static EpochResult epoch(int index, double loss, double validation, double accuracy, double mae) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", accuracy);
        metrics.put("mae, scaled", mae);
        return new EpochResult(index, loss, validation, metrics);
    }

    static final History HISTORY = new History(List.of(
            epoch(0, 1.25, 1.5, 0.5, 0.1),
            epoch(1, 0.1 + 0.2, 0.75, 0.75, Double.NaN),
            epoch(2, 1e-20, Double.POSITIVE_INFINITY, 1.0, 3)),
            List.of("accuracy", "mae, scaled"), true, 1, false);

    @Test
    void arraysAreIndexedByEpochAndCopied() {
        assertArrayEquals(new double[] {1.25, 0.1 + 0.2, 1e-20}, HISTORY.losses(), 0.0);
        assertArrayEquals(new double[] {1.5, 0.75, Double.POSITIVE_INFINITY}, HISTORY.validationLosses(), 0.0);
        assertArrayEquals(new double[] {0.5, 0.75, 1.0}, HISTORY.metric("accuracy"), 0.0);
        assertEquals(3, HISTORY.epochs());
        assertEquals(1, HISTORY.bestEpoch());
        assertEquals(List.of("accuracy", "mae, scaled"), HISTORY.metricNames());
        assertNotSame(HISTORY.losses(), HISTORY.losses());
        HISTORY.losses()[0] = 99;
        assertEquals(1.25, HISTORY.losses()[0], 0.0);
        assertEquals(0.75, HISTORY.epoch(1).metric("accuracy"), 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> HISTORY.epoch(3));
    }

    @Test
    void anUnknownMetricNameListsTheKnownOnes() {
        assertEquals("no metric \"acc\" in this history; known metrics: \"accuracy\", \"mae, scaled\"",
                assertThrows(IllegalArgumentException.class, () -> HISTORY.metric("acc")).getMessage());
        History none = new History(List.of(new EpochResult(0, 1, Double.NaN, Map.of())), List.of(), false, 0, false);
        assertEquals("no metric \"accuracy\" in this history; no metrics were added; add one with .metric(name, metric)"
                + " before fit()", assertThrows(IllegalArgumentException.class, () -> none.metric("accuracy"))
                        .getMessage());
    }

    @Test
    void csvHasTheHeaderAndOneRoundTrippableRowPerEpochWithNaNEmpty(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/history.csv");
        HISTORY.writeCsv(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of(
                "epoch,loss,validation_loss,accuracy,\"mae, scaled\"",
                "0,1.25,1.5,0.5,0.1",
                "1,0.30000000000000004,0.75,0.75,",
                "2,1.0E-20,Infinity,1.0,3.0"), lines);
        String[] row = lines.get(2).split(",", -1);
        assertEquals(0.1 + 0.2, Double.parseDouble(row[1]), 0.0, "Double.toString reads back exactly");
        assertEquals("", row[4]);
    }

    @Test
    void epochResultKeepsMetricOrderAndIsUnmodifiable() {
        EpochResult e = epoch(0, 1, 2, 3, 4);
        assertEquals(List.of("accuracy", "mae, scaled"), List.copyOf(e.metrics().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> e.metrics().put("x", 1.0));
        assertThrows(IllegalArgumentException.class, () -> new EpochResult(-1, 0, 0, Map.of()));
        assertEquals("no metric \"rmse\" in this epoch; known metrics: \"accuracy\", \"mae, scaled\"",
                assertThrows(IllegalArgumentException.class, () -> e.metric("rmse")).getMessage());
    }

    @Test
    void toStringSummarisesTheLastEpoch() {
        assertEquals("History[3 epochs, best 1, loss 1.0E-20, validation loss Infinity, accuracy 1.0, mae, scaled 3.0]",
                HISTORY.toString());
        assertTrue(new History(List.of(new EpochResult(0, 1, Double.NaN, Map.of())), List.of(), false, 0, true)
                .toString().endsWith("stopped early]"));
    }
}
