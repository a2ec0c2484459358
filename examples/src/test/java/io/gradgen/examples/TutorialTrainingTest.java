package io.gradgen.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TutorialTrainingTest {

    @Test
    void trainingReachesTheClosedFormLeastSquaresFit() {
        TutorialTraining.Result r = TutorialTraining.train(new Random(42), false);
        assertEquals(r.leastSquares()[0], r.weight(), 1e-9, "weight");
        assertEquals(r.leastSquares()[1], r.bias(), 1e-9, "bias");
        assertEquals(3.0, r.weight(), 0.1);
        assertEquals(2.0, r.bias(), 0.1);
    }

    @Test
    void theThreeLineDslRunsTheSameStepsAsTheHandWrittenLoop() {
        TutorialTraining.Result loop = TutorialTraining.train(new Random(42), false);
        TutorialTraining.Result dsl = TutorialTraining.trainWithDsl(new Random(42));
        assertEquals(loop.weight(), dsl.weight(), 0.0);
        assertEquals(loop.bias(), dsl.bias(), 0.0);
        assertEquals(loop.finalLoss(), dsl.finalLoss(), 0.0);
        assertEquals(dsl.leastSquares()[0], dsl.weight(), 1e-9);
    }

    @Test
    void customLossIsTheSumOfSquaresWithItsGeneratedBackward() {
        Tensor pred = Tensor.of(new double[] {1, 2, 4}, 3).requiresGrad(true);
        Tensor target = Tensor.of(new double[] {0, 2, 1}, 3);
        Tensor loss = new CustomLoss().forward(pred, target);
        assertEquals(1 + 0 + 9, loss.item(), 0);
        assertInstanceOf(CustomLossBackward.class, loss.gradFn());
        loss.backward();
        assertTrue(java.util.Arrays.equals(new double[] {2, 0, 6}, pred.grad().toArray()));
    }

    @Test
    void meanLossAveragesAndSpreadsTheGradientEvenly() {
        Tensor input = Tensor.of(new double[] {1, 2, 3, 6}, 2, 2).requiresGrad(true);
        Tensor loss = new MeanLoss().forward(input);
        assertEquals(3.0, loss.item(), 0);
        loss.backward();
        assertTrue(java.util.Arrays.equals(new double[] {0.25, 0.25, 0.25, 0.25}, input.grad().toArray()));
    }
}
