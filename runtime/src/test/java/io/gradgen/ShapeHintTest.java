package io.gradgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Shape mismatches a trailing dimension of 1 apart name the call that fixes them. */
class ShapeHintTest {

    private static final String[] NAMES = {"pred", "target"};

    @Test
    void aLossTargetMissingTheTrailingOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossInputs.elementBatchShape("MSELoss", NAMES, new Tensor[] {Tensor.zeros(64, 1), Tensor.zeros(64)}));
        assertEquals("MSELoss: pred has shape [64, 1] but target has shape [64]; every input must have the batch shape;"
                + " call target.reshape(64, 1) (or target.unsqueeze(-1))", e.getMessage());
    }

    @Test
    void aLossTargetWithAnExtraTrailingOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossInputs.elementBatchShape("MSELoss", NAMES, new Tensor[] {Tensor.zeros(64), Tensor.zeros(64, 1)}));
        assertEquals("MSELoss: pred has shape [64] but target has shape [64, 1]; every input must have the batch shape;"
                + " call target.reshape(64) (or target.squeeze(-1))", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LossInputs.elementBatchShape("MSELoss", NAMES, new Tensor[] {Tensor.scalar(1), Tensor.zeros(1)}));
        assertEquals("MSELoss: pred has shape [] but target has shape [1]; every input must have the batch shape;"
                + " call target.reshape() (or target.squeeze(-1))", e.getMessage());
    }

    @Test
    void labelsOfARowLossWithAnExtraTrailingOne() {
        String[] names = {"logits", "target"};
        boolean[] rows = {true, false};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossInputs.batchShape("CE",
                names, rows, new Tensor[] {Tensor.zeros(4, 10), Tensor.zeros(4, 1)}));
        assertEquals("CE: logits has shape [4, 10] (batch shape [4]) but target has shape [4, 1]; every input must"
                + " have the same batch shape (a row parameter's shape without its last dimension); call"
                + " target.reshape(4) (or target.squeeze(-1))", e.getMessage());
    }

    @Test
    void aRowInputMissingABatchDimensionOfOne() {
        String[] names = {"target", "logits"};
        boolean[] rows = {false, true};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossInputs.batchShape("CE",
                names, rows, new Tensor[] {Tensor.zeros(4, 1), Tensor.zeros(4, 10)}));
        assertEquals("CE: target has shape [4, 1] but logits has shape [4, 10] (batch shape [4]); every input must"
                + " have the same batch shape (a row parameter's shape without its last dimension); call"
                + " logits.reshape(4, 1, 10) (or logits.unsqueeze(-2))", e.getMessage());
    }

    @Test
    void noHintWhenNoTrailingOneSeparatesTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossInputs.elementBatchShape("MSELoss", NAMES, new Tensor[] {Tensor.zeros(64, 2), Tensor.zeros(64)}));
        assertEquals("MSELoss: pred has shape [64, 2] but target has shape [64]; every input must have the batch shape",
                e.getMessage());
    }

    @Test
    void backwardWithAGradientMissingTheTrailingOne() {
        Tensor y = Tensor.zeros(2, 1).requiresGrad(true).mul(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(2)));
        assertEquals("backward: gradient has shape [2] but the tensor has shape [2, 1]; they must be equal;"
                + " call gradient.reshape(2, 1) (or gradient.unsqueeze(-1))", e.getMessage());
    }

    @Test
    void anInPlaceOperandWithAnExtraTrailingOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(3).addInPlace(Tensor.ones(3, 1), 1));
        assertEquals("addInPlace: a tensor of shape [3, 1] cannot be broadcast to this tensor's shape [3];"
                + " call other.reshape(3) (or other.squeeze(-1))", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, 1).copyInPlace(Tensor.ones(3)));
        assertEquals("copyInPlace: a tensor of shape [3] cannot be broadcast to this tensor's shape [3, 1];"
                + " call source.reshape(3, 1) (or source.unsqueeze(-1))", e.getMessage());
    }

    @Test
    void gatherIndicesWithAnExtraTrailingOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 5).gatherLast(Tensor.zeros(2, 1)));
        assertEquals("gatherLast: index has shape [2, 1] but the tensor has shape [2, 5]; index must have the tensor's"
                + " shape without its last dimension, [2]; call index.reshape(2) (or index.squeeze(-1))", e.getMessage());
    }
}
