package io.gradgen.losses.secondorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.LossFunction;
import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import io.gradgen.autograd.GradCheck;
import io.gradgen.losses.BCEWithLogitsLoss;
import io.gradgen.losses.CrossEntropyLoss;
import io.gradgen.losses.HuberLoss;
import io.gradgen.losses.KLDivLoss;
import io.gradgen.losses.L1Loss;
import io.gradgen.losses.MSELoss;
import io.gradgen.losses.PoissonNLLLoss;
import io.gradgen.losses.SmoothL1Loss;
import io.gradgen.losses.SoftMarginLoss;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's second derivatives against their closed forms, and {@link GradCheck#checkSecondOrder}
 * on them (which must also fail for a wrong Hessian).
 */
class SecondOrderCatalogueTest {
    private static final double[] X = {-1.7, -0.3, 0.4, 2.2};
    private static final double[] Y = {0.0, 1.0, 1.0, 0.0};

    private static double[][] gh(SecondOrderLoss loss, Tensor pred, Tensor... others) {
        double[] g = new double[pred.numel()];
        double[] h = new double[pred.numel()];
        loss.gradientAndHessian(pred, g, h, others);
        return new double[][] {g, h};
    }

    private static Tensor t(double... v) {
        return Tensor.of(v, v.length);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void mseHasAConstantCurvatureOfTwo() {
        double[][] gh = gh(new MSELoss(), t(X), t(Y));
        for (int i = 0; i < X.length; i++) {
            assertEquals(2 * (X[i] - Y[i]), gh[0][i], 1e-15);
            assertEquals(2.0, gh[1][i], 0.0);
        }
    }

    @Test
    void bceWithLogitsIsSigmoidMinusTargetAndSigmoidTimesItsComplement() {
        double[][] gh = gh(new BCEWithLogitsLoss(), t(X), t(Y));
        for (int i = 0; i < X.length; i++) {
            double p = sigmoid(X[i]);
            assertEquals(p - Y[i], gh[0][i], 1e-15);
            assertEquals(p * (1 - p), gh[1][i], 1e-15);
        }
    }

    @Test
    void crossEntropyIsSoftmaxMinusOnehotAndPTimesOneMinusP() {
        double[] logits = {1.0, -0.5, 2.0, 0.3, 0.3, -1.0};
        double[][] gh = gh(new CrossEntropyLoss(), Tensor.of(logits, 2, 3), t(2, 0));
        int[] target = {2, 0};
        for (int n = 0; n < 2; n++) {
            double z = 0;
            for (int c = 0; c < 3; c++) {
                z += Math.exp(logits[n * 3 + c]);
            }
            for (int c = 0; c < 3; c++) {
                double p = Math.exp(logits[n * 3 + c]) / z;
                assertEquals(p - (c == target[n] ? 1 : 0), gh[0][n * 3 + c], 1e-15);
                assertEquals(p * (1 - p), gh[1][n * 3 + c], 1e-15);
            }
        }
    }

    @Test
    void huberIsOneInsideDeltaAndZeroOutside() {
        double[][] gh = gh(new HuberLoss().withReduction(io.gradgen.annotations.Reduction.SUM), t(0.2, -3.0, 0.9),
                t(0, 0, 0));
        assertEquals(1.0, gh[1][0], 0.0);
        assertEquals(0.0, gh[1][1], 0.0);
        assertEquals(1.0, gh[1][2], 0.0);
        assertEquals(-1.0, gh[0][1], 0.0);
    }

    @Test
    void smoothL1CurvesByOneOverBeta() {
        double[][] gh = gh(new SmoothL1Loss(0.5), t(0.1, 2.0), t(0, 0));
        assertEquals(2.0, gh[1][0], 1e-15);
        assertEquals(0.0, gh[1][1], 0.0);
    }

    @Test
    void l1HasNoCurvature() {
        double[][] gh = gh(new L1Loss(), t(X), t(Y));
        for (double h : gh[1]) {
            assertEquals(0.0, h, 0.0);
        }
    }

    @Test
    void poissonWithLogInputCurvesByTheRate() {
        double[][] gh = gh(new PoissonNLLLoss(), t(X), t(3, 1, 0, 2));
        double[] y = {3, 1, 0, 2};
        for (int i = 0; i < X.length; i++) {
            assertEquals(Math.exp(X[i]) - y[i], gh[0][i], 1e-14);
            assertEquals(Math.exp(X[i]), gh[1][i], 1e-14);
        }
    }

    @Test
    void softMarginIsTheLogisticCurvature() {
        double[] y = {1, -1, 1, -1};
        double[][] gh = gh(new SoftMarginLoss(), t(X), t(y));
        for (int i = 0; i < X.length; i++) {
            double s = sigmoid(-y[i] * X[i]);
            assertEquals(-y[i] * s, gh[0][i], 1e-15);
            assertEquals(s * (1 - s), gh[1][i], 1e-15);
        }
    }

    @Test
    void gradCheckPassesOnTheCatalogue() {
        Tensor x = t(X);
        assertTrue(GradCheck.checkSecondOrder(new MSELoss(), x, t(Y)).passed());
        assertTrue(GradCheck.checkSecondOrder(new BCEWithLogitsLoss(), x, t(Y)).passed());
        assertTrue(GradCheck.checkSecondOrder(new KLDivLoss(), t(-1.2, -0.5, -2.0, -0.1), t(0.2, 0.3, 0.1, 0.4))
                .passed());
        assertTrue(GradCheck.checkSecondOrder(new CrossEntropyLoss(), Tensor.of(new double[] {1, -0.5, 2, 0.3}, 2, 2),
                t(1, 0)).passed());
    }

    @Test
    void gradCheckFailsForAWrongHessian() {
        SecondOrderLoss wrong = new SecondOrderLoss() {
            private final MSELoss mse = new MSELoss();

            @Override
            public Tensor forward(Tensor... inputs) {
                return mse.forward(inputs);
            }

            @Override
            public LossFunction withReduction(io.gradgen.annotations.Reduction reduction) {
                return mse.withReduction(reduction);
            }

            @Override
            public void gradientAndHessian(Tensor pred, double[] grad, double[] hessian, Tensor... others) {
                mse.gradientAndHessian(pred, grad, hessian, others);
                hessian[1] = 3.0;
            }
        };
        GradCheck.SecondOrderResult result = GradCheck.checkSecondOrder(wrong, t(X), t(Y));
        assertTrue(result.gradient().passed());
        assertFalse(result.hessian().passed());
        assertEquals(1, result.hessian().failedElements());
    }
}
