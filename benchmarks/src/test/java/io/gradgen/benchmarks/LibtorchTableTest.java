package io.gradgen.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The libtorch table's ratios and its absence from runs without libtorch, on made-up scores. */
class LibtorchTableTest {

    @Test
    void ratioIsLibtorchOverCatalogueAndGoalIsTwo() {
        Map<String, Double> s = new HashMap<>();
        s.put("libtorchHuber@100000", 0.30);
        s.put("catalogueHuber@100000", 0.10);
        s.put("libtorchCrossEntropy@4096x1000", 6.0);
        s.put("catalogueCrossEntropy@4096x1000", 4.0);
        s.put("catalogueMse@1000000", 0.5);
        String table = LibtorchTable.render(s);
        // 0.30 / 0.10 = 3.00 meets the goal; 6.0 / 4.0 = 1.50 does not
        assertTrue(table.contains("Huber, 1e5                      0.300      0.100             3.00   met"), table);
        assertTrue(table.contains("cross-entropy, 4096×1000        6.000      4.000             1.50    no"), table);
        // a row with only one side measured has no ratio
        assertTrue(table.contains("MSE, 1e6                            -      0.500                -     -"), table);
    }

    @Test
    void runWithoutLibtorchPrintsNothing() {
        Map<String, Double> s = new HashMap<>();
        s.put("catalogueHuber@100000", 0.10);
        assertEquals("", LibtorchTable.render(s));
    }

    @Test
    void threadsAreOnePerCoreUnlessTheProperty() {
        String key = "gradgen.libtorch.threads";
        String before = System.getProperty(key);
        try {
            System.clearProperty(key);
            assertEquals(Runtime.getRuntime().availableProcessors(), LibtorchTable.threads());
            System.setProperty(key, "1");
            assertEquals(1, LibtorchTable.threads());
            System.setProperty(key, "0");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, LibtorchTable::threads);
            assertTrue(e.getMessage().contains("-Dgradgen.libtorch.threads=2"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
