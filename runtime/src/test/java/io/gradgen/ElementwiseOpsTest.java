package io.gradgen;

import static io.gradgen.Checks.assertGradients;
import static io.gradgen.Checks.assertTensor;
import static io.gradgen.Checks.randn;
import static io.gradgen.Checks.shape;
import static io.gradgen.Checks.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ElementwiseOpsTest {

    // ---------------------------------------------------------------- binary forward values

    @Test
    void addBroadcastsRowAcrossMatrix() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new double[] {10, 20, 30}, 3);
        assertTensor(a.add(b), shape(2, 3), 11, 22, 33, 14, 25, 36);
    }

    @Test
    void mulBroadcastsColumnTimesRowToOuterProduct() {
        Tensor col = Tensor.of(new double[] {1, 2}, 2, 1);
        Tensor row = Tensor.of(new double[] {3, 4, 5}, 1, 3);
        assertTensor(col.mul(row), shape(2, 3), 3, 4, 5, 6, 8, 10);
    }

    @Test
    void subAndDivWithScalars() {
        Tensor a = Tensor.of(new double[] {2, 4, 8}, 3);
        assertTensor(a.sub(1), shape(3), 1, 3, 7);
        assertTensor(a.div(2), shape(3), 1, 2, 4);
        assertTensor(a.mul(0.5), shape(3), 1, 2, 4);
        assertTensor(a.add(0.5), shape(3), 2.5, 4.5, 8.5);
        assertTensor(Tensor.scalar(1).sub(a), shape(3), -1, -3, -7);
    }

    @Test
    void broadcastingAgainstZeroDimTensorKeepsOtherShape() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertTensor(a.mul(Tensor.scalar(3)), shape(2, 2), 3, 6, 9, 12);
        assertTensor(Tensor.scalar(3).mul(a), shape(2, 2), 3, 6, 9, 12);
    }

    @Test
    void broadcastingAddsLeadingDimensions() {
        Tensor a = Tensor.ones(2, 1, 3);
        Tensor b = Tensor.arange(4).reshape(4, 1);
        Tensor c = a.add(b);
        assertTensor(c, shape(2, 4, 3), new double[] {
            1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4,
            1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}, 0);
    }

    @Test
    void powMaximumMinimumForward() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}, 3);
        Tensor b = Tensor.of(new double[] {3, 2, 1}, 3);
        assertTensor(a.pow(b), shape(3), 1, 4, 3);
        assertTensor(a.pow(2), shape(3), 1, 4, 9);
        assertTensor(a.maximum(b), shape(3), 3, 2, 3);
        assertTensor(a.minimum(b), shape(3), 1, 2, 1);
    }

    @Test
    void maximumAndMinimumPropagateNaN() {
        Tensor a = Tensor.of(new double[] {Double.NaN, 1}, 2);
        Tensor b = Tensor.of(new double[] {0, Double.NaN}, 2);
        assertTrue(Double.isNaN(a.maximum(b).get(0)));
        assertTrue(Double.isNaN(a.maximum(b).get(1)));
        assertTrue(Double.isNaN(a.minimum(b).get(0)));
    }

    @Test
    void comparisonsGiveZeroOneWithoutGrad() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {2, 2, 2}, 3);
        assertTensor(a.gt(b), shape(3), 0, 0, 1);
        assertTensor(a.lt(b), shape(3), 1, 0, 0);
        assertTensor(a.ge(b), shape(3), 0, 1, 1);
        assertTensor(a.le(b), shape(3), 1, 1, 0);
        assertTensor(a.eq(b), shape(3), 0, 1, 0);
        assertTensor(a.gt(1.5), shape(3), 0, 1, 1);
        assertTensor(a.lt(2.5), shape(3), 1, 1, 0);
        assertTensor(a.ge(2), shape(3), 0, 1, 1);
        assertTensor(a.le(2), shape(3), 1, 1, 0);
        assertTensor(a.eq(3), shape(3), 0, 0, 1);
        assertFalse(a.gt(b).requiresGrad());
        assertNull(a.gt(b).gradFn());
    }

    @Test
    void whereSelectsByNonzeroCondition() {
        Tensor cond = Tensor.of(new double[] {1, 0, 2}, 3);
        Tensor a = Tensor.of(new double[] {10, 20, 30}, 3);
        Tensor b = Tensor.of(new double[] {-1, -2, -3}, 3);
        assertTensor(Tensor.where(cond, a, b), shape(3), 10, -2, 30);
        assertTensor(a.where(cond, b), shape(3), 10, -2, 30);
        assertTensor(Tensor.where(cond, a, Tensor.scalar(0)), shape(3), 10, 0, 30);
    }

    // ---------------------------------------------------------------- unary forward values

    @Test
    void unaryForwardValues() {
        Tensor x = Tensor.of(new double[] {-2, 0, 0.5}, 3);
        assertTensor(x.neg(), shape(3), 2, -0.0, -0.5);
        assertTensor(x.exp(), shape(3), new double[] {Math.exp(-2), 1, Math.exp(0.5)}, 1e-15);
        assertTensor(x.abs(), shape(3), 2, 0, 0.5);
        assertTensor(x.relu(), shape(3), 0, 0, 0.5);
        assertTensor(x.tanh(), shape(3), new double[] {Math.tanh(-2), 0, Math.tanh(0.5)}, 1e-15);
        assertTensor(x.sin(), shape(3), new double[] {Math.sin(-2), 0, Math.sin(0.5)}, 1e-15);
        assertTensor(x.cos(), shape(3), new double[] {Math.cos(-2), 1, Math.cos(0.5)}, 1e-15);
        assertTensor(x.sigmoid(), shape(3), new double[] {1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-0.5))}, 1e-15);
        assertTensor(x.softplus(), shape(3), new double[] {Math.log1p(Math.exp(-2)), Math.log(2), Math.log1p(Math.exp(0.5))},
                1e-15);
        assertTensor(x.logSigmoid(), shape(3),
                new double[] {-Math.log1p(Math.exp(2)), -Math.log(2), -Math.log1p(Math.exp(-0.5))}, 1e-15);
        assertTensor(x.clamp(-1, 0.25), shape(3), -1, 0, 0.25);
        Tensor p = Tensor.of(new double[] {1, 4, Math.E - 1}, 3);
        assertTensor(p.log(), shape(3), new double[] {0, Math.log(4), Math.log(Math.E - 1)}, 1e-15);
        assertTensor(p.sqrt(), shape(3), new double[] {1, 2, Math.sqrt(Math.E - 1)}, 1e-15);
        assertTensor(p.log1p(), shape(3), new double[] {Math.log(2), Math.log(5), 1}, 1e-15);
    }

    @Test
    void stableActivationsAtExtremes() {
        Tensor x = Tensor.of(new double[] {-1000, 1000}, 2);
        assertTensor(x.sigmoid(), shape(2), 0, 1);
        assertTensor(x.softplus(), shape(2), 0, 1000);
        assertTensor(x.logSigmoid(), shape(2), -1000, 0);
    }

    @Test
    void reluAndClampPropagateNaN() {
        Tensor x = Tensor.of(new double[] {Double.NaN}, 1);
        assertTrue(Double.isNaN(x.relu().item()));
        assertTrue(Double.isNaN(x.clamp(0, 1).item()));
    }

    // ---------------------------------------------------------------- gradients by central differences

    static Stream<Arguments> unaryOps() {
        return Stream.of(
                Arguments.of("neg", (UnaryOperator<Tensor>) Tensor::neg, -2.0, 2.0),
                Arguments.of("exp", (UnaryOperator<Tensor>) Tensor::exp, -2.0, 2.0),
                Arguments.of("log", (UnaryOperator<Tensor>) Tensor::log, 0.2, 3.0),
                Arguments.of("log1p", (UnaryOperator<Tensor>) Tensor::log1p, -0.5, 3.0),
                Arguments.of("sqrt", (UnaryOperator<Tensor>) Tensor::sqrt, 0.2, 3.0),
                Arguments.of("abs", (UnaryOperator<Tensor>) Tensor::abs, 0.1, 2.0),
                Arguments.of("absNegative", (UnaryOperator<Tensor>) Tensor::abs, -2.0, -0.1),
                Arguments.of("relu", (UnaryOperator<Tensor>) Tensor::relu, 0.1, 2.0),
                Arguments.of("reluNegative", (UnaryOperator<Tensor>) Tensor::relu, -2.0, -0.1),
                Arguments.of("sigmoid", (UnaryOperator<Tensor>) Tensor::sigmoid, -4.0, 4.0),
                Arguments.of("tanh", (UnaryOperator<Tensor>) Tensor::tanh, -2.0, 2.0),
                Arguments.of("sin", (UnaryOperator<Tensor>) Tensor::sin, -3.0, 3.0),
                Arguments.of("cos", (UnaryOperator<Tensor>) Tensor::cos, -3.0, 3.0),
                Arguments.of("softplus", (UnaryOperator<Tensor>) Tensor::softplus, -5.0, 5.0),
                Arguments.of("softplusAboveThreshold", (UnaryOperator<Tensor>) Tensor::softplus, 21.0, 30.0),
                Arguments.of("logSigmoid", (UnaryOperator<Tensor>) Tensor::logSigmoid, -5.0, 5.0),
                Arguments.of("powHalf", (UnaryOperator<Tensor>) t -> t.pow(0.5), 0.2, 3.0),
                Arguments.of("powThree", (UnaryOperator<Tensor>) t -> t.pow(3), -2.0, 2.0),
                Arguments.of("powNegative", (UnaryOperator<Tensor>) t -> t.pow(-1.5), 0.5, 3.0),
                Arguments.of("clampInside", (UnaryOperator<Tensor>) t -> t.clamp(-10, 10), -2.0, 2.0),
                Arguments.of("clampOutside", (UnaryOperator<Tensor>) t -> t.clamp(-1, 1), 1.5, 3.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryOps")
    void unaryGradientMatchesCentralDifferences(String name, UnaryOperator<Tensor> op, double lo, double hi) {
        Tensor x = uniform(name.hashCode(), lo, hi, 3, 4);
        assertGradients(in -> op.apply(in.get(0)), x);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryOps")
    void unaryRecordsNamedBackward(String name, UnaryOperator<Tensor> op, double lo, double hi) {
        Tensor x = uniform(1, lo, hi, 2).requiresGrad(true);
        Tensor y = op.apply(x);
        assertTrue(y.requiresGrad());
        assertTrue(y.gradFn().name().endsWith("Backward"), y.gradFn().name());
        assertEquals(List.of(x), y.gradFn().inputs());
    }

    @Test
    void binaryGradientsSameShape() {
        Tensor a = uniform(1, 0.5, 2, 2, 3);
        Tensor b = uniform(2, 0.5, 2, 2, 3);
        assertGradients(in -> in.get(0).add(in.get(1)), a, b);
        assertGradients(in -> in.get(0).sub(in.get(1)), a, b);
        assertGradients(in -> in.get(0).mul(in.get(1)), a, b);
        assertGradients(in -> in.get(0).div(in.get(1)), a, b);
        assertGradients(in -> in.get(0).pow(in.get(1)), a, b);
    }

    @Test
    void binaryGradientsBroadcastRow() {
        Tensor a = uniform(3, 0.5, 2, 2, 3);
        Tensor b = uniform(4, 0.5, 2, 3);
        assertGradients(in -> in.get(0).add(in.get(1)), a, b);
        assertGradients(in -> in.get(0).sub(in.get(1)), a, b);
        assertGradients(in -> in.get(0).mul(in.get(1)), a, b);
        assertGradients(in -> in.get(0).div(in.get(1)), a, b);
        assertGradients(in -> in.get(1).div(in.get(0)), a, b);
        assertGradients(in -> in.get(0).pow(in.get(1)), a, b);
        assertGradients(in -> in.get(0).maximum(in.get(1)), a, b);
        assertGradients(in -> in.get(0).minimum(in.get(1)), a, b);
    }

    @Test
    void binaryGradientsColumnTimesRow() {
        Tensor col = uniform(5, 0.5, 2, 2, 1);
        Tensor row = uniform(6, 0.5, 2, 1, 3);
        assertGradients(in -> in.get(0).mul(in.get(1)), col, row);
        assertGradients(in -> in.get(0).div(in.get(1)), col, row);
        assertGradients(in -> in.get(0).sub(in.get(1)), col, row);
    }

    @Test
    void broadcastGradientIsSummedOverBroadcastDimensions() {
        Tensor a = Tensor.ones(2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
        a.mul(b).sum().backward();
        assertTensor(a.grad(), shape(2, 3), 1, 2, 3, 1, 2, 3);
        assertTensor(b.grad(), shape(3), 2, 2, 2);
    }

    @Test
    void scalarOverloadGradients() {
        Tensor x = uniform(7, 0.5, 2, 3);
        assertGradients(in -> in.get(0).add(2.5), x);
        assertGradients(in -> in.get(0).sub(2.5), x);
        assertGradients(in -> in.get(0).mul(-1.5), x);
        assertGradients(in -> in.get(0).div(0.3), x);
        assertGradients(in -> Tensor.scalar(2).div(in.get(0)), x);
    }

    @Test
    void zeroDimOperandGradients() {
        Tensor s = Tensor.scalar(1.7);
        Tensor m = randn(8, 2, 3);
        assertGradients(in -> in.get(0).mul(in.get(1)), s, m);
        assertGradients(in -> in.get(1).sub(in.get(0)), s, m);
        assertGradients(in -> in.get(1).div(in.get(0)), s, m);
    }

    @Test
    void whereGradientFlowsToChosenOperandWithBroadcasting() {
        Tensor cond = Tensor.of(new double[] {1, 0, 1, 0, 0, 1}, 2, 3);
        Tensor a = randn(9, 2, 3);
        Tensor b = randn(10, 3);
        assertGradients(in -> Tensor.where(cond, in.get(0), in.get(1)), a, b);
        Tensor a2 = Tensor.zeros(2, 3).requiresGrad(true);
        Tensor b2 = Tensor.zeros(3).requiresGrad(true);
        Tensor.where(cond, a2, b2).sum().backward();
        assertTensor(a2.grad(), shape(2, 3), 1, 0, 1, 0, 0, 1);
        assertTensor(b2.grad(), shape(3), 1, 2, 0);
    }

    // ---------------------------------------------------------------- gradients at kinks follow PyTorch

    @Test
    void absAndReluHaveZeroGradientAtZero() {
        Tensor x = Tensor.zeros(1).requiresGrad(true);
        x.abs().sum().backward();
        assertTensor(x.grad(), shape(1), 0);
        x.zeroGrad();
        x.relu().sum().backward();
        assertTensor(x.grad(), shape(1), 0);
    }

    @Test
    void maximumAndMinimumSplitTiesEvenly() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {1, 5, 0}, 3).requiresGrad(true);
        a.maximum(b).sum().backward();
        assertTensor(a.grad(), shape(3), 0.5, 0, 1);
        assertTensor(b.grad(), shape(3), 0.5, 1, 0);
        a.zeroGrad();
        b.zeroGrad();
        a.minimum(b).sum().backward();
        assertTensor(a.grad(), shape(3), 0.5, 1, 0);
        assertTensor(b.grad(), shape(3), 0.5, 0, 1);
    }

    @Test
    void maximumOfTensorWithItselfGivesFullGradient() {
        Tensor x = Tensor.of(new double[] {2}, 1).requiresGrad(true);
        x.maximum(x).sum().backward();
        assertTensor(x.grad(), shape(1), 1);
    }

    @Test
    void clampPassesGradientOnClosedInterval() {
        Tensor x = Tensor.of(new double[] {-2, -1, 0, 1, 2}, 5).requiresGrad(true);
        x.clamp(-1, 1).sum().backward();
        assertTensor(x.grad(), shape(5), 0, 1, 1, 1, 0);
    }

    @Test
    void powGradientConventionsAtZero() {
        Tensor x = Tensor.of(new double[] {0, 2}, 2).requiresGrad(true);
        x.pow(0).sum().backward();
        assertTensor(x.grad(), shape(2), 0, 0);

        Tensor base = Tensor.of(new double[] {0, 0}, 2).requiresGrad(true);
        Tensor exponent = Tensor.of(new double[] {2, 0}, 2).requiresGrad(true);
        base.pow(exponent).sum().backward();
        assertTensor(base.grad(), shape(2), 0, 0);
        assertTensor(exponent.grad(), shape(2), 0, 0);
    }

    @Test
    void softplusGradientIsOneAboveThreshold() {
        Tensor x = Tensor.of(new double[] {25}, 1).requiresGrad(true);
        x.softplus().sum().backward();
        assertTensor(x.grad(), shape(1), 1);
    }

    @Test
    void stableActivationGradientsAtExtremesAreFinite() {
        Tensor x = Tensor.of(new double[] {-1000, 1000}, 2).requiresGrad(true);
        x.sigmoid().add(x.softplus()).add(x.logSigmoid()).sum().backward();
        // sigmoid' = 0 at both ends; softplus' = 0, 1; logSigmoid' = 1, 0
        assertTensor(x.grad(), shape(2), 1, 1);
    }

    @Test
    void broadcastErrorNamesBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().startsWith("add: shapes [2, 3] and [4] cannot be broadcast"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.mul(Tensor.zeros(3, 3)));
        assertTrue(e.getMessage().startsWith("mul: shapes [2, 3] and [3, 3] cannot be broadcast"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.where(Tensor.zeros(5), a, a));
        assertTrue(e.getMessage().startsWith("where: shapes [5] and [2, 3] cannot be broadcast"), e.getMessage());
    }
}
