package io.gradgen.train;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;

/**
 * Losses written by hand from the runtime's differentiable operations, as a user without the
 * annotation processor writes them. They are not stand-ins for generated classes: the training DSL
 * takes any {@link LossFunction}, and one composed from {@code Tensor} operations (whose backward is
 * the built-in operations' graph) is a loss users write. The DSL with generated losses is tested in
 * the contract-tests module ({@code GeneratedLossTrainingTest}).
 */
final class TestLosses {
    private TestLosses() {
    }

    /** The one place a test loss meets {@link LossFunction}'s contract. */
    abstract static class Base implements LossFunction {
    }

    /** {@code mean((prediction − target)²)}, PyTorch's {@code MSELoss}. */
    static final class Mse extends Base {
        @Override
        public Tensor forward(Tensor... inputs) {
            return inputs[0].sub(inputs[1]).pow(2).mean();
        }
    }

    /** {@code mean(−log softmax(logits)[label])}, PyTorch's {@code CrossEntropyLoss} with class indices. */
    static final class CrossEntropy extends Base {
        @Override
        public Tensor forward(Tensor... inputs) {
            return inputs[0].logSoftmax(-1).gatherLast(inputs[1]).neg().mean();
        }
    }

    /** Squared errors without a reduction: not something training can minimise. */
    static final class Unreduced extends Base {
        @Override
        public Tensor forward(Tensor... inputs) {
            return inputs[0].sub(inputs[1]).pow(2);
        }
    }
}
