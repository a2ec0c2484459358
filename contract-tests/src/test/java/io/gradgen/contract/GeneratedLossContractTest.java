package io.gradgen.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.autograd.GradCheck;
import io.gradgen.autograd.NoGrad;
import io.gradgen.nn.Linear;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated losses ({@link ContractLosses}, compiled by the processor in this module's build) work with
 * the runtime's engine, {@code GradCheck}, {@code nn} and grad mode, and check their inputs with the
 * messages the contract promises.
 */
class GeneratedLossContractTest {

    @Test
    void huberForwardMatchesPlainMethod() {
        Tensor pred = Tensor.vector(0, 0.5, 3);
        Tensor target = Tensor.vector(0, 0, 0);
        double expected = (0 + 0.125 + 2.5) / 3;
        assertEquals(expected, new HuberLoss().forward(pred, target).item(), 1e-15);
        assertArrayEquals(new int[0], new HuberLoss().forward(pred, target).shape());
    }

    @Test
    void huberGradientsPassGradCheck() {
        Tensor pred = Tensor.randn(new Random(1), 3, 4).mul(2).requiresGrad(true);
        Tensor target = Tensor.randn(new Random(2), 3, 4).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(new HuberLoss(0.7), pred, target);
        assertTrue(r.passed(), r.toString());
        assertEquals(24, r.checkedElements());
    }

    @Test
    void onlyInputsThatRequireGradAreChecked() {
        Tensor pred = Tensor.randn(new Random(1), 5).requiresGrad(true);
        Tensor target = Tensor.randn(new Random(2), 5);
        GradCheck.Result r = GradCheck.check(new HuberLoss(), pred, target);
        assertTrue(r.passed(), r.toString());
        assertEquals(5, r.checkedElements());
        assertEquals(0, r.inputIndex());
    }

    @Test
    void lossFlowsIntoModelParameters() {
        Linear layer = new Linear(3, 1, new Random(3));
        Tensor x = Tensor.randn(new Random(4), 8, 3);
        Tensor y = Tensor.randn(new Random(5), 8, 1);
        Tensor loss = new HuberLoss().forward(layer.forward(x), y);
        assertEquals("HuberLossBackward", loss.gradFn().name());
        loss.backward();
        assertArrayEquals(new int[] {1, 3}, layer.weight().grad().shape());
        assertArrayEquals(new int[] {1}, layer.bias().grad().shape());
        assertNull(y.grad());
    }

    @Test
    void inPlaceUpdateBetweenForwardAndBackwardIsCaught() {
        Tensor pred = Tensor.vector(1, 2).requiresGrad(true);
        Tensor loss = new HuberLoss().forward(pred, Tensor.zeros(2));
        NoGrad.run(() -> pred.addInPlace(Tensor.ones(2), -0.1));
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().startsWith("HuberLoss: input pred was modified in place after the forward pass"
                + " (version 0 at the forward, version 1 now)"), e.getMessage());
    }

    @Test
    void noGradResultIsALeaf() {
        Tensor pred = Tensor.ones(2).requiresGrad(true);
        Tensor loss = NoGrad.call(() -> new HuberLoss().forward(pred, Tensor.zeros(2)));
        assertTrue(loss.isLeaf());
    }

    @Test
    void varargsForwardChecksArity() {
        LossFunction loss = new HuberLoss();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.forward(Tensor.ones(1), Tensor.ones(1), Tensor.ones(1)));
        assertEquals("HuberLoss.forward takes 2 tensors (pred, target), got 3", e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> loss.forward(Tensor.ones(1), null));
        assertEquals("HuberLoss.forward: target is null", npe.getMessage());
        assertEquals(0.5, loss.forward(Tensor.ones(1), Tensor.zeros(1)).item());
    }

    @Test
    void batchShapeMismatchNamesParametersAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HuberLoss().forward(Tensor.zeros(3, 4), Tensor.zeros(4)));
        assertEquals("HuberLoss: pred has shape [3, 4] but target has shape [4]; every input must have the batch shape",
                e.getMessage());
    }

    @Test
    void crossEntropyMatchesOpComposition() {
        Tensor logits = Tensor.randn(new Random(6), 2, 3, 5).requiresGrad(true);
        Tensor target = Tensor.of(new double[] {0, 4, 2, 1, 3, 3}, 2, 3);
        Tensor perPosition = new CrossEntropyLoss().forward(logits, target);
        Tensor reference = logits.logSoftmax(-1).gatherLast(target).neg();
        assertTrue(perPosition.allClose(reference, 1e-12, 1e-12), perPosition + " vs " + reference);
        GradCheck.assertGradients(new CrossEntropyLoss(), logits, target);
    }

    @Test
    void crossEntropyRejectsBadIndexNamingPosition() {
        Tensor logits = Tensor.zeros(2, 3, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(logits, Tensor.of(new double[] {0, 1, 2, 3, 5, 0}, 2, 3)));
        assertEquals("CrossEntropyLoss: target at batch position 4 is 5.0, which is out of range; expected an"
                + " integer in [0, 5)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(logits, Tensor.of(new double[] {0, 1.5, 2, 3, 4, 0}, 2, 3)));
        assertEquals("CrossEntropyLoss: target at batch position 1 is 1.5, which is not an integer",
                e.getMessage());
    }

    @Test
    void crossEntropyRejectsMismatchedBatchShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(Tensor.zeros(3, 4), Tensor.zeros(4)));
        assertEquals("CrossEntropyLoss: logits has shape [3, 4] (batch shape [3]) but target has shape [4]; every input"
                + " must have the same batch shape (a row parameter's shape without its last dimension)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(Tensor.scalar(1), Tensor.scalar(0)));
        assertEquals("CrossEntropyLoss: logits is a row (double[]) parameter and needs a tensor with at least 1"
                + " dimension, but it has shape []", e.getMessage());
    }
}
