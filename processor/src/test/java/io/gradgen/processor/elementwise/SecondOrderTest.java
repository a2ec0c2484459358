package io.gradgen.processor.elementwise;

import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.LossFunction;
import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.elementwise.Samples.Batch;
import io.gradgen.processor.elementwise.Samples.Shape;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.Losses;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated element-wise loss whose first parameter is its prediction is a
 * {@link SecondOrderLoss}: its gradient equals the backward's under {@code Reduction.NONE} with an
 * upstream of ones, and its Hessian is the central difference of that gradient, at points away from
 * the loss's kinks.
 */
class SecondOrderTest {
    private static final Shape SHAPE = new Shape(4, 5);

    static Stream<LossCase> cases() {
        return ElementwiseCorpus.CASES.stream().filter(c -> c.args().get(0) instanceof LossCase.Input);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientIsTheBackwardsAndHessianIsItsDerivative(LossCase lossCase) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        LossFunction loss = ElementwiseLossFunctionalTest.newLoss(compiled, lossCase);
        assertWithMessage("%s implements SecondOrderLoss", lossCase).that(loss).isInstanceOf(SecondOrderLoss.class);
        SecondOrderLoss second = (SecondOrderLoss) loss;
        Batch batch = Samples.draw(lossCase, SHAPE);
        int n = SHAPE.numel();
        double[] grad = new double[n];
        double[] hess = new double[n];
        Tensor[] tensors = batch.tensors();
        second.gradientAndHessian(tensors[0], grad, hess, Arrays.copyOfRange(tensors, 1, tensors.length));

        Tensor[] leaves = batch.tensors(true);
        Tensor out = Losses.forwardTyped(Losses.withReduction(loss, Reduction.NONE), leaves);
        out.backward(Tensor.ones(SHAPE.dims()));
        double[] backward = leaves[0].grad().toArray();
        for (int i = 0; i < n; i++) {
            assertWithMessage("%s: gradient %s", lossCase, batch.describe(i))
                    .that(grad[i]).isWithin(1e-12 * Math.max(1, Math.abs(backward[i]))).of(backward[i]);
        }

        for (int i = 0; i < n; i++) {
            double x = batch.x()[0][i];
            double h = 1e-5 * Math.max(1, Math.abs(x));
            double[] plus = gradientAt(second, batch, i, x + h);
            double[] minus = gradientAt(second, batch, i, x - h);
            double numeric = (plus[i] - minus[i]) / (2 * h);
            assertWithMessage("%s: hessian %s", lossCase, batch.describe(i))
                    .that(hess[i]).isWithin(1e-5 * Math.max(1, Math.abs(numeric))).of(numeric);
        }
    }

    /** The gradient with the prediction's element i set to {@code value}. */
    private static double[] gradientAt(SecondOrderLoss loss, Batch batch, int i, double value) {
        double[] pred = batch.x()[0].clone();
        pred[i] = value;
        Tensor[] tensors = batch.with(0, pred).tensors();
        double[] grad = new double[pred.length];
        loss.gradientAndHessian(tensors[0], grad, new double[pred.length],
                Arrays.copyOfRange(tensors, 1, tensors.length));
        return grad;
    }
}
