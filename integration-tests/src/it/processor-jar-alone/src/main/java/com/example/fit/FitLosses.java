package com.example.fit;

import io.gradgen.annotations.Differentiable;
import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;

/** A Huber loss written with a helper, as a user would. */
final class FitLosses {
    private FitLosses() {
    }

    @Differentiable
    static double half(double v) {
        return 0.5 * v;
    }

    @Loss
    static double huber(double pred, double target, @Param(1.0) double delta) {
        double d = Math.abs(pred - target);
        return d <= delta ? half(d * d) : delta * (d - half(delta));
    }
}
