package com.example.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.losses.regression.CustomLoss;
import com.example.losses.regression.HuberLoss;
import com.example.losses.regression.HuberLossBackward;
import com.example.losses.regression.RegressionLosses;
import com.example.losses.robust.LogCoshLoss;
import com.example.losses.robust.Welsch;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

class GeneratedLossesTest {

    private static final double[] PRED = {0.3, -1.7, 2.5, 0.05};
    private static final double[] TARGET = {0.1, 0.4, -0.5, 0.0};

    @Test
    void customLossGradientIsTwiceTheResidual() {
        Tensor pred = Tensor.of(PRED, 4).requiresGrad(true);
        Tensor target = Tensor.of(TARGET, 4);
        Tensor loss = new CustomLoss().forward(pred, target);
        double expected = 0;
        double[] expectedGrad = new double[4];
        for (int i = 0; i < 4; i++) {
            expected += RegressionLosses.customLoss(PRED[i], TARGET[i]);
            expectedGrad[i] = 2 * (PRED[i] - TARGET[i]);
        }
        assertEquals(expected, loss.item(), 1e-12);
        loss.backward();
        assertArrayEquals(expectedGrad, pred.grad().toArray(), 1e-12);
    }

    @Test
    void huberGradientMatchesCentralDifferences() {
        Tensor pred = Tensor.of(PRED, 2, 2).requiresGrad(true);
        Tensor target = Tensor.of(TARGET, 2, 2).requiresGrad(true);
        Tensor loss = new HuberLoss().forward(pred, target);
        assertTrue(loss.gradFn() instanceof HuberLossBackward);
        loss.backward();
        DoubleBinaryOperator plain = (p, t) -> RegressionLosses.huber(p, t, 1.0) / PRED.length;
        assertArrayEquals(centralDifferences(plain, true), pred.grad().toArray(), 1e-7);
        assertArrayEquals(centralDifferences(plain, false), target.grad().toArray(), 1e-7);
    }

    @Test
    void lossesFromOtherPackagesAndTheTestSourcesWork() {
        Tensor pred = Tensor.of(PRED, 4).requiresGrad(true);
        Tensor target = Tensor.of(TARGET, 4);
        Tensor perElement = new LogCoshLoss().forward(pred, target);
        assertArrayEquals(new int[] {4}, perElement.shape());
        perElement.sum().backward();
        for (int i = 0; i < 4; i++) {
            double d = PRED[i] - TARGET[i];
            assertEquals(Math.log(Math.cosh(d)), perElement.get(i), 1e-12);
            assertEquals(Math.tanh(d), pred.grad().get(i), 1e-12);
        }

        LossFunction[] generic = {new Welsch(2.0), new SoftL1Loss(), new HuberLoss(0.5)};
        for (LossFunction loss : generic) {
            Tensor p = Tensor.of(PRED, 4).requiresGrad(true);
            loss.forward(p, target).backward();
            assertEquals(4, p.grad().numel(), loss.toString());
        }
    }

    @Test
    void trainsALinearModelLikeThePyTorchTutorial() {
        Random rng = new Random(7);
        Tensor x = Tensor.randn(rng, 32, 1);
        Tensor y = x.mul(3.0).add(Tensor.scalar(0.5));
        Linear model = new Linear(1, 1, rng);
        SGD optimizer = new SGD(model.parameters(), 0.01);
        CustomLoss lossFn = new CustomLoss();
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 200; step++) {
            Tensor loss = lossFn.forward(model.forward(x), y);
            if (step == 0) {
                first = loss.item();
            }
            last = loss.item();
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
        }
        assertTrue(last < 1e-6 * first, "loss went from " + first + " to " + last);
        assertEquals(3.0, model.weight().item(), 1e-3);
        assertEquals(0.5, model.bias().item(), 1e-3);
    }

    private static double[] centralDifferences(DoubleBinaryOperator f, boolean first) {
        double h = 1e-6;
        double[] grad = new double[PRED.length];
        for (int i = 0; i < PRED.length; i++) {
            double p = PRED[i];
            double t = TARGET[i];
            grad[i] = first
                    ? (f.applyAsDouble(p + h, t) - f.applyAsDouble(p - h, t)) / (2 * h)
                    : (f.applyAsDouble(p, t + h) - f.applyAsDouble(p, t - h)) / (2 * h);
        }
        return grad;
    }
}
