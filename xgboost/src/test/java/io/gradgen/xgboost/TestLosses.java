package io.gradgen.xgboost;

import static io.gradgen.Functions.logSigmoid;
import static io.gradgen.Functions.sigmoid;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;

/** Losses XGBoost has no built-in objective for, compiled by gradgen's processor for the tests. */
final class TestLosses {
    private TestLosses() {
    }

    /**
     * Binary focal loss on a logit (Lin et al., 2017): cross-entropy down-weighted by
     * {@code (1 − p_t)^γ} on examples the model already gets right. Its second derivative turns
     * negative on confident predictions, which the objective's Hessian floor absorbs.
     */
    @Loss(name = "FocalLoss")
    static double focal(double logit, double target, @Param(2.0) double gamma) {
        double p = sigmoid(logit);
        return -target * Math.pow(1 - p, gamma) * logSigmoid(logit)
                - (1 - target) * Math.pow(p, gamma) * logSigmoid(-logit);
    }
}
