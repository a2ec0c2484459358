package io.gradgen.losses.bugs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradgen.Tensor;
import io.gradgen.losses.CrossEntropyLoss;
import io.gradgen.losses.HuberLoss;
import io.gradgen.losses.MultiMarginLoss;
import io.gradgen.losses.NLLLoss;
import io.gradgen.losses.SmoothL1Loss;
import io.gradgen.losses.SoftTargetCrossEntropyLoss;
import io.gradgen.losses.TripletMarginLoss;
import io.gradgen.losses.WeightedCrossEntropyLoss;
import io.gradgen.losses.WeightedMultiMarginLoss;
import io.gradgen.losses.WeightedNLLLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 13, item 3: every option of the catalogue is checked where it is given, with PyTorch's
 * rules, and the message names the option, the value and the allowed range; a class weight of the
 * wrong length is reported as the weight's fault, not the target's. (Before: {@code new HuberLoss(-1)}
 * gave a negative loss, {@code label_smoothing = 1.5} and {@code p = 3} were accepted.)
 */
@SuppressWarnings("removal") // the deprecated Weighted* losses are checked as before
class OptionValidationTest {

    private static void rejected(Executable construction, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "message lacks '" + fragment + "': " + e.getMessage());
        }
    }

    @Test
    void huberDeltaMustBePositive() {
        rejected(() -> new HuberLoss(-1), "HuberLoss", "delta", "> 0", "-1.0");
        rejected(() -> new HuberLoss(0), "delta", "> 0", "0.0");
        rejected(() -> new HuberLoss(Double.NaN), "delta", "NaN");
        assertDoesNotThrow(() -> new HuberLoss(1e-9));
    }

    @Test
    void smoothL1BetaMustNotBeNegative() {
        rejected(() -> new SmoothL1Loss(-0.5), "SmoothL1Loss", "beta", "≥ 0", "-0.5");
        assertDoesNotThrow(() -> new SmoothL1Loss(0));
    }

    @Test
    void labelSmoothingLiesInTheUnitInterval() {
        rejected(() -> new CrossEntropyLoss(-100, 1.5), "CrossEntropyLoss", "labelSmoothing", "in [0, 1]", "1.5");
        rejected(() -> new CrossEntropyLoss(-100, -0.1), "labelSmoothing", "-0.1");
        rejected(() -> new SoftTargetCrossEntropyLoss(2), "SoftTargetCrossEntropyLoss", "labelSmoothing");
        rejected(() -> new WeightedCrossEntropyLoss(new double[] {1, 1}, -100, 1.01), "labelSmoothing");
        assertDoesNotThrow(() -> new CrossEntropyLoss(-100, 1.0));
    }

    @Test
    void multiMarginPIsOneOrTwo() {
        rejected(() -> new MultiMarginLoss(3, 1.0), "MultiMarginLoss", "p", "one of 1, 2", "3");
        rejected(() -> new WeightedMultiMarginLoss(0, 1.0, new double[] {1}), "WeightedMultiMarginLoss", "p");
        assertDoesNotThrow(() -> new MultiMarginLoss(2, 1.0));
    }

    @Test
    void tripletNormDegreeIsPositive() {
        rejected(() -> new TripletMarginLoss(1.0, 0.0, 1e-6, false), "TripletMarginLoss", "p", "> 0");
    }

    @Test
    void copiesAreCheckedAsTheConstructorIs() {
        rejected(() -> new HuberLoss().withDelta(-1), "HuberLoss", "delta", "> 0", "-1.0");
        rejected(() -> new SmoothL1Loss().withBeta(-0.5), "SmoothL1Loss", "beta", "≥ 0", "-0.5");
        rejected(() -> new CrossEntropyLoss().withLabelSmoothing(1.5), "CrossEntropyLoss", "labelSmoothing",
                "in [0, 1]", "1.5");
        rejected(() -> new CrossEntropyLoss().withWeight(new double[] {1, 2}).withLabelSmoothing(Double.NaN),
                "labelSmoothing", "NaN");
        rejected(() -> new SoftTargetCrossEntropyLoss().withLabelSmoothing(-1), "SoftTargetCrossEntropyLoss",
                "labelSmoothing");
        rejected(() -> new MultiMarginLoss().withP(3), "MultiMarginLoss", "p", "one of 1, 2", "3");
        rejected(() -> new TripletMarginLoss().withP(0.0), "TripletMarginLoss", "p", "> 0", "0.0");
        HuberLoss kept = new HuberLoss(0.5);
        assertThrows(IllegalArgumentException.class, () -> kept.withDelta(0));
        assertTrue(kept.delta() == 0.5, "a refused copy leaves the original as it was");
        assertDoesNotThrow(() -> new CrossEntropyLoss().withLabelSmoothing(1.0));
    }

    @Test
    void aClassWeightOfTheWrongLengthIsBlamedOnTheWeight() {
        Tensor logits = Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, 2, 3);
        Tensor target = Tensor.of(new double[] {2, 0}, 2);
        rejected(() -> new WeightedNLLLoss(new double[] {1, 2}, -100).forward(logits, target),
                "weight", "input", "length 2", "length 3");
        rejected(() -> new WeightedCrossEntropyLoss(new double[] {1, 2, 3, 4}, -100, 0.0).forward(logits, target),
                "weight", "length 4");
        rejected(() -> new WeightedMultiMarginLoss(1, 1.0, new double[] {1, 2}).forward(logits, target),
                "weight", "length 2");
        rejected(() -> new NLLLoss().withWeight(new double[] {1, 2}).forward(logits, target),
                "NLLLoss", "weight", "input", "length 2", "length 3");
        rejected(() -> new CrossEntropyLoss(new double[] {1, 2, 3, 4}, -100, 0.0).forward(logits, target),
                "CrossEntropyLoss", "weight", "length 4");
        rejected(() -> new MultiMarginLoss().withWeight(new double[] {1, 2}).forward(logits, target),
                "MultiMarginLoss", "weight", "length 2");
    }
}
