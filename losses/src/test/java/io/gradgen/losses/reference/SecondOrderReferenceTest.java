package io.gradgen.losses.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.LossFunction;
import io.gradgen.SecondOrderLoss;
import io.gradgen.Tensor;
import io.gradgen.autograd.GradCheck;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole catalogue's second derivatives, at PyTorch's reference points: for every case of
 * {@code reference/torch-losses.json}, the loss built with the case's options is a
 * {@link SecondOrderLoss} (every catalogue loss takes its prediction first and none is a batch
 * loss), and {@link GradCheck#checkSecondOrder} passes on the case's inputs: the gradient against
 * central differences of the unreduced loss, the Hessian's diagonal against central differences of
 * the gradient. The closed forms of the common losses are in {@code secondorder.SecondOrderCatalogueTest}.
 */
class SecondOrderReferenceTest {

    @TestFactory
    Stream<DynamicTest> everyCatalogueLossHasCheckedSecondDerivatives() {
        return TorchReferenceTest.CASES.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
    }

    private static void check(TorchCase c) {
        LossFunction loss = TorchReferenceTest.build(c);
        SecondOrderLoss second = assertInstanceOf(SecondOrderLoss.class, loss, c.id());
        Tensor[] inputs = c.inputs().stream().map(in -> in.values().tensor()).toArray(Tensor[]::new);
        Tensor[] others = new Tensor[inputs.length - 1];
        System.arraycopy(inputs, 1, others, 0, others.length);

        GradCheck.SecondOrderResult result = GradCheck.checkSecondOrder(second, inputs[0], others);

        assertEquals(inputs[0].numel(), result.hessian().checkedElements(), c.id() + ": every element checked");
        assertTrue(result.passed(), () -> c.id() + ": " + result);
    }
}
