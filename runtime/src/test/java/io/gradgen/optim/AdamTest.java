package io.gradgen.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradgen.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * torch.optim.Adam's update on loss = sum(p^2) (gradient 2p), lr 0.1, betas (0.9, 0.999),
 * eps 1e-8:
 * m = 0.9 m + 0.1 g; v = 0.999 v + 0.001 g^2;
 * p -= (lr / (1 - 0.9^t)) * m / (sqrt(v) / sqrt(1 - 0.999^t) + eps).
 */
class AdamTest {

    private static final double TOL = 1e-12;

    private static void step(Optimizer opt, Tensor p) {
        opt.zeroGrad();
        p.mul(p).sum().backward();
        opt.step();
    }

    @Test
    void threeStepsByHand() {
        // element 0, p0 = 1:
        // t=1: g = 2,            m = 0.2,          v = 0.004,            p = 1 - 1 * 0.2 / (2 + 1e-8) = 0.9000000005
        // t=2: g = 1.800000001,  m = 0.3600000001, v = 0.0072360000036,  p = 0.8004122286917927
        // t=3: g = 1.6008244574, m = 0.4840824458, v = 0.0097914029470,  p = 0.7015862729460302
        // element 1, p0 = -0.5:
        // t=1: g = -1,           m = -0.1,         v = 0.001,            p = -0.5 + 0.1 / (1 + 1e-8) = -0.400000001
        // t=2: g = -0.800000002, m = -0.1700000002, v = 0.001639000003,  p = -0.3011874216591668
        // t=3: g = -0.6023748433, m = -0.2132374845, v = 0.002000216455, p = -0.2048712525602996
        Tensor p = Tensor.vector(1, -0.5).requiresGrad(true);
        Adam adam = new Adam(List.of(p), 0.1);
        step(adam, p);
        assertArrayEquals(new double[] {0.9000000005, -0.400000001}, p.toArray(), TOL);
        step(adam, p);
        assertArrayEquals(new double[] {0.8004122286917927, -0.3011874216591668}, p.toArray(), TOL);
        step(adam, p);
        assertArrayEquals(new double[] {0.7015862729460302, -0.2048712525602996}, p.toArray(), TOL);
    }

    @Test
    void firstStepMovesEveryElementByAboutLr() {
        // with bias correction, the first step is lr * g / (|g| + eps): the sign of g times lr
        Tensor p = Tensor.vector(3, -7, 0.001).requiresGrad(true);
        step(new Adam(List.of(p), 0.01), p);
        assertArrayEquals(new double[] {2.99, -6.99, 0.001 - 0.01 * 0.002 / (0.002 + 1e-8)}, p.toArray(), 1e-9);
    }

    @Test
    void weightDecayAndAmsgradFollowTheReferenceRule() {
        double lr = 0.05;
        double b1 = 0.8;
        double b2 = 0.9;
        double eps = 1e-6;
        double wd = 0.1;
        Tensor p = Tensor.vector(1.5).requiresGrad(true);
        Adam adam = new Adam(List.of(p), lr, b1, b2, eps, wd, true);
        double ref = 1.5;
        double m = 0;
        double v = 0;
        double vMax = 0;
        for (int t = 1; t <= 5; t++) {
            // make the gradient shrink fast so that v decreases and amsgrad's max matters
            double scale = t == 1 ? 10 : 0.1;
            adam.zeroGrad();
            p.mul(p).mul(scale / 2).sum().backward();
            adam.step();
            double g = scale * ref + wd * ref;
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            vMax = Math.max(vMax, v);
            double denom = Math.sqrt(vMax) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
            ref -= lr / (1 - Math.pow(b1, t)) * m / denom;
            assertEquals(ref, p.toArray()[0], TOL, "step " + t);
        }
    }

    @Test
    void rejectsInvalidHyperparametersLikePyTorch() {
        List<Tensor> ps = List.of(Tensor.ones(1).requiresGrad(true));
        assertEquals("Invalid learning rate: -0.001",
                assertThrows(IllegalArgumentException.class, () -> new Adam(ps, -0.001)).getMessage());
        assertEquals("Invalid epsilon value: -1.0E-8", assertThrows(IllegalArgumentException.class,
                () -> new Adam(ps, 0.1, 0.9, 0.999, -1e-8, 0, false)).getMessage());
        assertEquals("Invalid beta parameter at index 0: 1.0", assertThrows(IllegalArgumentException.class,
                () -> new Adam(ps, 0.1, 1.0, 0.999, 1e-8, 0, false)).getMessage());
        assertEquals("Invalid beta parameter at index 0: -0.1", assertThrows(IllegalArgumentException.class,
                () -> new Adam(ps, 0.1, -0.1, 0.999, 1e-8, 0, false)).getMessage());
        assertEquals("Invalid beta parameter at index 1: 1.5", assertThrows(IllegalArgumentException.class,
                () -> new Adam(ps, 0.1, 0.9, 1.5, 1e-8, 0, false)).getMessage());
        assertEquals("Invalid weight_decay value: -1.0", assertThrows(IllegalArgumentException.class,
                () -> new Adam(ps, 0.1, 0.9, 0.999, 1e-8, -1, false)).getMessage());
    }

    @Test
    void printsHyperparameters() {
        Adam adam = new Adam(List.of(Tensor.ones(1).requiresGrad(true)), 0.001);
        assertEquals("Adam(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weight_decay=0.0, amsgrad=false)", adam.toString());
    }
}
