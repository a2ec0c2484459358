package io.gradgen.losses.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.LossFunction;
import io.gradgen.losses.WeightedBCELoss;
import io.gradgen.losses.WeightedBCEWithLogitsLoss;
import io.gradgen.losses.WeightedCrossEntropyLoss;
import io.gradgen.losses.WeightedMultiLabelSoftMarginLoss;
import io.gradgen.losses.WeightedMultiMarginLoss;
import io.gradgen.losses.WeightedNLLLoss;
import io.gradgen.losses.WeightedSoftTargetCrossEntropyLoss;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code Weighted*} losses of release 0.1, deprecated for removal in 0.3, still match PyTorch on
 * every weighted case of {@code torch-losses.json}, as they did before the weights moved onto the
 * main classes ({@link TorchReferenceTest} runs those cases through {@code withWeight}).
 */
@SuppressWarnings("removal")
class DeprecatedWeightedLossesTest {

    static final List<TorchCase> WEIGHTED = TorchReferenceTest.CASES.stream()
            .filter(c -> c.isSet("weight") || c.isSet("pos_weight")).toList();

    @TestFactory
    Stream<DynamicTest> deprecatedClassesStillMatchPyTorch() {
        return WEIGHTED.stream().map(c -> DynamicTest.dynamicTest(c.id(),
                () -> TorchReferenceTest.run(c, deprecated(c))));
    }

    @Test
    void everyWeightedLossHasCases() {
        // BCE, BCE-with-logits, NLL, cross-entropy (both target forms), multi-margin, multi-label soft-margin
        assertTrue(WEIGHTED.size() >= 10, "weighted cases: " + WEIGHTED.size());
    }

    private static LossFunction deprecated(TorchCase c) {
        var r = TorchReferenceTest.reduction(c.reduction());
        int[] shape = c.inputs().get(0).values().shape();
        int last = shape[shape.length - 1];
        switch (c.loss()) {
            case "BCELoss":
                return new WeightedBCELoss(c.row("weight")).withReduction(r);
            case "BCEWithLogitsLoss":
                // the deprecated class has no optional rows: PyTorch's None is a row of ones
                return new WeightedBCEWithLogitsLoss(c.isSet("weight") ? c.row("weight") : ones(last),
                        c.isSet("pos_weight") ? c.row("pos_weight") : ones(last)).withReduction(r);
            case "MultiMarginLoss":
                return new WeightedMultiMarginLoss(c.i("p"), c.d("margin"), c.row("weight")).withReduction(r);
            case "MultiLabelSoftMarginLoss":
                return new WeightedMultiLabelSoftMarginLoss(c.row("weight")).withReduction(r);
            case "CrossEntropyLoss":
                return "probabilities".equals(c.variant())
                        ? new WeightedSoftTargetCrossEntropyLoss(c.row("weight"), c.d("label_smoothing")).withReduction(r)
                        : new WeightedCrossEntropyLoss(c.row("weight"), c.i("ignore_index"), c.d("label_smoothing"))
                                .withReduction(r);
            case "NLLLoss":
                return new WeightedNLLLoss(c.row("weight"), c.i("ignore_index")).withReduction(r);
            default:
                throw new AssertionError("no weighted form of " + c.loss());
        }
    }

    private static double[] ones(int n) {
        double[] row = new double[n];
        Arrays.fill(row, 1.0);
        return row;
    }
}
