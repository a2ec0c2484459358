package io.gradgen.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradgen.Tensor;
import io.gradgen.losses.CrossEntropyLoss;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written training step does what the runtime's step does: same loss, same updated parameters. */
class HandTrainingTest {

    @Test
    void linearCrossEntropyStepMatchesTheRuntime() {
        int batch = 8;
        int in = 20;
        int out = 5;
        Tensor x = Tensor.rand(new Random(1), batch, in);
        int[] labels = Inputs.labels(2, batch, out);
        Linear layer = new Linear(in, out, new Random(3));
        double[] w = layer.weight().toArray();
        double[] b = layer.bias().toArray();

        SGD sgd = new SGD(layer.parameters(), 0.1);
        Tensor loss = new CrossEntropyLoss().forward(layer.forward(x), Inputs.labelTensor(labels));
        sgd.zeroGrad();
        loss.backward();
        sgd.step();

        double hand = HandTraining.linearCrossEntropyStep(x.toArray(), labels, w, b, new double[batch * out],
                new double[out * in], batch, in, out, 0.1);
        assertEquals(loss.item(), hand, 1e-12);
        assertArrayEquals(layer.weight().toArray(), w, 1e-12);
        assertArrayEquals(layer.bias().toArray(), b, 1e-12);
    }
}
