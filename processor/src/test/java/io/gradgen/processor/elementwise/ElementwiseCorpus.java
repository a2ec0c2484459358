package io.gradgen.processor.elementwise;

import static io.gradgen.annotations.Reduction.MEAN;
import static io.gradgen.annotations.Reduction.NONE;
import static io.gradgen.annotations.Reduction.SUM;
import static io.gradgen.processor.elementwise.TensorOps.*;

import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.processor.elementwise.LossCase.Arg;
import io.gradgen.processor.elementwise.LossCase.Const;
import io.gradgen.processor.elementwise.LossCase.Domain;
import io.gradgen.processor.elementwise.LossCase.Input;
import io.gradgen.processor.elementwise.LossCase.Kinks;
import io.gradgen.processor.elementwise.LossCase.Signs;
import io.gradgen.processor.elementwise.LossCase.TensorFormula;
import io.gradgen.processor.elementwise.LossCase.Uniform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The table of the element-wise corpus ({@code src/test/resources/corpus/elementwise}): for every
 * {@code @Loss} there, its generated name, reduction, the sampling domain of each input, the
 * constants the tests use, its kinks, and the same loss written with Tensor ops.
 *
 * <p>Domains keep every loss finite and well conditioned: positive-only inputs (a variance, a
 * probability) are drawn from a range bounded away from 0 (and 1), labels from {-1, +1}, the polar
 * loss's x from positive values so {@code atan2} stays off its branch cut. Kinks are listed as
 * arguments that must stay at least {@link LossCase#KINK_MARGIN} from 0, including the jumps of
 * {@code floor}/{@code ceil} and the switch points of {@code ?:}/{@code if}.
 */
final class ElementwiseCorpus {

    private ElementwiseCorpus() {}

    /** The corpus files, grouped into the compilations the tests make (helpers compile with their users). */
    static final Map<String, List<String>> SOURCES = Map.of(
            "RegressionLosses", List.of("corpus/elementwise/RegressionLosses.java"),
            "RobustLosses", List.of("corpus/elementwise/RobustLosses.java"),
            "ClassificationLosses", List.of("corpus/elementwise/ClassificationLosses.java"),
            "HelperLosses", List.of(
                    "corpus/elementwise/HelperLosses.java",
                    "corpus/elementwise/Smooth.java",
                    "corpus/elementwise/Stable.java"));

    /** Every corpus file, in a fixed order. */
    static final List<String> ALL_SOURCES = List.of(
            "corpus/elementwise/RegressionLosses.java",
            "corpus/elementwise/RobustLosses.java",
            "corpus/elementwise/ClassificationLosses.java",
            "corpus/elementwise/HelperLosses.java",
            "corpus/elementwise/Smooth.java",
            "corpus/elementwise/Stable.java");

    private static final Domain WIDE = new Uniform(-3, 3);
    private static final Domain LABEL = new Signs();
    private static final Domain UNIT = new Uniform(0, 1);

    static final List<LossCase> CASES = List.of(
            // ---------------------------------------------------------------- RegressionLosses
            loss("RegressionLosses", "mse", "MseLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE)
                    .formula((x, c) -> square(sub(x[0], x[1]))),
            loss("RegressionLosses", "customLoss", "CustomLoss", SUM)
                    .in("yPred", WIDE).in("yTrue", WIDE)
                    .formula((x, c) -> pow(sub(x[0], x[1]), 2)),
            loss("RegressionLosses", "l1", "L1Loss", NONE)
                    .in("pred", WIDE).in("target", WIDE)
                    .kinks((x, c) -> new double[] {x[0] - x[1]})
                    .formula((x, c) -> abs(sub(x[0], x[1]))),
            loss("RegressionLosses", "huber", "HuberLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE).param("delta", 1.0, 0.8)
                    .kinks((x, c) -> new double[] {x[0] - x[1], Math.abs(x[0] - x[1]) - c[0]})
                    .formula((x, c) -> {
                        Tensor d = abs(sub(x[0], x[1]));
                        return where(le(d, c[0]), mul(0.5, mul(d, d)), mul(c[0], sub(d, 0.5 * c[0])));
                    }),
            loss("RegressionLosses", "smoothL1", "SmoothL1Loss", MEAN)
                    .in("pred", WIDE).in("target", WIDE).param("beta", 1.0, 1.3)
                    .kinks((x, c) -> new double[] {x[0] - x[1], Math.abs(x[0] - x[1]) - c[0]})
                    .formula((x, c) -> {
                        Tensor d = abs(sub(x[0], x[1]));
                        return where(lt(d, c[0]), div(mul(0.5, mul(d, d)), c[0]), sub(d, 0.5 * c[0]));
                    }),
            loss("RegressionLosses", "powerLoss", "PowerLoss", SUM)
                    .in("pred", new Uniform(-2, 2)).in("target", new Uniform(-2, 2)).intParam("p", 3, 4)
                    .kinks((x, c) -> new double[] {x[0] - x[1]})
                    .formula((x, c) -> pow(abs(sub(x[0], x[1])), c[0])),
            loss("RegressionLosses", "poissonNll", "PoissonNllLoss", MEAN)
                    .in("logRate", new Uniform(-2, 2)).in("target", new Uniform(0, 4))
                    .formula((x, c) -> sub(minimum(exp(x[0]), Double.MAX_VALUE), mul(x[1], x[0]))),
            loss("RegressionLosses", "gaussianNll", "GaussianNllLoss", MEAN)
                    .in("mean", new Uniform(-2, 2)).in("target", new Uniform(-2, 2)).in("variance", new Uniform(0.1, 2))
                    .kinks((x, c) -> new double[] {x[2] - 1e-6})
                    .formula((x, c) -> {
                        Tensor v = maximum(x[2], 1e-6);
                        Tensor r = sub(x[0], x[1]);
                        return mul(0.5, add(log(v), div(mul(r, r), v)));
                    }),
            loss("RegressionLosses", "pinball", "PinballLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE).paramWithoutDefault("tau", 0.3)
                    .kinks((x, c) -> new double[] {x[1] - x[0]})
                    .formula((x, c) -> {
                        Tensor u = sub(x[1], x[0]);
                        return where(ge(u, 0), mul(c[0], u), mul(c[0] - 1, u));
                    }),
            loss("RegressionLosses", "quantileHuber", "QuantileHuberLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE).param("tau", 0.5, 0.25).param("kappa", 1.0, 1.5)
                    .kinks((x, c) -> new double[] {x[1] - x[0], Math.abs(x[1] - x[0]) - c[1]})
                    .formula((x, c) -> {
                        double tau = c[0];
                        double kappa = c[1];
                        Tensor u = sub(x[1], x[0]);
                        Tensor a = abs(u);
                        Tensor h = where(le(a, kappa), mul(0.5, mul(u, u)), mul(kappa, sub(a, 0.5 * kappa)));
                        Tensor weight = abs(sub(tau, lt(u, 0)));
                        return div(mul(weight, h), kappa);
                    }),
            loss("RegressionLosses", "clampedMse", "ClampedMseLoss", MEAN)
                    .in("pred", new Uniform(-0.5, 1.5)).in("target", UNIT)
                    .kinks((x, c) -> new double[] {x[0], x[0] - 1})
                    .formula((x, c) -> square(sub(clamp(x[0], 0.0, 1.0), x[1]))),
            loss("RegressionLosses", "cappedSquare", "CappedSquareLoss", SUM)
                    .in("pred", WIDE).in("target", WIDE).param("cap", 2.0, 1.5)
                    .kinks((x, c) -> new double[] {x[0] - x[1] - c[0], x[0] - x[1] + c[0]})
                    .formula((x, c) -> {
                        double cap = c[0];
                        Tensor d = sub(x[0], x[1]);
                        Tensor above = add(cap * cap, mul(2 * cap, sub(d, cap)));
                        Tensor below = sub(cap * cap, mul(2 * cap, add(d, cap)));
                        return where(gt(d, cap), above, where(lt(d, -cap), below, mul(d, d)));
                    }),
            // ---------------------------------------------------------------- RobustLosses
            loss("RobustLosses", "cauchy", "CauchyLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE).param("c", 1.0, 0.7)
                    .formula((x, c) -> {
                        Tensor r = div(sub(x[0], x[1]), c[0]);
                        return mul(0.5 * c[0] * c[0], log1p(mul(r, r)));
                    }),
            loss("RobustLosses", "tukey", "TukeyLoss", NONE)
                    .in("pred", new Uniform(-4, 4)).in("target", new Uniform(-4, 4)).param("c", 4.685, 3.0)
                    .kinks((x, c) -> new double[] {Math.abs(x[0] - x[1]) - c[0]})
                    .formula((x, c) -> {
                        double k = c[0];
                        Tensor r = sub(x[0], x[1]);
                        Tensor t = sub(1, square(div(r, k)));
                        Tensor inside = mul(k * k / 6, sub(1, mul(mul(t, t), t)));
                        return where(gt(abs(r), k), full(r, k * k / 6), inside);
                    }),
            loss("RobustLosses", "welsch", "WelschLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE).param("c", 1.0, 1.2)
                    .formula((x, c) -> mul(c[0] * c[0] / 2, sub(1, exp(neg(square(div(sub(x[0], x[1]), c[0]))))))),
            loss("RobustLosses", "fair", "FairLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE).param("c", 1.3998, 0.9)
                    .kinks((x, c) -> new double[] {x[0] - x[1]})
                    .formula((x, c) -> {
                        Tensor a = div(abs(sub(x[0], x[1])), c[0]);
                        return mul(c[0] * c[0], sub(a, log1p(a)));
                    }),
            loss("RobustLosses", "pseudoHuber", "PseudoHuberLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE).param("delta", 1.0, 0.6)
                    .formula((x, c) -> {
                        Tensor r = div(sub(x[0], x[1]), c[0]);
                        return mul(c[0] * c[0], sub(sqrt(add(1, mul(r, r))), 1));
                    }),
            loss("RobustLosses", "logHyperbolic", "LogHyperbolicLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE)
                    .formula((x, c) -> log(cosh(sub(x[0], x[1])))),
            loss("RobustLosses", "polar", "PolarLoss", MEAN)
                    .in("x", new Uniform(0.2, 2)).in("y", new Uniform(-2, 2)).in("targetAngle", new Uniform(-1, 1))
                    .formula((x, c) -> {
                        Tensor radius = hypot(x[0], x[1]);
                        Tensor angle = atan2(x[1], x[0]);
                        Tensor wrapped = sub(1, cos(sub(angle, x[2])));
                        return add(add(wrapped, mul(0.1, square(sub(radius, 1)))),
                                div(square(sub(angle, x[2])), 2 * Math.PI));
                    }),
            loss("RobustLosses", "stepped", "SteppedLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE)
                    .kinks((x, c) -> new double[] {
                        x[0] - x[1], x[0] - Math.rint(x[0]), x[1] - Math.rint(x[1])})
                    .formula((x, c) -> {
                        Tensor d = sub(x[0], x[1]);
                        Tensor steps = sub(mul(0.1, floor(x[0])), mul(0.05, ceil(x[1])));
                        return add(add(mul(signum(d), d), steps), mul(0.5, mul(d, d)));
                    }),
            loss("RobustLosses", "trig", "TrigonometricMix", MEAN)
                    .in("a", new Uniform(-2, 2)).in("b", new Uniform(-2, 2))
                    .formula((x, c) -> {
                        Tensor a = x[0];
                        Tensor b = x[1];
                        Tensor u = tanh(a);
                        Tensor v = mul(sin(b), cos(a));
                        Tensor w = add(add(asin(mul(0.5, u)), acos(mul(0.5, tanh(b)))), atan(mul(a, b)));
                        w = sub(add(w, sinh(mul(0.3, a))), cosh(mul(0.2, b)));
                        w = add(w, add(add(cbrt(add(2, u)), expm1(mul(0.1, v))), tan(mul(0.3, a))));
                        return sub(w, neg(sqrt(add(1, mul(v, v)))));
                    }),
            // ---------------------------------------------------------------- ClassificationLosses
            loss("ClassificationLosses", "bceWithLogits", "BceWithLogitsLoss", MEAN)
                    .in("x", new Uniform(-4, 4)).in("y", UNIT)
                    .kinks((x, c) -> new double[] {x[0]})
                    .formula((x, c) -> add(sub(maximum(x[0], 0), mul(x[0], x[1])), log1p(exp(neg(abs(x[0])))))),
            loss("ClassificationLosses", "bce", "BinaryCrossEntropy", MEAN)
                    .in("prob", new Uniform(0.05, 0.95)).in("target", UNIT)
                    .formula((x, c) -> neg(add(mul(x[1], log(x[0])), mul(sub(1, x[1]), log(sub(1, x[0])))))),
            loss("ClassificationLosses", "hinge", "HingeLoss", MEAN)
                    .in("score", WIDE).in("label", LABEL)
                    .kinks((x, c) -> new double[] {1 - x[1] * x[0]})
                    .formula((x, c) -> maximum(sub(1, mul(x[1], x[0])), 0)),
            loss("ClassificationLosses", "squaredHinge", "SquaredHingeLoss", SUM)
                    .in("score", WIDE).in("label", LABEL)
                    .kinks((x, c) -> new double[] {1 - x[1] * x[0]})
                    .formula((x, c) -> square(relu(sub(1, mul(x[1], x[0]))))),
            loss("ClassificationLosses", "focal", "FocalLoss", MEAN)
                    .in("logit", WIDE).in("target", UNIT).param("gamma", 2.0, 1.5)
                    .formula((x, c) -> {
                        Tensor p = sigmoid(x[0]);
                        Tensor pt = add(mul(x[1], p), mul(sub(1, x[1]), sub(1, p)));
                        return neg(mul(pow(sub(1, pt), c[0]), log(pt)));
                    }),
            loss("ClassificationLosses", "marginRanking", "MarginRankingLoss", MEAN)
                    .in("x1", WIDE).in("x2", WIDE).in("y", LABEL).param("margin", 0.0, 0.5)
                    .kinks((x, c) -> new double[] {-x[2] * (x[0] - x[1]) + c[0]})
                    .formula((x, c) -> maximum(add(mul(neg(x[2]), sub(x[0], x[1])), c[0]), 0)),
            loss("ClassificationLosses", "hingeEmbedding", "HingeEmbeddingLoss", NONE)
                    .in("x", WIDE).in("y", LABEL).param("margin", 1.0, 1.5)
                    .kinks((x, c) -> new double[] {c[0] - x[0]})
                    .formula((x, c) -> where(gt(x[1], 0), x[0], maximum(sub(c[0], x[0]), 0))),
            loss("ClassificationLosses", "softMargin", "SoftMarginLoss", MEAN)
                    .in("x", new Uniform(-4, 4)).in("y", LABEL)
                    .formula((x, c) -> softplus(neg(mul(x[1], x[0])))),
            loss("ClassificationLosses", "multiLabelSoftMargin", "MultiLabelSoftMarginLoss", MEAN)
                    .in("x", new Uniform(-4, 4)).in("y", UNIT)
                    .formula((x, c) -> neg(add(mul(x[1], logSigmoid(x[0])), mul(sub(1, x[1]), logSigmoid(neg(x[0])))))),
            // ---------------------------------------------------------------- HelperLosses (+ Smooth, Stable)
            loss("HelperLosses", "logCoshLoss", "LogCoshLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE)
                    .kinks((x, c) -> new double[] {x[0] - x[1]})
                    .formula((x, c) -> logCosh(sub(x[0], x[1]))),
            loss("HelperLosses", "charbonnier", "CharbonnierLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE).param("eps", 0.1, 0.2)
                    .formula((x, c) -> smoothAbs(sub(x[0], x[1]), c[0])),
            loss("HelperLosses", "gatedResidual", "GatedResidualLoss", MEAN)
                    .in("pred", WIDE).in("target", WIDE).in("gate", WIDE)
                    .kinks((x, c) -> new double[] {x[0] - x[1], x[2]})
                    .formula((x, c) -> {
                        Tensor r = sub(x[0], x[1]);
                        Tensor gate = x[2];
                        Tensor w = div(1, add(1, exp(neg(gate))));
                        Tensor blend = add(mul(w, logCosh(r)), mul(sub(1, w), smoothAbs(r, 0.5)));
                        return add(blend, mul(0.25, logCosh(gate)));
                    })
    ).stream().map(Builder::build).toList();

    /** {@code Smooth.logCosh}: |x| + log1p(exp(-2|x|)) - log 2. */
    private static Tensor logCosh(Tensor x) {
        Tensor a = abs(x);
        return sub(add(a, log1p(exp(mul(-2, a)))), 0.6931471805599453);
    }

    /** {@code Smooth.smoothAbs}: sqrt(x^2 + eps^2) - eps. */
    private static Tensor smoothAbs(Tensor x, double eps) {
        return sub(sqrt(add(mul(x, x), eps * eps)), eps);
    }

    static LossCase byMethod(String method) {
        for (LossCase c : CASES) {
            if (c.method().equals(method)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no corpus loss " + method);
    }

    private static Builder loss(String source, String method, String generatedName, Reduction reduction) {
        return new Builder(source, method, generatedName, reduction);
    }

    private static final class Builder {
        private final String source;
        private final String method;
        private final String generatedName;
        private final Reduction reduction;
        private final List<Arg> args = new ArrayList<>();
        private Kinks kinks = Kinks.NONE;
        private TensorFormula formula;

        Builder(String source, String method, String generatedName, Reduction reduction) {
            this.source = source;
            this.method = method;
            this.generatedName = generatedName;
            this.reduction = reduction;
        }

        Builder in(String name, Domain domain) {
            args.add(new Input(name, domain));
            return this;
        }

        Builder param(String name, double defaultValue, double testValue) {
            args.add(new Const(name, false, defaultValue, testValue));
            return this;
        }

        Builder paramWithoutDefault(String name, double testValue) {
            args.add(new Const(name, false, null, testValue));
            return this;
        }

        Builder intParam(String name, int defaultValue, int testValue) {
            args.add(new Const(name, true, (double) defaultValue, testValue));
            return this;
        }

        Builder kinks(Kinks kinks) {
            this.kinks = kinks;
            return this;
        }

        Builder formula(TensorFormula formula) {
            this.formula = formula;
            return this;
        }

        LossCase build() {
            return new LossCase(source, method, generatedName, reduction, List.copyOf(args), kinks, formula);
        }
    }
}
