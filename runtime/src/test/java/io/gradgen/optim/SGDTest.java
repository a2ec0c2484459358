package io.gradgen.optim;

import io.gradgen.LossBatch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Tensor;
import io.gradgen.autograd.GradMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trajectories on loss = sum(p^2), whose gradient is 2p, computed by hand from torch.optim.SGD's
 * rule: g = grad + wd p; buf = g (first step) or momentum buf + (1 - dampening) g;
 * g = nesterov ? g + momentum buf : buf; p -= lr g.
 */
class SGDTest {

    private static final double TOL = 1e-15;

    /** Runs the optimizer on sum(p^2) and returns p after each step. */
    private static double[][] trajectory(Optimizer opt, Tensor p, int steps) {
        double[][] out = new double[steps][];
        for (int s = 0; s < steps; s++) {
            opt.zeroGrad();
            p.mul(p).sum().backward();
            opt.step();
            out[s] = p.toArray();
        }
        return out;
    }

    @Test
    void plain() {
        // p1 = p0 - 0.1 * 2 p0 = 0.8 p0; p2 = 0.64 p0
        Tensor p = Tensor.vector(1, -2).requiresGrad(true);
        double[][] t = trajectory(new SGD(List.of(p), 0.1), p, 2);
        assertArrayEquals(new double[] {0.8, -1.6}, t[0], TOL);
        assertArrayEquals(new double[] {0.64, -1.28}, t[1], TOL);
    }

    @Test
    void momentumUsesGradientAsFirstBuffer() {
        // lr 0.1, momentum 0.9, p0 = 1
        // step 1: g = 2,    buf = 2 (first step: buf = g),   p = 1 - 0.2 = 0.8
        // step 2: g = 1.6,  buf = 0.9 * 2 + 1.6 = 3.4,       p = 0.8 - 0.34 = 0.46
        // step 3: g = 0.92, buf = 0.9 * 3.4 + 0.92 = 3.98,   p = 0.46 - 0.398 = 0.062
        Tensor p = Tensor.vector(1).requiresGrad(true);
        double[][] t = trajectory(new SGD(List.of(p), 0.1, 0.9), p, 3);
        assertEquals(0.8, t[0][0], TOL);
        assertEquals(0.46, t[1][0], TOL);
        assertEquals(0.062, t[2][0], TOL);
    }

    @Test
    void dampeningIsSkippedOnTheFirstStep() {
        // lr 0.1, momentum 0.9, dampening 0.5, p0 = 1
        // step 1: g = 2,    buf = 2 (no dampening),               p = 0.8
        // step 2: g = 1.6,  buf = 0.9 * 2 + 0.5 * 1.6 = 2.6,      p = 0.8 - 0.26 = 0.54
        // step 3: g = 1.08, buf = 0.9 * 2.6 + 0.5 * 1.08 = 2.88,  p = 0.54 - 0.288 = 0.252
        Tensor p = Tensor.vector(1).requiresGrad(true);
        double[][] t = trajectory(new SGD(List.of(p), 0.1, 0.9, 0.5, 0, false), p, 3);
        assertEquals(0.8, t[0][0], TOL);
        assertEquals(0.54, t[1][0], TOL);
        assertEquals(0.252, t[2][0], TOL);
    }

    @Test
    void nesterov() {
        // lr 0.1, momentum 0.9, nesterov, p0 = 1
        // step 1: g = 2,    buf = 2,                     g' = 2 + 0.9 * 2 = 3.8,        p = 1 - 0.38 = 0.62
        // step 2: g = 1.24, buf = 0.9 * 2 + 1.24 = 3.04, g' = 1.24 + 0.9 * 3.04 = 3.976, p = 0.62 - 0.3976 = 0.2224
        Tensor p = Tensor.vector(1).requiresGrad(true);
        double[][] t = trajectory(new SGD(List.of(p), 0.1, 0.9, 0, 0, true), p, 2);
        assertEquals(0.62, t[0][0], TOL);
        assertEquals(0.2224, t[1][0], TOL);
    }

    @Test
    void weightDecay() {
        // lr 0.1, weight decay 0.1, p0 = 1
        // step 1: g = 2 + 0.1 * 1 = 2.1,           p = 1 - 0.21 = 0.79
        // step 2: g = 1.58 + 0.079 = 1.659,        p = 0.79 - 0.1659 = 0.6241
        Tensor p = Tensor.vector(1).requiresGrad(true);
        double[][] t = trajectory(new SGD(List.of(p), 0.1, 0, 0, 0.1, false), p, 2);
        assertEquals(0.79, t[0][0], TOL);
        assertEquals(0.6241, t[1][0], TOL);
    }

