package com.example.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FitTest {
    @Test
    void theGeneratedHuberLossFitsTheLine() {
        double[] wb = Fit.train();
        assertEquals(2.0, wb[0], 1e-3);
        assertEquals(1.0, wb[1], 1e-3);
    }
}
