package com.example.fit;

import io.gradgen.Tensor;
import io.gradgen.nn.Linear;
import io.gradgen.optim.SGD;
import java.util.Random;

/** Fits y = 2x + 1 with Linear(1, 1), the generated HuberLoss and SGD; exits with 1 if it does not. */
public final class Fit {
    private Fit() {
    }

    /** The learned weight and bias. */
    static double[] train() {
        Random rng = new Random(7);
        Tensor x = Tensor.randn(rng, 128, 1);
        Tensor y = x.mul(2.0).add(1.0);
        Linear model = new Linear(1, 1, rng);
        HuberLoss loss = new HuberLoss();
        SGD optimizer = new SGD(model.parameters(), 0.1);
        for (int step = 0; step < 600; step++) {
            Tensor value = loss.forward(model.forward(x), y);
            optimizer.zeroGrad();
            value.backward();
            optimizer.step();
        }
        return new double[] {model.weight().item(), model.bias().item()};
    }

    public static void main(String[] args) {
        double[] wb = train();
        System.out.printf("fit: y = %.4f x + %.4f%n", wb[0], wb[1]);
        if (Math.abs(wb[0] - 2.0) > 1e-3 || Math.abs(wb[1] - 1.0) > 1e-3) {
            System.exit(1);
        }
    }
}
