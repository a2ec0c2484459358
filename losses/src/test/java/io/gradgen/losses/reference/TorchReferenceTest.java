package io.gradgen.losses.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.losses.BCELoss;
import io.gradgen.losses.BCEWithLogitsLoss;
import io.gradgen.losses.CosineEmbeddingLoss;
import io.gradgen.losses.CrossEntropyLoss;
import io.gradgen.losses.GaussianNLLLoss;
import io.gradgen.losses.HingeEmbeddingLoss;
import io.gradgen.losses.HuberLoss;
import io.gradgen.losses.KLDivLoss;
import io.gradgen.losses.L1Loss;
import io.gradgen.losses.MSELoss;
import io.gradgen.losses.MarginRankingLoss;
import io.gradgen.losses.MultiLabelSoftMarginLoss;
import io.gradgen.losses.MultiLabelMarginLoss;
import io.gradgen.losses.MultiMarginLoss;
import io.gradgen.losses.NLLLoss;
import io.gradgen.losses.PoissonNLLLoss;
import io.gradgen.losses.SmoothL1Loss;
import io.gradgen.losses.SoftMarginLoss;
import io.gradgen.losses.SoftTargetCrossEntropyLoss;
import io.gradgen.losses.TripletMarginLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The catalogue against PyTorch itself: every case of {@code reference/torch-losses.json} (99 of
 * them, computed by PyTorch 2.7.1 in float64; see {@code src/test/resources/reference/README.md})
 * becomes one test named by the case id. It builds the gradgen loss with the case's options and
 * reduction, runs the forward, then {@code output.backward(upstream)} with the recorded upstream
 * gradient, and requires the output and the gradient of every differentiable input to match.
 *
 * <p>Tolerance: {@code |actual − expected| ≤ max(1e-10·|expected|, 1e-12)}. Relative 1e-10 is
 * what issue 5 asks for; the absolute floor of 1e-12 is there for values that are 0 or within
 * rounding of 0 (a gradient that cancels, a hinge at its floor), where a relative bound would
 * demand exact equality although PyTorch and a symbolic derivative arrange the same formula
 * differently. Every value in the file is of order 1e-3 or more unless it is 0.
 *
 * <p>What gradgen cannot run yet is listed in one place, {@link #NOT_YET_SUPPORTED}. Such a case
 * is still run: if it fails it is reported as aborted (skipped) with its reason, so the count
 * shows in every build; if it passes, the test fails until the stale entry is removed.
 */
class TorchReferenceTest {
    static final double RELATIVE = 1e-10;
    static final double ABSOLUTE_FLOOR = 1e-12;

    /** A reason the language cannot yet express some cases, and which cases. */
    record Pending(String reason, Predicate<TorchCase> cases) {
    }

    /** Every case gradgen cannot run yet, with the language feature it waits for. The one place. */
    static final List<Pending> NOT_YET_SUPPORTED = List.of();

    static final List<TorchCase> CASES = TorchCase.load();

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
    }

    private static void check(TorchCase c) {
        List<String> reasons = NOT_YET_SUPPORTED.stream().filter(p -> p.cases().test(c)).map(Pending::reason)
                .collect(Collectors.toList());
        if (reasons.isEmpty()) {
            run(c);
            return;
        }
        try {
            run(c);
        } catch (AssertionError | RuntimeException e) {
            Assumptions.abort("not yet supported: " + String.join("; ", reasons) + " [it fails with: "
                    + firstLine(e) + "]");
        }
        fail(c.id() + ": listed in NOT_YET_SUPPORTED (" + String.join("; ", reasons)
                + ") but now matches PyTorch: remove it from the list");
    }

    /** Builds the loss, runs forward and backward, and compares with PyTorch's numbers. */
    private static void run(TorchCase c) {
        run(c, build(c));
    }

    /** Runs the given loss on the case's inputs, forward and backward, and compares with PyTorch's numbers. */
    static void run(TorchCase c, LossFunction loss) {
        Tensor[] inputs = new Tensor[c.inputs().size()];
        for (int k = 0; k < inputs.length; k++) {
            TorchCase.Input in = c.inputs().get(k);
            inputs[k] = in.values().tensor().requiresGrad(in.differentiable());
        }
        Tensor output = loss.forward(inputs);
        List<String> mismatches = new ArrayList<>(compare("output", c.output(), output));
        output.backward(c.upstream().tensor());
        for (int k = 0; k < inputs.length; k++) {
            TorchCase.Input in = c.inputs().get(k);
            if (in.differentiable()) {
                Tensor grad = inputs[k].grad();
                if (grad == null) {
                    mismatches.add("grad[" + in.name() + "] is null after backward");
                } else {
                    mismatches.addAll(compare("grad[" + in.name() + "]", c.grads().get(in.name()), grad));
                }
            }
        }
        if (!mismatches.isEmpty()) {
            fail(c.id() + ": " + loss + " differs from PyTorch:\n  " + String.join("\n  ", mismatches));
        }
    }

    /**
     * The gradgen loss for the case, built with PyTorch's options as a user would write them: an
     * optional weight given with {@code withWeight} / {@code withPosWeight} (PyTorch's
     * {@code weight=...}), left out otherwise (PyTorch's {@code None}). A loss or option combination
     * without a generated class throws {@link UnsupportedOperationException}.
     */
    static LossFunction build(TorchCase c) {
        Reduction r = reduction(c.reduction());
        switch (c.loss()) {
            case "L1Loss":
                return new L1Loss().withReduction(r);
            case "MSELoss":
                return new MSELoss().withReduction(r);
            case "SmoothL1Loss":
                return new SmoothL1Loss().withBeta(c.d("beta")).withReduction(r);
            case "HuberLoss":
                return new HuberLoss().withDelta(c.d("delta")).withReduction(r);
            case "BCELoss":
                return new BCELoss().withWeight(c.row("weight")).withReduction(r);
            case "BCEWithLogitsLoss":
                return new BCEWithLogitsLoss().withWeight(c.row("weight"))
                        .withPosWeight(c.row("pos_weight")).withReduction(r);
            case "KLDivLoss":
                return new KLDivLoss().withLogTarget(c.b("log_target")).withReduction(r);
            case "PoissonNLLLoss":
                return new PoissonNLLLoss().withLogInput(c.b("log_input")).withFull(c.b("full")).withEps(c.d("eps"))
                        .withReduction(r);
            case "GaussianNLLLoss":
                return new GaussianNLLLoss().withFull(c.b("full")).withEps(c.d("eps")).withReduction(r);
            case "SoftMarginLoss":
                return new SoftMarginLoss().withReduction(r);
            case "HingeEmbeddingLoss":
                return new HingeEmbeddingLoss().withMargin(c.d("margin")).withReduction(r);
            case "MarginRankingLoss":
                return new MarginRankingLoss().withMargin(c.d("margin")).withReduction(r);
            case "CosineEmbeddingLoss":
                return new CosineEmbeddingLoss().withMargin(c.d("margin")).withReduction(r);
            case "TripletMarginLoss":
                return new TripletMarginLoss().withMargin(c.d("margin")).withP(c.d("p")).withEps(c.d("eps"))
                        .withSwap(c.b("swap")).withReduction(r);
            case "MultiMarginLoss":
                return new MultiMarginLoss().withP(c.i("p")).withMargin(c.d("margin"))
                        .withWeight(c.row("weight")).withReduction(r);
            case "MultiLabelMarginLoss":
                return new MultiLabelMarginLoss().withReduction(r);
            case "MultiLabelSoftMarginLoss":
                return new MultiLabelSoftMarginLoss().withWeight(c.row("weight")).withReduction(r);
            case "CrossEntropyLoss":
                if ("probabilities".equals(c.variant())) {
                    // PyTorch refuses ignore_index with probability targets; the file leaves it at its default
                    assertEquals(-100, c.i("ignore_index"), c.id());
                    return new SoftTargetCrossEntropyLoss().withWeight(c.row("weight"))
                            .withLabelSmoothing(c.d("label_smoothing")).withReduction(r);
                }
                return new CrossEntropyLoss().withWeight(c.row("weight")).withIgnoreIndex(c.i("ignore_index"))
                        .withLabelSmoothing(c.d("label_smoothing")).withReduction(r);
            case "NLLLoss":
                return new NLLLoss().withWeight(c.row("weight")).withIgnoreIndex(c.i("ignore_index"))
                        .withReduction(r);
            default:
                throw new UnsupportedOperationException("no generated " + c.loss() + " yet");
        }
    }

    /** PyTorch's reduction name as gradgen's {@link Reduction}: {@code batchmean} is {@code BATCH_MEAN}. */
    static Reduction reduction(String torch) {
        return torch.equals("batchmean") ? Reduction.BATCH_MEAN : Reduction.valueOf(torch.toUpperCase(Locale.ROOT));
    }

    /** The mismatches between PyTorch's tensor and gradgen's, element by element, with the shape first. */
    static List<String> compare(String what, TorchCase.Values expected, Tensor actual) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return List.of(what + ": shape " + Arrays.toString(actual.shape()) + ", PyTorch "
                    + Arrays.toString(expected.shape()));
        }
        double[] a = actual.toArray();
        double[] e = expected.values();
        List<String> out = new ArrayList<>();
        for (int j = 0; j < e.length; j++) {
            if (!close(a[j], e[j])) {
                out.add(String.format(Locale.ROOT, "%s[%d]: %.17g, PyTorch %.17g (relative error %.2e)", what, j, a[j],
                        e[j], Math.abs(a[j] - e[j]) / Math.max(Math.abs(e[j]), Double.MIN_NORMAL)));
            }
        }
        return out;
    }

    static boolean close(double actual, double expected) {
        return Math.abs(actual - expected) <= Math.max(RELATIVE * Math.abs(expected), ABSOLUTE_FLOOR);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        String first = nl < 0 ? m : m.substring(0, nl) + " ...";
        return e.getClass().getSimpleName() + ": " + first;
    }

    @Test
    void theFileHoldsNinetyNineDistinctCases() {
        assertEquals(99, CASES.size());
        Set<String> ids = new HashSet<>();
        CASES.forEach(c -> assertTrue(ids.add(c.id()), "duplicate id " + c.id()));
    }

    @Test
    void everyNotYetSupportedEntryStillNamesACase() {
        for (Pending p : NOT_YET_SUPPORTED) {
            assertTrue(CASES.stream().anyMatch(p.cases()), "no case is " + p.reason() + ": remove the entry");
        }
    }
}
