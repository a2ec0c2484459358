package io.gradgen.processor.fuzz;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Interpreter.Outcome;
import io.gradgen.processor.fuzz.Oracle.Failure;
import io.gradgen.processor.fuzz.Oracle.Kind;
import io.gradgen.processor.fuzz.Oracle.Stats;
import io.gradgen.processor.testing.Losses;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The numeric check of a batch loss (see {@link BatchGenerator}): one sample point is a whole batch,
 * every {@code double[][]} a tensor of shape {@code [rows, length]} and every {@code int[]} one of
 * shape {@code [rows]}. At each of up to {@link #BATCHES} batches that the {@link Interpreter} finds
 * smooth (the same path when any one element moves by the finite-difference steps), the generated
 * forward must return a 0-dim tensor equal to the plain method, and its backward must fill a
 * {@code [rows, length]} gradient for every {@code double[][]} whose every element equals central
 * differences of the plain method.
 */
final class BatchCheck {
    private BatchCheck() {}

    /** Batches checked per program: each is a forward and a backward of its own. */
    static final int BATCHES = 2;

    static Failure check(Program p, Method plain, LossFunction loss, Stats stats) {
        List<Param> tensors = p.tensorParams();
        int[] offsets = new int[tensors.size() + 1];
        for (int j = 0; j < tensors.size(); j++) {
            offsets[j + 1] = offsets[j] + tensors.get(j).width();
        }
        Random rng = new Random(p.seed());
        List<double[]> points = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (int attempt = 0; attempt < Oracle.ATTEMPTS && points.size() < BATCHES; attempt++) {
            double[] x = new double[offsets[tensors.size()]];
            for (int j = 0; j < tensors.size(); j++) {
                for (int slot = offsets[j]; slot < offsets[j + 1]; slot++) {
                    x[slot] = tensors.get(j).draw(rng);
                }
            }
            Outcome o = Oracle.smoothAt(p, x);
            if (o != null) {
                points.add(x);
                outcomes.add(o);
            }
        }
        if (points.isEmpty()) {
            stats.degenerate++;
            return null;
        }
        stats.checked++;
        stats.points += points.size();
        for (int i = 0; i < points.size(); i++) {
            Failure f = checkBatch(p, plain, loss, tensors, offsets, points.get(i), outcomes.get(i), stats);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static Failure checkBatch(Program p, Method plain, LossFunction loss, List<Param> tensors, int[] offsets,
            double[] x, Outcome outcome, Stats stats) {
        double plainValue = Losses.callPlain(plain, Oracle.arguments(p, x));
        if (Double.compare(plainValue, outcome.value()) != 0) {
            return new Failure(Kind.HARNESS, p, "the interpreter gives " + outcome.value() + ", the plain method "
                    + plainValue + " at " + Oracle.describe(tensors, x));
        }
        Tensor[] inputs = new Tensor[tensors.size()];
        for (int j = 0; j < inputs.length; j++) {
            Param t = tensors.get(j);
            inputs[j] = t.kind() == Param.Kind.LABELS ? Tensor.labels(Oracle.labels(t, x, offsets[j]))
                    : Tensor.of(Arrays.copyOfRange(x, offsets[j], offsets[j + 1]), t.rows(), t.length()).requiresGrad(true);
        }
        Tensor result = Losses.forwardTyped(loss, inputs);
        if (result.shape().length != 0) {
            return new Failure(Kind.FORWARD, p, "a batch loss's result of shape " + Arrays.toString(result.shape()));
        }
        double tolerance = Oracle.FORWARD_TOLERANCE * Math.max(1, outcome.maxMagnitude());
        if (!(Math.abs(result.item() - plainValue) <= tolerance)) {
            return new Failure(Kind.FORWARD, p, "at " + Oracle.describe(tensors, x) + ": generated " + result.item()
                    + ", plain method " + plainValue);
        }
        result.backward();
        List<String> wrong = new ArrayList<>();
        for (int j = 0; j < inputs.length; j++) {
            Param t = tensors.get(j);
            if (!t.isDifferentiable()) {
                continue;
            }
            Tensor grad = inputs[j].grad();
            if (grad == null) {
                return new Failure(Kind.GRADIENT, p, "no gradient reached " + t.name());
            }
            if (!Arrays.equals(grad.shape(), new int[] {t.rows(), t.length()})) {
                return new Failure(Kind.GRADIENT, p, "the gradient of " + t.name() + " has shape "
                        + Arrays.toString(grad.shape()) + ", not [" + t.rows() + ", " + t.length() + "]");
            }
            double[] g = grad.toArray();
            for (int e = 0; e < g.length; e++) {
                String mismatch = Oracle.gradientMismatch(plain, p, x, offsets[j] + e, t.scale(), g[e],
                        outcome.maxMagnitude(), stats);
                if (mismatch != null) {
                    wrong.add("d/d" + t.name() + "[" + e / t.length() + "][" + e % t.length() + "] at "
                            + Oracle.describe(tensors, x) + ": " + mismatch);
                }
            }
        }
        return wrong.isEmpty() ? null : new Failure(Kind.GRADIENT, p, String.join("\n", wrong));
    }
}
