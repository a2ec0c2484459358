package io.gradgen.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import io.gradgen.train.History;
import io.gradgen.train.Training;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The training DSL with generated losses: a step is the hand-written step, and an unreduced loss is refused. */
class GeneratedLossTrainingTest {

    private static final int N = 8;

    @Test
    void oneFullBatchStepEqualsTheHandWrittenStep() {
        Tensor x = Tensor.randn(new Random(1), N, 2);
        Tensor y = Tensor.randn(new Random(2), N, 1).mul(3);
        Linear trained = new Linear(2, 1, new Random(3));
        Linear byHand = new Linear(2, 1, new Random(3));

        History history = Training.of(trained).loss(new HuberLoss(0.5)).optimizer(p -> new SGD(p, 0.1))
                .data(x, y).batchSize(N).epochs(1).progress(false).fit();

        Tensor loss = new HuberLoss(0.5).forward(byHand.forward(x), y);
        double lossBefore = loss.item();
        SGD sgd = new SGD(byHand.parameters(), 0.1);
        sgd.zeroGrad();
        loss.backward();
        sgd.step();

        assertEquals(lossBefore, history.losses()[0], 1e-12);
        assertArrayEquals(byHand.weight().toArray(), trained.weight().toArray(), 1e-12);
        assertArrayEquals(byHand.bias().toArray(), trained.bias().toArray(), 1e-12);
    }

    @Test
    void aGeneratedLossWithoutReductionIsRefusedBeforeAnyStep() {
        Tensor x = Tensor.randn(new Random(4), N, 3);
        Tensor labels = Tensor.labels(new int[] {0, 1, 2, 0, 1, 2, 0, 1});
        Linear model = new Linear(3, 3, new Random(5));
        double[] before = model.weight().toArray();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Training.of(model)
                .loss(new CrossEntropyLoss()).optimizer(p -> new SGD(p, 0.1)).data(x, labels)
                .progress(false).fit());
        assertEquals("fit(): the loss returned a tensor of shape [8]; training needs one number per batch, so use a"
                + " loss with the MEAN or SUM reduction", e.getMessage());
        assertArrayEquals(before, model.weight().toArray(), 0.0);
        assertNull(model.weight().grad());
    }
}
