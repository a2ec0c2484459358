package io.gradgen.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Functions;
import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.nn.Module;
import io.gradgen.nn.Sequential;
import io.gradgen.optim.Adam;
import io.gradgen.optim.SGD;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit of the runtime's public methods: each bad argument (null, a negative dimension, a shape
 * mismatch, a bad learning rate, ...) is an exception whose message names the method, the
 * argument and its value, never a bare {@code NullPointerException} from deep inside a kernel.
 */
class ArgumentValidationTest {

    private static final Tensor V = Tensor.vector(1, 2, 3);
    private static final Tensor M = Tensor.zeros(2, 3);

    static Stream<Arguments> cases() {
        List<Tensor> params = List.of(Tensor.zeros(2).requiresGrad(true));
        return Stream.of(
                // factories
                bad("Tensor.of null data", NullPointerException.class, () -> Tensor.of((double[]) null, 2), "Tensor.of", "data"),
                bad("Tensor.of negative dim", IllegalArgumentException.class, () -> Tensor.of(new double[0], -1, 0), "Tensor.of", "-1"),
                bad("Tensor.of wrong length", IllegalArgumentException.class, () -> Tensor.of(new double[3], 2, 2), "3", "[2, 2]"),
                bad("Tensor.of null row", NullPointerException.class, () -> Tensor.of(new double[][] {{1}, null}), "Tensor.of", "row 1"),
                bad("Tensor.of ragged rows", IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1}, {1, 2}}), "row 1", "2"),
                bad("zeros null shape", NullPointerException.class, () -> Tensor.zeros((int[]) null), "Tensor.zeros", "shape"),
                bad("zeros negative", IllegalArgumentException.class, () -> Tensor.zeros(-1), "Tensor.zeros", "-1"),
                bad("ones negative", IllegalArgumentException.class, () -> Tensor.ones(2, -2), "Tensor.ones", "-2"),
                bad("randn null rng", NullPointerException.class, () -> Tensor.randn(null, 2), "Tensor.randn", "rng"),
                bad("rand negative", IllegalArgumentException.class, () -> Tensor.rand(new Random(1), -3), "Tensor.rand", "-3"),
                // access
                bad("get null", NullPointerException.class, () -> V.get((int[]) null), "get", "index"),
                bad("get out of bounds", IllegalArgumentException.class, () -> V.get(5), "get", "5"),
                bad("get arity", IllegalArgumentException.class, () -> V.get(0, 0), "get", "[0, 0]"),
                bad("size out of range", IllegalArgumentException.class, () -> V.size(5), "size", "5"),
                bad("item of many", IllegalStateException.class, V::item, "item()", "[3]"),
                bad("allClose null", NullPointerException.class, () -> V.allClose(null, 0, 0), "allClose", "other"),
                bad("allClose negative rtol", IllegalArgumentException.class, () -> V.allClose(V, -1, 0), "allClose", "rtol=-1.0"),
                bad("allClose NaN atol", IllegalArgumentException.class, () -> V.allClose(V, 0, Double.NaN), "allClose", "atol=NaN"),
                // operations
                bad("add null", NullPointerException.class, () -> V.add(null), "add", "other operand"),
                bad("mul null", NullPointerException.class, () -> V.mul((Tensor) null), "mul", "other operand"),
                bad("pow null", NullPointerException.class, () -> V.pow(null), "pow", "other operand"),
                bad("maximum null", NullPointerException.class, () -> V.maximum(null), "maximum", "other operand"),
                bad("gt null", NullPointerException.class, () -> V.gt(null), "gt", "other operand"),
                bad("add mismatch", IllegalArgumentException.class, () -> V.add(Tensor.zeros(2)), "add", "[3]", "[2]"),
                bad("matmul null", NullPointerException.class, () -> M.matmul(null), "matmul", "other operand"),
                bad("matmul mismatch", IllegalArgumentException.class, () -> M.matmul(Tensor.zeros(2, 2)), "matmul", "[2, 3]", "[2, 2]"),
                bad("where null condition", NullPointerException.class, () -> Tensor.where(null, V, V), "where", "condition"),
                bad("where null b", NullPointerException.class, () -> Tensor.where(V.gt(1.0), V, null), "where", "b is null"),
                bad("gatherLast null", NullPointerException.class, () -> M.gatherLast(null), "gatherLast", "index"),
                bad("gatherLast out of range", IllegalArgumentException.class, () -> M.gatherLast(Tensor.vector(7, 0)), "gatherLast", "7.0"),
                bad("reshape null", NullPointerException.class, () -> V.reshape((int[]) null), "reshape", "shape"),
                bad("reshape negative", IllegalArgumentException.class, () -> V.reshape(-2), "reshape", "-2"),
                bad("reshape numel", IllegalArgumentException.class, () -> V.reshape(2, 2), "reshape", "[2, 2]", "[3]"),
                bad("sum bad dim", IllegalArgumentException.class, () -> M.sum(5, false), "sum", "5"),
                bad("softmax bad dim", IllegalArgumentException.class, () -> M.softmax(3), "softmax", "3"),
                bad("transpose bad dim", IllegalArgumentException.class, () -> M.transpose(5, 0), "transpose", "5"),
                bad("backward null", NullPointerException.class,
                        () -> Tensor.vector(1, 2).requiresGrad(true).mul(2.0).backward(null), "backward", "gradient"),
                bad("backward wrong shape", IllegalArgumentException.class,
                        () -> Tensor.vector(1, 2).requiresGrad(true).mul(2.0).backward(Tensor.zeros(3)), "backward", "[3]", "[2]"),
                bad("addInPlace null", NullPointerException.class, () -> Tensor.zeros(3).addInPlace(null, 1), "addInPlace"),
                // nn and optim
                bad("Linear negative", IllegalArgumentException.class, () -> new Linear(-1, 2), "Linear", "in_features=-1"),
                bad("Linear null rng", NullPointerException.class, () -> new Linear(1, 2, null), "Linear", "rng"),
                bad("Linear null input", NullPointerException.class, () -> new Linear(3, 2).forward(null), "Linear", "input"),
                bad("Linear wrong input", IllegalArgumentException.class, () -> new Linear(3, 2).forward(Tensor.zeros(4, 2)), "[4, 2]", "in_features=3"),
                bad("Sequential null", NullPointerException.class, () -> new Sequential((Module[]) null), "Sequential", "modules"),
                bad("Sequential null module", NullPointerException.class, () -> new Sequential(new Linear(1, 1), null), "Sequential", "module 1"),
                bad("SGD null params", NullPointerException.class, () -> new SGD(null, 0.1), "params"),
                bad("SGD null param", NullPointerException.class, () -> new SGD(Arrays.asList((Tensor) null), 0.1), "parameter 0"),
                bad("SGD negative lr", IllegalArgumentException.class, () -> new SGD(params, -0.1), "learning rate", "-0.1"),
                bad("SGD NaN lr", IllegalArgumentException.class, () -> new SGD(params, Double.NaN), "learning rate", "NaN"),
                bad("Adam negative lr", IllegalArgumentException.class, () -> new Adam(params, -1), "learning rate", "-1.0"),
                // the row functions generated losses call
                bad("Functions.sum null", NullPointerException.class, () -> Functions.sum(null), "sum", "row"),
                bad("Functions.mean null", NullPointerException.class, () -> Functions.mean(null), "mean", "row"),
                bad("Functions.logSumExp null", NullPointerException.class, () -> Functions.logSumExp(null), "logSumExp", "row"),
                bad("Functions.norm null", NullPointerException.class, () -> Functions.norm(null), "norm", "row"),
                bad("Functions.dot null", NullPointerException.class, () -> Functions.dot(new double[1], null), "dot", "b"),
                bad("Functions.dot mismatch", IllegalArgumentException.class, () -> Functions.dot(new double[2], new double[3]), "dot", "2", "3"),
                bad("Functions.max empty", IllegalArgumentException.class, () -> Functions.max(new double[0]), "max", "empty"));
    }

    private static Arguments bad(String name, Class<? extends Throwable> type, Executable call, String... mentions) {
        return Arguments.of(name, type, call, mentions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedWithAMessageNamingTheArgument(String name, Class<? extends Throwable> type, Executable call,
            String[] mentions) {
        Throwable thrown = assertThrows(type, call);
        String message = String.valueOf(thrown.getMessage());
        for (String mention : mentions) {
            assertTrue(message.contains(mention), () -> "message of " + name + " does not mention '" + mention + "': " + message);
        }
    }

    /** Arguments PyTorch accepts are accepted too, with PyTorch's result. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedLikePyTorch")
    void acceptsWhatPyTorchAccepts(String name, Executable call) throws Throwable {
        call.execute();
    }

    static Stream<Arguments> acceptedLikePyTorch() {
        return Stream.of(
                Arguments.of("clamp with min > max sets every element to max", (Executable) () ->
                        assertArrayEquals(new double[] {1, 1, 1}, V.clamp(2, 1).toArray(), 0.0)),
                Arguments.of("SGD with an infinite lr (torch checks lr < 0 only)", (Executable) () ->
                        new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), Double.POSITIVE_INFINITY)),
                Arguments.of("empty tensors", (Executable) () -> assertEquals(0.0, Tensor.zeros(0, 3).sum().item())),
                Arguments.of("a parameter that does not require grad is skipped by step()", (Executable) () -> {
                    Tensor frozen = Tensor.vector(1, 2);
                    new SGD(List.of(frozen), 0.1).step();
                    assertArrayEquals(new double[] {1, 2}, frozen.toArray(), 0.0);
                }));
    }
}
