package com.example.ecj;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;

/** Losses through the helpers, for javac and for Eclipse's compiler alike. */
final class Losses {
    private Losses() {
    }

    /** A robust regression loss. */
    @Loss
    static double logCosh(double pred, double target, @Param(1.0) double scale) {
        return scale * Smooth.logCosh(pred - target);
    }

    /** Cross-entropy of a row of logits through the row-valued softmax helper. */
    @Loss
    static double softmaxCrossEntropy(double[] logits, int target) {
        double[] p = Smooth.softmax(logits);
        return -Math.log(p[target]);
    }
}
