package io.gradgen.processor.testing;

import io.gradgen.LossFunction;
import io.gradgen.LossResults;
import io.gradgen.Tensor;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The ways a test uses a generated loss to hold its fused pass (value and gradients together,
 * delivered by the backward) against its two passes ({@code LossResults.fusing(false)}): leaves with
 * no gradient yet, zeroed leaves whose gradient array is exchanged over several steps, computed
 * inputs (the gradient handed on through the graph), an upstream gradient other than 1 (not
 * delivered: two passes), and a second backward over the same graph (computed again). Each
 * returns the value, then each leaf's gradient.
 */
public enum FusedScenario {
    /** Fresh leaves: the gradient arrays become the leaves' gradients. */
    FRESH_LEAVES {
        @Override
        double[][] steps(LossFunction loss, Tensor[] leaves) {
            return step(loss, leaves, UnaryOperator.identity(), 1.0, 1);
        }
    },
    /** Three training steps with zeroGrad(): arrays exchanged and reused. */
    ZEROED_LEAVES_THREE_STEPS {
        @Override
        double[][] steps(LossFunction loss, Tensor[] leaves) {
            double[][] result = null;
            for (int s = 0; s < 3; s++) {
                Arrays.stream(leaves).forEach(Tensor::zeroGrad);
                result = step(loss, leaves, UnaryOperator.identity(), 1.0, 1);
            }
            return result;
        }
    },
    /** Inputs computed from the leaves: the gradient flows on through the graph. */
    COMPUTED_INPUTS {
        @Override
        double[][] steps(LossFunction loss, Tensor[] leaves) {
            return step(loss, leaves, t -> t.requiresGrad() ? t.mul(1.0) : t, 1.0, 1);
        }
    },
    /** loss · 2: an upstream gradient of 2. */
    SCALED_UPSTREAM {
        @Override
        double[][] steps(LossFunction loss, Tensor[] leaves) {
            return step(loss, leaves, UnaryOperator.identity(), 2.0, 1);
        }
    },
    /** backward() twice over the same graph. */
    TWO_BACKWARDS {
        @Override
        double[][] steps(LossFunction loss, Tensor[] leaves) {
            return step(loss, leaves, UnaryOperator.identity(), 1.0, 2);
        }
    };

    abstract double[][] steps(LossFunction loss, Tensor[] leaves);

    /**
     * Runs the scenario with fusing on or off.
     *
     * @param loss the loss
     * @param leaves fresh leaf tensors of the inputs, each call its own
     * @param fused whether the forward may fuse
     * @return the value, then each leaf's gradient (empty when it has none)
     */
    public double[][] run(LossFunction loss, Supplier<Tensor[]> leaves, boolean fused) {
        LossResults.fusing(fused);
        try {
            return steps(loss, leaves.get());
        } finally {
            LossResults.fusing(true);
        }
    }

    static double[][] step(LossFunction loss, Tensor[] leaves, UnaryOperator<Tensor> input, double upstream,
            int backwards) {
        Tensor[] inputs = Arrays.stream(leaves).map(input).toArray(Tensor[]::new);
        Tensor value = loss.forward(inputs);
        Tensor root = upstream == 1.0 ? value : value.mul(upstream);
        for (int b = 0; b < backwards; b++) {
            root.backward();
        }
        double[][] result = new double[leaves.length + 1][];
        result[0] = value.toArray();
        for (int j = 0; j < leaves.length; j++) {
            result[j + 1] = leaves[j].grad() == null ? new double[0] : leaves[j].grad().toArray();
        }
        return result;
    }

    /** The bits of each value, with -0.0 read as 0.0. */
    public static long[] bits(double[] values) {
        return Arrays.stream(values).map(v -> v == 0.0 ? 0.0 : v).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
