package io.gradgen.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's arithmetic and layout, on made-up scores (no benchmark runs during the build). */
class RatioTableTest {

    @Test
    void ratiosAndBandwidthComeFromTheScores() {
        Map<String, Double> s = new HashMap<>();
        s.put("generatedMse@10000000", 10.0);
        s.put("composedMse@10000000", 80.0);
        s.put("handMseSerial@10000000", 8.0);
        s.put("handMseParallel@10000000", 5.0);
        s.put("triad", 6.0);
        s.put("tutorialStep", 1_234_567.0);
        String table = RatioTable.render(s);
        // gen/hand 1.25, gen/best 2.00, comp/gen 8.00
        assertTrue(table.contains("|      1.25      2.00      8.00"), table);
        // triad: 24 B × 1e7 in 6 ms = 40 GB/s; generated MSE: 24 B × 1e7 in 10 ms = 24 GB/s = 0.6 of it
        assertTrue(table.contains("40.0 GB/s"), table);
        assertTrue(table.contains("generated                    24.0      0.600"), table);
        assertTrue(table.contains("1,234,567"), table);
        assertTrue(table.contains("Huber   10000000          -          -"), table);
    }

    @Test
    void goalTableSetsCatalogueAgainstTheFasterHandLoopInBothTypes() {
        Map<String, Double> s = new HashMap<>();
        s.put("catalogueHuber@100000", 0.30);
        s.put("handHuberSerial@100000", 0.12);
        s.put("handHuberParallel@100000", 0.20);
        s.put("catalogueHuber32@100000", 0.15);
        s.put("handHuber32Serial@100000", 0.10);
        s.put("tutorialStep", 2_000_000.0);
        Map<String, Double> alloc = new HashMap<>();
        alloc.put("catalogueHuber@100000", 600.0);
        String table = GoalTable.render(s, alloc);
        // 0.30 / 0.12 = 2.50 against the serial loop; 0.15 / 0.10 = 1.50; f64 ÷ f32 = 2.00
        assertTrue(table.contains("Huber, 1e5               |     0.300     0.120   2.50     600 |     0.150"
                + "     0.100   1.50       - |    2.00"), table);
        assertTrue(table.contains("BCE with logits, 1e7     |         -         -      -       - |"), table);
        assertTrue(table.contains("fixed cost of one autograd step: 0.500 µs"), table);
    }

    @Test
    void gigabytesPerSecond() {
        assertEquals(24.0, RatioTable.gbs(24, 10_000_000, 10.0), 1e-12);
    }
}
