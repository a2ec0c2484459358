package com.example.losses.regression;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.annotations.Reduction;

/** PyTorch's custom-loss tutorial and Huber, as a user would write them. */
public final class RegressionLosses {

    private RegressionLosses() {}

    /** ((y_pred - y_true) ** 2).sum() */
    @Loss(reduction = Reduction.SUM)
    public static double customLoss(double yPred, double yTrue) {
        return Math.pow(yPred - yTrue, 2);
    }

    @Loss
    public static double huber(double pred, double target, @Param(1.0) double delta) {
        double d = Math.abs(pred - target);
        return d <= delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
    }
}
