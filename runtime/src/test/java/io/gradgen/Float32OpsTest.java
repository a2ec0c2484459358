package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in differentiable operation on FLOAT32 tensors: the result and the gradients are
 * FLOAT32, the result agrees with the same operation in FLOAT64 on the same (float) values to
 * float precision, and the gradients agree with central differences computed in double.
 */
class Float32OpsTest {

    /** Float precision, with room for the few roundings an operation and its backward make. */
    private static final double FLOAT_TOL = 1e-5;

    static Stream<Arguments> operations() {
        List<Arguments> ops = new ArrayList<>();
        int[] m = {3, 4};
        add(ops, "neg", x -> x[0].neg(), normal(1, m));
        add(ops, "exp", x -> x[0].exp(), normal(2, m));
        add(ops, "log", x -> x[0].log(), positive(3, m));
        add(ops, "log1p", x -> x[0].log1p(), positive(4, m));
        add(ops, "sqrt", x -> x[0].sqrt(), positive(5, m));
        add(ops, "abs", x -> x[0].abs(), normal(6, m));
        add(ops, "relu", x -> x[0].relu(), normal(7, m));
        add(ops, "sigmoid", x -> x[0].sigmoid(), normal(8, m));
        add(ops, "tanh", x -> x[0].tanh(), normal(9, m));
        add(ops, "sin", x -> x[0].sin(), normal(10, m));
        add(ops, "cos", x -> x[0].cos(), normal(11, m));
        add(ops, "softplus", x -> x[0].softplus(), normal(12, m));
        add(ops, "logSigmoid", x -> x[0].logSigmoid(), normal(13, m));
        add(ops, "pow(2.5)", x -> x[0].pow(2.5), positive(14, m));
        add(ops, "clamp", x -> x[0].clamp(-0.5, 0.7), normal(15, m));
        add(ops, "add", x -> x[0].add(x[1]), normal(16, m), normal(17, m));
        add(ops, "sub broadcast", x -> x[0].sub(x[1]), normal(18, m), normal(19, 4));
        add(ops, "mul broadcast", x -> x[0].mul(x[1]), normal(20, 3, 1), normal(21, m));
        add(ops, "div", x -> x[0].div(x[1]), normal(22, m), positive(23, m));
        add(ops, "pow(tensor)", x -> x[0].pow(x[1]), positive(24, m), normal(25, m));
        add(ops, "maximum", x -> x[0].maximum(x[1]), normal(26, m), normal(27, m));
        add(ops, "minimum", x -> x[0].minimum(x[1]), normal(28, m), normal(29, m));
        add(ops, "add scalar", x -> x[0].add(0.1), normal(30, m));
        add(ops, "mul scalar", x -> x[0].mul(0.3), normal(31, m));
        add(ops, "where", x -> Tensor.where(x[0].gt(0.0), x[0], x[1]), normal(32, m), normal(33, m));
        add(ops, "sum", x -> x[0].sum(), normal(34, m));
        add(ops, "mean", x -> x[0].mean(), normal(35, m));
        add(ops, "sum(dim)", x -> x[0].sum(0, false), normal(36, m));
        add(ops, "mean(dim, keepDim)", x -> x[0].mean(-1, true), normal(37, m));
        add(ops, "logSumExp", x -> x[0].logSumExp(1, false), normal(38, m));
        add(ops, "softmax", x -> x[0].softmax(1), normal(39, m));
        add(ops, "logSoftmax", x -> x[0].logSoftmax(0), normal(40, m));
        add(ops, "reshape", x -> x[0].reshape(2, -1), normal(41, m));
        add(ops, "transpose", x -> x[0].transpose(0, 1), normal(42, 2, 3, 4));
        add(ops, "t", x -> x[0].t(), normal(43, m));
        add(ops, "matmul", x -> x[0].matmul(x[1]), normal(44, m), normal(45, 4, 2));
        add(ops, "matmul batched", x -> x[0].matmul(x[1]), normal(46, 2, 3, 4), normal(47, 2, 4, 2));
        add(ops, "matmul vector", x -> x[0].matmul(x[1]), normal(48, 4), normal(49, 4, 3));
        add(ops, "linear", x -> x[0].linear(x[1], x[2]), normal(50, m), normal(51, 5, 4), normal(52, 5));
        add(ops, "linear no bias", x -> x[0].linear(x[1], null), normal(53, 2, 3, 4), normal(54, 5, 4));
        add(ops, "linear wide", x -> x[0].linear(x[1], x[2]), normal(55, 5, 40), normal(56, 3, 40), normal(57, 3));
        add(ops, "gatherLast", x -> x[0].gatherLast(Tensor.vector(3, 0, 2)), normal(58, m));
        add(ops, "chain", x -> x[0].mul(x[1]).sigmoid().sum(1, false).log(), normal(59, m), normal(60, m));
        return ops.stream();
    }

