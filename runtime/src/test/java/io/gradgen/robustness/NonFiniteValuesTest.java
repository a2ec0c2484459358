package io.gradgen.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Functions;
import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.optim.Adam;
import io.gradgen.optim.SGD;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * NaN and the infinities flow through every operation as in PyTorch (IEEE 754 arithmetic, no
 * exception deep inside a kernel), forward and backward; the expected values are PyTorch's.
 */
class NonFiniteValuesTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double[] SPECIAL = {NAN, INF, -INF, 0.0, -0.0, 1.0};

    private static Tensor special() {
        return Tensor.of(SPECIAL, SPECIAL.length).requiresGrad(true);
    }

    private static void assertValues(double[] expected, Tensor actual) {
        assertArrayEquals(expected, actual.toArray(), 0.0);
    }

    @Test
    void unaryOpsFollowIeeeAndPyTorch() {
        assertValues(new double[] {NAN, INF, 0.0, 1.0, 1.0, Math.E}, special().exp());
        assertValues(new double[] {NAN, INF, NAN, -INF, -INF, 0.0}, special().log());
        assertValues(new double[] {NAN, INF, NAN, 0.0, -0.0, 1.0}, special().sqrt());
        assertValues(new double[] {NAN, INF, 0.0, 0.0, 0.0, 1.0}, special().relu());
        assertValues(new double[] {NAN, 1.0, 0.0, 0.5, 0.5, 1 / (1 + Math.exp(-1))}, special().sigmoid());
        assertValues(new double[] {NAN, 1.0, -1.0, 0.0, -0.0, Math.tanh(1)}, special().tanh());
        assertValues(new double[] {NAN, INF, INF, 0.0, 0.0, 1.0}, special().abs());
        assertValues(new double[] {NAN, -INF, INF, -0.0, 0.0, -1.0}, special().neg());
        assertValues(new double[] {NAN, INF, 0.0, Math.log(2), Math.log(2), Math.log1p(Math.E)}, special().softplus());
        assertValues(new double[] {NAN, 1.0, -1.0, 0.0, -0.0, 1.0}, special().clamp(-1, 1));
    }

    @Test
    void binaryOpsAndReductionsPropagate() {
        Tensor x = special();
        assertValues(new double[] {NAN, NAN, NAN, 0.0, 0.0, 1.0}, x.add(x.neg()).add(x.mul(2.0)).sub(x));
        assertValues(new double[] {NAN, NAN, NAN, NAN, NAN, 1.0}, x.div(x));
        assertValues(new double[] {NAN, INF, -INF, NAN, NAN, INF}, x.mul(INF));
        assertValues(new double[] {NAN, NAN, NAN, 0.0, -0.0, 0.0}, x.div(INF));
        assertTrue(Double.isNaN(x.sum().item()));
        assertTrue(Double.isNaN(x.mean().item()));
        Tensor onlyInfinite = Tensor.vector(INF, 1.0, -2.0);
        assertEquals(INF, onlyInfinite.sum().item());
        assertEquals(INF, onlyInfinite.logSumExp(0, false).item());
        assertEquals(NAN, Tensor.vector(INF, -INF).sum().item());
        assertValues(new double[] {NAN, INF, INF, 0.0, 0.0, 1.0}, x.pow(2.0));
        // torch.maximum and torch.minimum propagate NaN
        assertTrue(Double.isNaN(x.maximum(Tensor.zeros(6)).get(0)));
        assertTrue(Double.isNaN(x.minimum(Tensor.zeros(6)).get(0)));
        assertEquals(INF, x.maximum(Tensor.zeros(6)).get(1));
        assertEquals(-INF, x.minimum(Tensor.zeros(6)).get(2));
    }

    @Test
    void backwardThroughNonFiniteValuesGivesPyTorchsGradients() {
        Tensor x = special();
        x.exp().sum().backward();
        assertValues(new double[] {NAN, INF, 0.0, 1.0, 1.0, Math.E}, x.grad());

        Tensor y = special();
        y.relu().sum().backward();
        // PyTorch: relu's gradient is (x > 0), so NaN gets 0
        assertValues(new double[] {0.0, 1.0, 0.0, 0.0, 0.0, 1.0}, y.grad());

        Tensor z = special();
        z.mul(z).sum().backward();
        assertValues(new double[] {NAN, INF, -INF, 0.0, -0.0, 2.0}, z.grad());
    }

    @Test
    void matmulAndLinearPropagateWithoutThrowing() {
        Tensor a = Tensor.of(new double[] {NAN, 1, INF, 2}, 2, 2).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {1, 0, 0, 1}, 2, 2).requiresGrad(true);
        Tensor c = a.matmul(b);
        // IEEE and PyTorch: NaN * 0 and Inf * 0 are NaN, so a kernel must not skip zero factors
        assertValues(new double[] {NAN, NAN, INF, NAN}, c);
        c.sum().backward();
        assertValues(new double[] {1, 1, 1, 1}, a.grad());
        assertTrue(Double.isNaN(b.grad().get(0, 0)));

        Linear linear = new Linear(2, 1, new Random(1));
        Tensor out = linear.forward(Tensor.of(new double[] {INF, 1}, 1, 2));
        out.sum().backward();
        assertEquals(INF, Math.abs(out.item()));
        assertEquals(INF, linear.weight().grad().get(0, 0));
    }

    @Test
    void optimizersStepWithNonFiniteGradientsLikePyTorch() {
        for (UnaryOperator<List<Tensor>> makeAndStep : List.<UnaryOperator<List<Tensor>>>of(
                params -> { new SGD(params, 0.1).step(); return params; },
                params -> { new Adam(params, 0.1).step(); return params; })) {
            Tensor w = Tensor.vector(1.0, 2.0).requiresGrad(true);
            w.mul(Tensor.vector(NAN, INF)).sum().backward();
            makeAndStep.apply(List.of(w));
            assertTrue(Double.isNaN(w.get(0)));
            assertTrue(!Double.isFinite(w.get(1)));
        }
    }

    @Test
    void functionsOfGeneratedLossesPropagate() {
        assertTrue(Double.isNaN(Functions.sigmoid(NAN)));
        assertEquals(1.0, Functions.sigmoid(INF));
        assertEquals(0.0, Functions.sigmoid(-INF));
        assertEquals(INF, Functions.softplus(INF));
        assertEquals(0.0, Functions.softplus(-INF));
        assertEquals(-INF, Functions.logSigmoid(-INF));
        assertEquals(0.0, Functions.logSigmoid(INF));
        assertTrue(Double.isNaN(Functions.relu(NAN)));
        assertTrue(Double.isNaN(Functions.clamp(NAN, 0, 1)));
        assertEquals(INF, Functions.logSumExp(new double[] {INF, 0}));
        assertEquals(-INF, Functions.logSumExp(new double[] {-INF, -INF}));
        assertTrue(Double.isNaN(Functions.logSumExp(new double[] {NAN, 0})));
        assertTrue(Double.isNaN(Functions.max(new double[] {1, NAN})));
        assertEquals(INF, Functions.norm(new double[] {INF, 1}));
        assertTrue(Double.isNaN(Functions.norm(new double[] {NAN, 1})));
    }

    @Test
    void printingAndComparingNonFiniteTensorsWorks() {
        String text = special().toString();
        assertTrue(text.contains("nan") || text.contains("NaN"), text);
        assertTrue(text.contains("inf") || text.contains("Infinity"), text);
        Tensor x = special();
        assertTrue(!x.allClose(x, 0, 0), "NaN is not close to itself, as torch.allclose(equal_nan=False)");
    }
}
