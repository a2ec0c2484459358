package io.gradgen.processor.rows;

import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.LossFunction;
import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.rows.RowSamples.Batch;
import io.gradgen.processor.rows.RowSamples.Shape;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.Losses;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated row loss whose first parameter is its prediction is a {@link SecondOrderLoss}:
 * the gradient equals the backward's under {@code Reduction.NONE}, and the Hessian's diagonal
 * (element {@code (n, c)}: ∂²ℓ_n/∂x[n][c]²) is the central difference of that gradient element when
 * only {@code x[n][c]} moves.
 */
class RowSecondOrderTest {
    private static final Shape SHAPE = new Shape(2, 3);

    static Stream<RowLossCase> cases() {
        return RowCorpus.CASES.stream().filter(c -> c.args().get(0) instanceof RowLossCase.Input input
                && input.differentiable());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientIsTheBackwardsAndHessianIsItsDiagonalDerivative(RowLossCase lossCase) {
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        LossFunction loss = RowLossFunctionalTest.newLoss(compiled, lossCase);
        assertWithMessage("%s implements SecondOrderLoss", lossCase).that(loss).isInstanceOf(SecondOrderLoss.class);
        SecondOrderLoss second = (SecondOrderLoss) loss;
        Batch batch = RowSamples.draw(lossCase, SHAPE);
        Tensor[] tensors = batch.tensors();
        int numel = tensors[0].numel();
        double[] grad = new double[numel];
        double[] hess = new double[numel];
        second.gradientAndHessian(tensors[0], grad, hess, Arrays.copyOfRange(tensors, 1, tensors.length));

        Tensor[] leaves = batch.tensors(true);
        Tensor out = Losses.forwardTyped(Losses.withReduction(loss, Reduction.NONE), leaves);
        out.backward(Tensor.ones(SHAPE.dims()));
        double[] backward = leaves[0].grad().toArray();
        for (int e = 0; e < numel; e++) {
            assertWithMessage("%s: gradient element %s", lossCase, e)
                    .that(grad[e]).isWithin(1e-12 * Math.max(1, Math.abs(backward[e]))).of(backward[e]);
        }
        for (int e = 0; e < numel; e++) {
            double x = batch.data()[0][e];
            double h = 1e-5 * Math.max(1, Math.abs(x));
            double numeric = (gradientAt(second, batch, e, x + h) - gradientAt(second, batch, e, x - h)) / (2 * h);
            assertWithMessage("%s: hessian element %s (%s)", lossCase, e, batch.describe(e / (numel / SHAPE.numel())))
                    .that(hess[e]).isWithin(1e-5 * Math.max(1, Math.abs(numeric))).of(numeric);
        }
    }

    /** Gradient element e with the prediction's element e set to {@code value}. */
    private static double gradientAt(SecondOrderLoss loss, Batch batch, int e, double value) {
        double[] pred = batch.data()[0].clone();
        pred[e] = value;
        Tensor[] tensors = batch.with(0, pred).tensors();
        double[] grad = new double[pred.length];
        loss.gradientAndHessian(tensors[0], grad, new double[pred.length],
                Arrays.copyOfRange(tensors, 1, tensors.length));
        return grad[e];
    }
}
