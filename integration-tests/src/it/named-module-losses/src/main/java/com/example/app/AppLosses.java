package com.example.app;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.annotations.Reduction;

final class AppLosses {
    private AppLosses() {
    }

    /** log-cosh, smooth everywhere: log(cosh(pred - target)). */
    @Loss
    static double logCosh(double pred, double target) {
        double d = pred - target;
        return Math.log(Math.cosh(d));
    }

    /** Cross-entropy over a row of logits, summed over the batch. */
    @Loss(reduction = Reduction.SUM, name = "SummedCrossEntropy")
    static double crossEntropy(double[] logits, int target, @Param(1.0) double scale) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            m = Math.max(m, scale * logits[i]);
        }
        double s = 0;
        for (int i = 0; i < logits.length; i++) {
            s += Math.exp(scale * logits[i] - m);
        }
        return m + Math.log(s) - scale * logits[target];
    }
}
