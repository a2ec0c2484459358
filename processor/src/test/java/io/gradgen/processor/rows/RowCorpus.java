package io.gradgen.processor.rows;

import static io.gradgen.annotations.Reduction.MEAN;
import static io.gradgen.annotations.Reduction.NONE;
import static io.gradgen.annotations.Reduction.SUM;

import io.gradgen.annotations.Reduction;
import io.gradgen.processor.rows.RowLossCase.Arg;
import io.gradgen.processor.rows.RowLossCase.ClassIndex;
import io.gradgen.processor.rows.RowLossCase.Const;
import io.gradgen.processor.rows.RowLossCase.ConstKind;
import io.gradgen.processor.rows.RowLossCase.Element;
import io.gradgen.processor.rows.RowLossCase.Kinks;
import io.gradgen.processor.rows.RowLossCase.Label;
import io.gradgen.processor.rows.RowLossCase.LogSimplex;
import io.gradgen.processor.rows.RowLossCase.Row;
import io.gradgen.processor.rows.RowLossCase.RowDomain;
import io.gradgen.processor.rows.RowLossCase.SignRow;
import io.gradgen.processor.rows.RowLossCase.Signs;
import io.gradgen.processor.rows.RowLossCase.Simplex;
import io.gradgen.processor.rows.RowLossCase.Uniform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The table of the row corpus ({@code src/test/resources/corpus/rows}): for every {@code @Loss}
 * there, its generated name, reduction, each parameter (ROW with its length, LABEL with its range,
 * ELEMENT, or a constant), the sampling domains, and its kinks. The reference is the plain method.
 *
 * <p>Domains keep every loss finite and well conditioned: probability rows are positive and
 * normalised, log-probability rows are their logs, hinge and max/min losses redraw a position
 * whose hinge argument or top-two gap is within {@link RowLossCase#KINK_MARGIN} of 0.
 */
final class RowCorpus {

    private RowCorpus() {}

    /** The corpus files, one compilation each. */
    static final Map<String, List<String>> SOURCES = Map.of(
            "ClassificationRows", List.of("corpus/rows/ClassificationRows.java"),
            "DistributionRows", List.of("corpus/rows/DistributionRows.java"),
            "EmbeddingRows", List.of("corpus/rows/EmbeddingRows.java"));

    /** Every corpus file, in a fixed order. */
    static final List<String> ALL_SOURCES = List.of(
            "corpus/rows/ClassificationRows.java",
            "corpus/rows/DistributionRows.java",
            "corpus/rows/EmbeddingRows.java");

    private static final Uniform WIDE = new Uniform(-3, 3);
    private static final Uniform MODERATE = new Uniform(-2, 2);

    static final List<RowLossCase> CASES = List.of(
            // ---------------------------------------------------------------- ClassificationRows
            loss("ClassificationRows", "crossEntropy", "CrossEntropyLoss", MEAN)
                    .row("logits", 5, WIDE).label("target", 5).smooth(),
            loss("ClassificationRows", "stableCrossEntropy", "StableCrossEntropyLoss", SUM)
                    .row("logits", 5, WIDE).label("target", 5).smooth(),
            loss("ClassificationRows", "negativeLogLikelihood", "NllLoss", MEAN)
                    .row("logProbs", 5, new LogSimplex()).label("target", 5).smooth(),
            loss("ClassificationRows", "weightedCrossEntropy", "WeightedCrossEntropyLoss", SUM)
                    .row("logits", 4, WIDE).label("target", 4)
                    .rowParam("classWeights", 0.5, 1.0, 2.0, 1.5).smooth(),
            loss("ClassificationRows", "labelSmoothing", "LabelSmoothingLoss", MEAN)
                    .row("logits", 6, WIDE).label("target", 6).param("smoothing", 0.1, 0.2).smooth(),
            loss("ClassificationRows", "softTargetCrossEntropy", "SoftTargetCrossEntropyLoss", MEAN)
                    .row("logits", 5, WIDE).row("targetProbs", 5, new Simplex()).smooth(),
            loss("ClassificationRows", "softmaxEntropy", "SoftmaxEntropyLoss", SUM)
                    .row("logits", 5, WIDE).smooth(),
            loss("ClassificationRows", "focal", "FocalLoss", MEAN)
                    .row("logits", 5, WIDE).label("target", 5).param("gamma", 2.0, 1.5).smooth(),
            loss("ClassificationRows", "multiMargin", "MultiMarginLoss", MEAN)
                    .row("scores", 5, MODERATE).label("target", 5).param("margin", 1.0, 0.8)
                    .kinks(a -> {
                        double[] x = row(a, 0);
                        int y = label(a, 1);
                        double margin = num(a, 2);
                        double[] k = new double[x.length];
                        for (int i = 0; i < x.length; i++) {
                            k[i] = i == y ? 1 : margin - x[y] + x[i];
                        }
                        return k;
                    }),
            loss("ClassificationRows", "crammerSinger", "MaxMarginLoss", MEAN)
                    .row("scores", 5, MODERATE).label("target", 5).param("margin", 1.0, 0.5)
                    .kinks(a -> {
                        double[] x = row(a, 0);
                        int y = label(a, 1);
                        double[] wrong = without(x, y);
                        return new double[] {num(a, 2) + max(wrong) - x[y], topTwoGap(wrong)};
                    }),
            loss("ClassificationRows", "regularisedCrossEntropy", "RegularisedCrossEntropyLoss", NONE)
                    .row("logits", 5, WIDE).label("target", 5).row("embedding", 3, MODERATE)
                    .param("lambda", 0.01, 0.05).smooth(),

            // ---------------------------------------------------------------- DistributionRows
            loss("DistributionRows", "klDivergence", "KlDivLoss", SUM)
                    .row("logInput", 5, new LogSimplex()).row("target", 5, new Simplex())
                    .kinks(a -> row(a, 1)),
            loss("DistributionRows", "dice", "DiceLoss", MEAN)
                    .row("probs", 6, new Uniform(0.05, 0.95)).row("target", 6, new Uniform(0, 1))
                    .param("smooth", 1.0, 0.5).smooth(),
            loss("DistributionRows", "softMaximum", "SoftMaximumLoss", NONE)
                    .row("x", 5, WIDE).param("temperature", 0.5, 0.7).smooth(),
            loss("DistributionRows", "noisyOr", "NoisyOrLoss", MEAN)
                    .row("logits", 4, new Uniform(-2, 1)).element("label", new Uniform(0, 1)).smooth(),
            loss("DistributionRows", "spreadPenalty", "SpreadPenaltyLoss", SUM)
                    .row("x", 6, WIDE)
                    .kinks(a -> {
                        double[] x = row(a, 0);
                        double[] negated = Arrays.stream(x).map(v -> -v).toArray();
                        return new double[] {topTwoGap(x), topTwoGap(negated)};
                    }),
            loss("DistributionRows", "weightedFeatureMse", "WeightedFeatureMseLoss", NONE)
                    .row("pred", 4, MODERATE).row("target", 4, MODERATE)
                    .rowParam("featureWeights", 1.0, 0.5, 2.0, 0.25).smooth(),
            loss("DistributionRows", "rowVariance", "RowVarianceLoss", MEAN)
                    .row("x", 5, WIDE).smooth(),

            // ---------------------------------------------------------------- EmbeddingRows
            loss("EmbeddingRows", "cosineEmbedding", "CosineEmbeddingLoss", MEAN)
                    .row("x1", 4, MODERATE).row("x2", 4, MODERATE).signLabel("label").param("margin", 0.0, 0.1)
                    .kinks(a -> {
                        if (label(a, 2) == 1) {
                            return new double[0];
                        }
                        double[] x1 = row(a, 0);
                        double[] x2 = row(a, 1);
                        double cos = dot(x1, x2) / Math.sqrt((dot(x1, x1) + 1e-12) * (dot(x2, x2) + 1e-12));
                        return new double[] {cos - num(a, 3)};
                    }),
            loss("EmbeddingRows", "cosineDistance", "CosineDistanceLoss", NONE)
                    .row("a", 4, MODERATE).row("b", 4, MODERATE).smooth(),
            loss("EmbeddingRows", "tripletMargin", "TripletMarginLoss", MEAN)
                    .row("anchor", 4, new Uniform(-1, 1)).row("positive", 4, new Uniform(-1, 1))
                    .row("negative", 4, new Uniform(-1, 1)).param("margin", 1.0, 0.5)
                    .kinks(a -> {
                        double[] an = row(a, 0);
                        double[] p = row(a, 1);
                        double[] n = row(a, 2);
                        double dPos = 0;
                        double dNeg = 0;
                        for (int i = 0; i < an.length; i++) {
                            dPos += (an[i] - p[i] + 1e-6) * (an[i] - p[i] + 1e-6);
                            dNeg += (an[i] - n[i] + 1e-6) * (an[i] - n[i] + 1e-6);
                        }
                        return new double[] {Math.sqrt(dPos) - Math.sqrt(dNeg) + num(a, 3), dPos, dNeg};
                    }),
            loss("EmbeddingRows", "pairwiseKernel", "PairwiseKernelLoss", SUM)
                    .row("a", 4, MODERATE).row("b", 6, MODERATE).param("bandwidth", 1.0, 2.0).smooth(),
            loss("EmbeddingRows", "rowHinge", "RowHingeLoss", MEAN)
                    .row("scores", 5, MODERATE).row("labels", 5, new SignRow())
                    .kinks(a -> {
                        double[] s = row(a, 0);
                        double[] y = row(a, 1);
                        double[] k = new double[s.length];
                        for (int i = 0; i < s.length; i++) {
                            k[i] = 1 - y[i] * s[i];
                        }
                        return k;
                    }),
            loss("EmbeddingRows", "bestHypothesis", "BestHypothesisLoss", MEAN)
                    .row("hypotheses", 4, MODERATE).element("target", MODERATE)
                    .kinks(a -> {
                        double[] h = row(a, 0);
                        double t = num(a, 1);
                        double[] negatedSquares = Arrays.stream(h).map(v -> -(v - t) * (v - t)).toArray();
                        return new double[] {topTwoGap(negatedSquares)};
                    }));

    /** The losses whose tests are repeated with each reduction, from rewritten source. */
    static final List<String> REDUCTION_VARIANTS = List.of(
            "crossEntropy", "stableCrossEntropy", "weightedCrossEntropy", "klDivergence", "noisyOr",
            "pairwiseKernel", "bestHypothesis");

    static RowLossCase byMethod(String method) {
        return CASES.stream().filter(c -> c.method().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no corpus loss " + method));
    }

    // ------------------------------------------------------------------------------ kink helpers

    static double[] row(Object[] a, int k) {
        return (double[]) a[k];
    }

    static int label(Object[] a, int k) {
        return (Integer) a[k];
    }

    static double num(Object[] a, int k) {
        return (Double) a[k];
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double max(double[] x) {
        return Arrays.stream(x).max().orElseThrow();
    }

    /** The row without element k. */
    static double[] without(double[] x, int k) {
        double[] out = new double[x.length - 1];
        for (int i = 0, o = 0; i < x.length; i++) {
            if (i != k) {
                out[o++] = x[i];
            }
        }
        return out;
    }

    /** The largest minus the second largest value: 0 at a tie of the maximum. */
    static double topTwoGap(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length - 1] - sorted[sorted.length - 2];
    }

    // ------------------------------------------------------------------------------ builder

    private static Builder loss(String source, String method, String generatedName, Reduction reduction) {
        return new Builder(source, method, generatedName, reduction);
    }

    /** Builds a case: the inputs and constants in declaration order, then its kinks. */
    private static final class Builder {
        private final String source;
        private final String method;
        private final String generatedName;
        private final Reduction reduction;
        private final List<Arg> args = new ArrayList<>();

        Builder(String source, String method, String generatedName, Reduction reduction) {
            this.source = source;
            this.method = method;
            this.generatedName = generatedName;
            this.reduction = reduction;
        }

        Builder row(String name, int length, RowDomain domain) {
            args.add(new Row(name, length, domain));
            return this;
        }

        Builder label(String name, int classes) {
            args.add(new Label(name, new ClassIndex(classes)));
            return this;
        }

        Builder signLabel(String name) {
            args.add(new Label(name, new Signs()));
            return this;
        }

        Builder element(String name, Uniform domain) {
            args.add(new Element(name, domain));
            return this;
        }

        Builder param(String name, double defaultValue, double testValue) {
            args.add(new Const(name, ConstKind.DOUBLE, defaultValue, testValue));
            return this;
        }

        Builder rowParam(String name, double... testValue) {
            args.add(new Const(name, ConstKind.ROW, null, testValue));
            return this;
        }

        /** A loss without kinks on its domains. */
        RowLossCase smooth() {
            return kinks(Kinks.NONE);
        }

        RowLossCase kinks(Kinks kinks) {
            return new RowLossCase(source, method, generatedName, reduction, List.copyOf(args), kinks);
        }
    }
}
