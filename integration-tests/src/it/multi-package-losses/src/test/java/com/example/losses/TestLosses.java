package com.example.losses;

import io.gradgen.annotations.Loss;

/** A loss among the test sources: the processor runs on test compilation too. */
final class TestLosses {

    private TestLosses() {}

    @Loss
    static double softL1(double pred, double target) {
        double r = pred - target;
        return Math.sqrt(1 + r * r) - 1;
    }
}