    private static void add(List<Arguments> ops, String name, Function<Tensor[], Tensor> op, Tensor... inputs) {
        ops.add(Arguments.of(name, op, inputs));
    }

    private static Tensor normal(long seed, int... shape) {
        return Tensor.randn(new Random(seed), shape);
    }

    private static Tensor positive(long seed, int... shape) {
        return Tensor.rand(new Random(seed), shape).mul(1.5).add(0.25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void float32ResultsAndGradientsAgreeWithFloat64AndCentralDifferences(String name, Function<Tensor[], Tensor> op,
            Tensor[] inputs) {
        Tensor[] in32 = new Tensor[inputs.length];
        Tensor[] in64 = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            in32[i] = inputs[i].to(DType.FLOAT32).requiresGrad(true);
            // the same values, exactly: what FLOAT64 computes from the float inputs
            in64[i] = in32[i].detach().to(DType.FLOAT64).requiresGrad(true);
        }
        Tensor out32 = op.apply(in32);
        Tensor out64 = op.apply(in64);
        assertEquals(DType.FLOAT32, out32.dtype(), name + " result type");
        assertEquals(DType.FLOAT64, out64.dtype());
        assertClose(out64.toArray(), out32.toArray(), FLOAT_TOL, name + " forward");

        Tensor weights = Tensor.rand(new Random(99), out32.shape()).add(0.5);
        out32.mul(weights).sum().backward();
        out64.mul(weights).sum().backward();
        for (int i = 0; i < inputs.length; i++) {
            assertEquals(DType.FLOAT32, in32[i].grad().dtype(), name + " gradient type of input " + i);
            assertClose(in64[i].grad().toArray(), in32[i].grad().toArray(), FLOAT_TOL, name + " gradient " + i);
            double[] numeric = centralDifferences(op, in64, i, weights);
            assertClose(numeric, in32[i].grad().toArray(), 1e-4, name + " gradient " + i + " vs central differences");
        }
    }

    /** d(Σ op(x) * weights)/dx_input by central differences in double, at the inputs' values. */
    private static double[] centralDifferences(Function<Tensor[], Tensor> op, Tensor[] inputs, int input,
            Tensor weights) {
        double[] base = inputs[input].toArray();
        double[] grad = new double[base.length];
        double h = 1e-6;
        for (int j = 0; j < base.length; j++) {
            double[] plus = base.clone();
            double[] minus = base.clone();
            plus[j] += h;
            minus[j] -= h;
            grad[j] = (objective(op, inputs, input, plus, weights) - objective(op, inputs, input, minus, weights)) / (2 * h);
        }
        return grad;
    }

    private static double objective(Function<Tensor[], Tensor> op, Tensor[] inputs, int input, double[] values,
            Tensor weights) {
        Tensor[] args = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            args[i] = i == input ? Tensor.of(values, inputs[i].shape()) : inputs[i].detach();
        }
        return op.apply(args).mul(weights).sum().item();
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double scale = 1 + Math.abs(expected[i]);
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol * scale,
                    what + " at " + i + ": expected " + expected[i] + " but was " + actual[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void float32ResultsHoldFloatValues(String name, Function<Tensor[], Tensor> op, Tensor[] inputs) {
        Tensor[] in32 = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            in32[i] = inputs[i].to(DType.FLOAT32);
        }
        double[] values = op.apply(in32).toArray();
        double[] asFloats = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            asFloats[i] = (float) values[i];
        }
        assertArrayEquals(asFloats, values, name + ": every element is a float");
    }
}
