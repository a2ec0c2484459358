package com.example.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainTest {
    @Test
    void runsInTheNamedModule() {
        assertEquals("com.example.app", Train.class.getModule().getName());
    }

    @Test
    void theGeneratedLogCoshLossFitsTheLine() {
        double[] wb = Train.fit();
        assertEquals(2.0, wb[0], 1e-3);
        assertEquals(1.0, wb[1], 1e-3);
    }

    @Test
    void theGeneratedCrossEntropyHasTheSoftmaxGradient() {
        double[] expected = new double[6];
        double[][] rows = {{1.0, 2.0, 0.5}, {-1.0, 0.0, 3.0}};
        int[] labels = {1, 2};
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (double v : rows[r]) {
                sum += Math.exp(v);
            }
            for (int c = 0; c < 3; c++) {
                expected[3 * r + c] = Math.exp(rows[r][c]) / sum - (c == labels[r] ? 1 : 0);
            }
        }
        assertArrayEquals(expected, Train.crossEntropyGradient(), 1e-12);
    }
}
