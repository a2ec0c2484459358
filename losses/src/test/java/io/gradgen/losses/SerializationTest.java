package io.gradgen.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** Generated losses are Serializable (their state is their options), so Spark can ship them to executors. */
class SerializationTest {

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void optionsAndReductionSurviveARoundTrip() throws Exception {
        Tensor pred = Tensor.of(new double[] {0.1, 2.0, -3.0}, 3);
        Tensor target = Tensor.of(new double[] {0, 0, 0}, 3);
        HuberLoss huber = new HuberLoss(0.5).withReduction(Reduction.SUM);
        HuberLoss copy = roundTrip(huber);
        assertEquals(huber.forward(pred, target).item(), copy.forward(pred, target).item(), 0.0);
        assertEquals(0.5, copy.delta(), 0.0);
        assertEquals(Reduction.SUM, copy.reduction());

        Tensor logp = Tensor.of(new double[] {-1, -2, -0.5, -0.3, -2, -3}, 2, 3);
        Tensor labels = Tensor.of(new double[] {2, 0}, 2);
        NLLLoss weighted = roundTrip(new NLLLoss().withWeight(new double[] {1, 2, 3}));
        assertEquals(new NLLLoss().withWeight(new double[] {1, 2, 3}).forward(logp, labels).item(),
                weighted.forward(logp, labels).item(), 0.0);
        NLLLoss unweighted = roundTrip(new NLLLoss().withReduction(Reduction.SUM));
        assertEquals(null, unweighted.weight());
        assertEquals(new NLLLoss().withReduction(Reduction.SUM).forward(logp, labels).item(),
                unweighted.forward(logp, labels).item(), 0.0);

        @SuppressWarnings("removal")
        LossFunction deprecated = roundTrip(new WeightedNLLLoss(new double[] {1, 2, 3}, -100));
        assertEquals(weighted.forward(logp, labels).item(), deprecated.forward(logp, labels).item(), 0.0);
    }
}