    @Test
    void weightDecayEntersTheMomentumBuffer() {
        // lr 0.1, momentum 0.5, weight decay 0.1, p0 = 1
        // step 1: g = 2.1,   buf = 2.1,                         p = 1 - 0.21 = 0.79
        // step 2: g = 1.659, buf = 0.5 * 2.1 + 1.659 = 2.709,   p = 0.79 - 0.2709 = 0.5191
        Tensor p = Tensor.vector(1).requiresGrad(true);
        double[][] t = trajectory(new SGD(List.of(p), 0.1, 0.5, 0, 0.1, false), p, 2);
        assertEquals(0.79, t[0][0], TOL);
        assertEquals(0.5191, t[1][0], TOL);
    }

    @Test
    void parametersWithoutGradientAreSkipped() {
        Tensor used = Tensor.vector(1).requiresGrad(true);
        Tensor unused = Tensor.vector(5).requiresGrad(true);
        SGD sgd = new SGD(List.of(used, unused), 0.1, 0.9);
        used.mul(used).sum().backward();
        sgd.step();
        assertNull(unused.grad());
        assertArrayEquals(new double[] {5}, unused.toArray());
        assertArrayEquals(new double[] {0.8}, used.toArray(), TOL);
    }

    @Test
    void stepUpdatesInPlaceUnderNoGradAndZeroGradKeepsArrays() {
        Tensor p = Tensor.vector(1, 2).requiresGrad(true);
        double[] data = LossBatch.data(p);
        SGD sgd = new SGD(List.of(p), 0.5);
        p.sum().backward();
        Tensor grad = p.grad();
        double[] gradData = LossBatch.data(grad);
        sgd.step();
        assertSame(data, LossBatch.data(p));
        assertArrayEquals(new double[] {0.5, 1.5}, p.toArray());
        assertTrue(p.isLeaf());
        assertTrue(p.requiresGrad());
        assertTrue(GradMode.isEnabled());
        sgd.zeroGrad();
        assertSame(grad, p.grad());
        assertSame(gradData, LossBatch.data(p.grad()));
        assertArrayEquals(new double[] {0, 0}, p.grad().toArray());
    }

    @Test
    void learningRateCanBeChanged() {
        Tensor p = Tensor.vector(1).requiresGrad(true);
        SGD sgd = new SGD(List.of(p), 0.1);
        sgd.setLr(0.25);
        assertEquals(0.25, sgd.lr());
        p.mul(p).sum().backward();
        sgd.step();
        assertArrayEquals(new double[] {0.5}, p.toArray(), TOL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sgd.setLr(-1));
        assertEquals("Invalid learning rate: -1.0", e.getMessage());
    }

    @Test
    void rejectsInvalidHyperparametersLikePyTorch() {
        List<Tensor> ps = List.of(Tensor.ones(1).requiresGrad(true));
        assertEquals("Invalid learning rate: -0.1",
                assertThrows(IllegalArgumentException.class, () -> new SGD(ps, -0.1)).getMessage());
        assertEquals("Invalid learning rate: NaN",
                assertThrows(IllegalArgumentException.class, () -> new SGD(ps, Double.NaN)).getMessage());
        assertEquals("Invalid momentum value: -0.5",
                assertThrows(IllegalArgumentException.class, () -> new SGD(ps, 0.1, -0.5)).getMessage());
        assertEquals("Invalid weight_decay value: -0.01", assertThrows(IllegalArgumentException.class,
                () -> new SGD(ps, 0.1, 0, 0, -0.01, false)).getMessage());
        assertEquals("Nesterov momentum requires a momentum and zero dampening", assertThrows(
                IllegalArgumentException.class, () -> new SGD(ps, 0.1, 0, 0, 0, true)).getMessage());
        assertEquals("Nesterov momentum requires a momentum and zero dampening", assertThrows(
                IllegalArgumentException.class, () -> new SGD(ps, 0.1, 0.9, 0.1, 0, true)).getMessage());
    }

    @Test
    void rejectsBadParameterLists() {
        assertEquals("optimizer got an empty parameter list",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1)).getMessage());
        Tensor leaf = Tensor.ones(1).requiresGrad(true);
        Tensor computed = leaf.mul(2);
        assertEquals("can't optimize a non-leaf Tensor: parameter 1 was computed by MulBackward; optimize the leaf"
                + " tensors it was computed from", assertThrows(IllegalArgumentException.class,
                        () -> new SGD(List.of(leaf, computed), 0.1)).getMessage());
        assertEquals("optimizer: parameter 1 appears more than once in the parameter list; it would be updated twice"
                + " per step", assertThrows(IllegalArgumentException.class,
                        () -> new SGD(List.of(leaf, leaf), 0.1)).getMessage());
    }

    @Test
    void printsHyperparameters() {
        SGD sgd = new SGD(List.of(Tensor.ones(1).requiresGrad(true)), 0.1, 0.9, 0, 0, true);
        assertEquals("SGD(lr=0.1, momentum=0.9, dampening=0.0, weight_decay=0.0, nesterov=true)", sgd.toString());
        assertEquals(0.9, sgd.momentum());
        assertTrue(sgd.nesterov());
    }
}
