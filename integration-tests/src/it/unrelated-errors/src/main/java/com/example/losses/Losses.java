package com.example.losses;

import io.gradgen.annotations.Loss;

final class Losses {

    private Losses() {}

    @Loss
    static double squaredError(double pred, double target) {
        double d = pred - target;
        return d * d;
    }
}
