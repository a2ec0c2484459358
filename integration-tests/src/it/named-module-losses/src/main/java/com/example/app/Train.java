package com.example.app;

import io.gradgen.Tensor;
import io.gradgen.kernels.VectorMath;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import java.util.Random;

/** Fits y = 2x + 1 with the generated LogCoshLoss and checks SummedCrossEntropy's gradient. */
public final class Train {
    private Train() {
    }

    static double[] fit() {
        Random rng = new Random(3);
        Tensor x = Tensor.randn(rng, 128, 1);
        Tensor y = x.mul(2.0).add(1.0);
        Linear model = new Linear(1, 1, rng);
        LogCoshLoss loss = new LogCoshLoss();
        SGD optimizer = new SGD(model.parameters(), 0.5);
        for (int step = 0; step < 400; step++) {
            Tensor value = loss.forward(model.forward(x), y);
            optimizer.zeroGrad();
            value.backward();
            optimizer.step();
        }
        return new double[] {model.weight().item(), model.bias().item()};
    }

    /** d/dlogits of the summed cross-entropy: softmax(logits) - onehot, per row. */
    static double[] crossEntropyGradient() {
        Tensor logits = Tensor.of(new double[] {1.0, 2.0, 0.5, -1.0, 0.0, 3.0}, 2, 3).requiresGrad(true);
        Tensor labels = Tensor.of(new double[] {1, 2}, 2);
        new SummedCrossEntropy().forward(logits, labels).backward();
        return logits.grad().toArray();
    }

    public static void main(String[] args) {
        double[] wb = fit();
        System.out.printf("module %s fit: y = %.4f x + %.4f%n", Train.class.getModule().getName(), wb[0], wb[1]);
        System.out.println("vectorized: " + VectorMath.isVectorized());
        if (Math.abs(wb[0] - 2.0) > 1e-3 || Math.abs(wb[1] - 1.0) > 1e-3) {
            System.exit(1);
        }
    }
}
