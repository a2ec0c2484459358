package io.gradgen.processor.rows;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.autograd.GradCheck;
import io.gradgen.nn.Linear;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.Losses;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What issue 4 asks of row losses beyond forward and gradient agreement: stability with logits of
 * ±1000, gradients flowing from a row loss back into a {@link Linear}, and the run-time errors for
 * bad labels and rows of mismatched lengths.
 */
class RowLossBehaviourTest {

    // ------------------------------------------------------------------------------ stability

    /** Four rows of four logits far beyond exp's range, in both directions, with ties of the maximum. */
    private static final double[][] EXTREME_LOGITS = {
        {1000, -1000, 0, 999},
        {-1000, -1000, -1000, -1000},
        {1000, 1000, -1000, 0},
        {-1000, 1000, 500, -500},
    };
    private static final int[] EXTREME_TARGETS = {0, 2, 1, 0};

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"crossEntropy", "stableCrossEntropy"})
    void crossEntropyWithLogitsOfPlusMinus1000IsFiniteAndItsGradientIsSoftmaxMinusOneHot(String method) {
        RowLossCase lossCase = RowCorpus.byMethod(method);
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        Method plain = RowLossFunctionalTest.plainMethod(compiled, lossCase);
        int n = EXTREME_LOGITS.length;
        int c = EXTREME_LOGITS[0].length;
        Tensor logits = Tensor.of(flatten(EXTREME_LOGITS), n, c).requiresGrad(true);
        Tensor targets = Tensor.of(Arrays.stream(EXTREME_TARGETS).asDoubleStream().toArray(), n);

        Tensor loss = RowLossFunctionalTest.newLoss(compiled, lossCase).forward(logits, targets);
        double expected = 0;
        for (int i = 0; i < n; i++) {
            expected += Losses.callPlain(plain, EXTREME_LOGITS[i].clone(), EXTREME_TARGETS[i]);
        }
        double scale = lossCase.reduction() == io.gradgen.annotations.Reduction.MEAN ? 1.0 / n : 1.0;
        assertWithMessage("%s forward at ±1000", method).that(Double.isFinite(loss.item())).isTrue();
        assertWithMessage("%s forward at ±1000 against the plain method", method)
                .that(RowSamples.close(loss.item(), expected * scale, 1e-12)).isTrue();

        loss.backward();
        double[] grad = logits.grad().toArray();
        for (int i = 0; i < n; i++) {
            double[] softmax = softmax(EXTREME_LOGITS[i]);
            for (int k = 0; k < c; k++) {
                double want = (softmax[k] - (k == EXTREME_TARGETS[i] ? 1 : 0)) * scale;
                double got = grad[i * c + k];
                assertWithMessage("%s: d/dlogits[%s][%s] at %s, target %s", method, i, k,
                        Arrays.toString(EXTREME_LOGITS[i]), EXTREME_TARGETS[i])
                        .that(Math.abs(got - want) <= 1e-12).isTrue();
            }
        }
    }

    /** Losses built on a softmax that must not produce NaN from 0·∞ or an inactive branch. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"labelSmoothing", "focal", "softmaxEntropy", "softTargetCrossEntropy",
            "weightedCrossEntropy", "regularisedCrossEntropy", "softMaximum"})
    void softmaxBasedLossesStayFiniteAtPlusMinus1000(String method) {
        RowLossCase lossCase = RowCorpus.byMethod(method);
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        RowSamples.Batch drawn = RowSamples.draw(lossCase, new RowSamples.Shape(4));
        // the first input is the logits row in each of these losses; put extreme rows there
        int length = ((RowLossCase.Row) lossCase.inputs().get(0)).length();
        RowSamples.Batch batch = drawn.with(0, extremeRows(4, length));
        Tensor[] inputs = batch.tensorsRequiringGrad();
        Tensor result = RowLossFunctionalTest.newLoss(compiled, lossCase).forward(inputs);
        RowSamples.backward(lossCase.reduction(), result, batch.shape(), RowSamples.upstream(lossCase, batch.shape()));
        for (double v : result.toArray()) {
            assertWithMessage("%s forward at ±1000", method).that(Double.isFinite(v)).isTrue();
        }
        for (int j : lossCase.differentiableInputs()) {
            for (double g : inputs[j].grad().toArray()) {
                assertWithMessage("%s: grad of %s at ±1000", method, lossCase.inputs().get(j).name())
                        .that(Double.isFinite(g)).isTrue();
            }
        }
    }

    // ------------------------------------------------------------------------------ Linear → row loss

    @Test
    void linearIntoCrossEntropyGetsTheSoftmaxRegressionGradient() {
        RowLossCase lossCase = RowCorpus.byMethod("crossEntropy");
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        LossFunction crossEntropy = RowLossFunctionalTest.newLoss(compiled, lossCase);
        Random rng = new Random(20240611);
        int n = 6;
        Linear linear = new Linear(4, 3, rng);
        Tensor x = Tensor.randn(rng, n, 4);
        double[] labels = {0, 1, 2, 2, 1, 0};
        Tensor targets = Tensor.of(labels, n);

        Tensor loss = crossEntropy.forward(linear.forward(x), targets);
        loss.backward();

        // by hand: dW = (softmax(z) − onehot)ᵀ x / N, db = Σ (softmax(z) − onehot) / N
        double[] w = linear.weight().toArray();
        double[] b = linear.bias().toArray();
        double[] xs = x.toArray();
        double[] dW = new double[12];
        double[] db = new double[3];
        for (int i = 0; i < n; i++) {
            double[] z = new double[3];
            for (int o = 0; o < 3; o++) {
                z[o] = b[o];
                for (int f = 0; f < 4; f++) {
                    z[o] += w[o * 4 + f] * xs[i * 4 + f];
                }
            }
            double[] p = softmax(z);
            for (int o = 0; o < 3; o++) {
                double delta = (p[o] - (o == (int) labels[i] ? 1 : 0)) / n;
                db[o] += delta;
                for (int f = 0; f < 4; f++) {
                    dW[o * 4 + f] += delta * xs[i * 4 + f];
                }
            }
        }
        assertThat(linear.weight().grad().shape()).isEqualTo(new int[] {3, 4});
        assertThat(linear.weight().grad().toArray()).usingTolerance(1e-12).containsExactly(dW).inOrder();
        assertThat(linear.bias().grad().toArray()).usingTolerance(1e-12).containsExactly(db).inOrder();
    }

    static Stream<String> lossesAfterALinear() {
        return Stream.of("crossEntropy", "stableCrossEntropy", "weightedCrossEntropy", "labelSmoothing", "focal",
                "multiMargin", "crammerSinger");
    }

    /** GradCheck of Linear's weight and bias through a row loss, over a [2, 3] batch of rows. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lossesAfterALinear")
    void gradCheckOfLinearWeightsThroughARowLoss(String method) {
        RowLossCase lossCase = RowCorpus.byMethod(method);
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        LossFunction loss = RowLossFunctionalTest.newLoss(compiled, lossCase);
        int classes = ((RowLossCase.Row) lossCase.inputs().get(0)).length();
        Random rng = new Random(99);
        Linear linear = new Linear(3, classes, rng);
        Tensor x = Tensor.randn(rng, 2, 3, 3);
        Tensor rows = x.reshape(6, 3);
        Tensor targets = Tensor.of(IntStream.range(0, 6).mapToDouble(i -> (i * 7) % classes).toArray(), 2, 3);

        Tensor result = loss.forward(linear.forward(x), targets);
        result.backward();
        assertWithMessage("%s: Linear weight grad after loss.backward()", method).that(linear.weight().grad()).isNotNull();
        assertWithMessage("%s: Linear bias grad after loss.backward()", method).that(linear.bias().grad()).isNotNull();

        Tensor weight = linear.weight().detach().requiresGrad(true);
        Tensor bias = linear.bias().detach().requiresGrad(true);
        GradCheck.Result check = GradCheck.check(
                in -> loss.forward(rows.matmul(in.get(0).t()).add(in.get(1)).reshape(2, 3, classes), targets),
                List.of(weight, bias));
        assertWithMessage("%s: GradCheck of the Linear's weight and bias: %s", method, check).that(check.passed()).isTrue();

        // and the Linear's own accumulated gradient is the one GradCheck verified
        Tensor replay = loss.forward(rows.matmul(weight.t()).add(bias).reshape(2, 3, classes), targets);
        replay.backward();
        assertThat(linear.weight().grad().toArray()).usingTolerance(1e-12)
                .containsExactly(weight.grad().toArray()).inOrder();
    }

    // ------------------------------------------------------------------------------ bad labels

    @Test
    void nonIntegralLabelIsAnErrorNamingTheBatchPositionAndTheValue() {
        IllegalArgumentException e = badLabel("crossEntropy", 2.5, 2, 1);
        assertMentionsValue(e, "2.5");
    }

    @Test
    void labelEqualToTheRowLengthIsOutOfRange() {
        IllegalArgumentException e = badLabel("crossEntropy", 5, 1, 3);
        assertMentionsValue(e, "5");
    }

    @Test
    void negativeLabelIsOutOfRange() {
        IllegalArgumentException e = badLabel("crossEntropy", -1, 0, 2);
        assertMentionsValue(e, "-1");
    }

    @Test
    void labelOutOfRangeOfAParamRowIsAnError() {
        IllegalArgumentException e = badLabel("weightedCrossEntropy", 4, 2, 2);
        assertMentionsValue(e, "4");
    }

    @Test
    void nonIntegralLabelIsAnErrorEvenWhenItIndexesNothing() {
        IllegalArgumentException e = badLabel("cosineEmbedding", 0.5, 1, 0);
        assertMentionsValue(e, "0.5");
    }

    /** A [3, 4] batch of valid inputs with {@code value} as the label at (i0, i1); the error it must give. */
    private static IllegalArgumentException badLabel(String method, double value, int i0, int i1) {
        RowLossCase lossCase = RowCorpus.byMethod(method);
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        LossFunction loss = RowLossFunctionalTest.newLoss(compiled, lossCase);
        RowSamples.Shape shape = new RowSamples.Shape(3, 4);
        RowSamples.Batch batch = RowSamples.draw(lossCase, shape);
        int j = labelIndex(lossCase);
        double[] labels = batch.data()[j].clone();
        int flat = i0 * 4 + i1;
        labels[flat] = value;
        Tensor[] inputs = batch.with(j, labels).tensorsRequiringGrad();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.forward(inputs),
                method + " with label " + value + " at [" + i0 + ", " + i1 + "]");
        String message = String.valueOf(e.getMessage());
        assertWithMessage("%s: the message names the batch position [%s, %s] (or flat index %s); it was: %s", method,
                i0, i1, flat, message).that(mentionsPosition(message, new int[] {i0, i1}, flat)).isTrue();
        return e;
    }

    private static int labelIndex(RowLossCase lossCase) {
        List<RowLossCase.Input> inputs = lossCase.inputs();
        for (int j = 0; j < inputs.size(); j++) {
            if (inputs.get(j) instanceof RowLossCase.Label) {
                return j;
            }
        }
        throw new IllegalArgumentException(lossCase + " has no label");
    }

    private static void assertMentionsValue(IllegalArgumentException e, String value) {
        String message = String.valueOf(e.getMessage());
        boolean found = Pattern.compile("(?<![0-9.])" + Pattern.quote(value) + "(?:\\.0)?(?![0-9])").matcher(message).find();
        assertWithMessage("the message shows the value %s; it was: %s", value, message).that(found).isTrue();
    }

    /** [i, j], [i,j], (i, j), (i,j), or "index"/"position" followed by the flat index. */
    static boolean mentionsPosition(String message, int[] index, int flat) {
        String joined = Arrays.stream(index).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String tight = joined.replace(", ", ",");
        if (Stream.of("[" + joined + "]", "[" + tight + "]", "(" + joined + ")", "(" + tight + ")")
                .anyMatch(message::contains)) {
            return true;
        }
        return Pattern.compile("(?i)(index|position)\\D{0,12}\\b" + flat + "\\b").matcher(message).find();
    }

    // ------------------------------------------------------------------------------ mismatched rows

    @Test
    void rowsOfDifferentLengthsInOneLoopAreAnErrorNamingBothParameters() {
        assertRowMismatch("dice", 1, 5, "probs", "target");
    }

    @Test
    void rowsOfDifferentLengthsForDotAreAnError() {
        assertRowMismatch("cosineEmbedding", 1, 3, "x1", "x2");
    }

    @Test
    void rowIndexedByAnotherRowsLoopIsChecked() {
        assertRowMismatch("softTargetCrossEntropy", 1, 4, "logits", "targetProbs");
    }

    @Test
    void rowLoopingOverTheOtherWayIsChecked() {
        assertRowMismatch("klDivergence", 0, 6, "logInput", "target");
    }

    @Test
    void rowsThatNoLoopIndexesTogetherMayDifferInLength() {
        RowLossCase lossCase = RowCorpus.byMethod("pairwiseKernel");
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        RowSamples.Batch batch = RowSamples.draw(lossCase, new RowSamples.Shape(2));
        Tensor a = Tensor.of(batch.data()[0], 2, 4);
        Tensor b = Tensor.of(Arrays.copyOf(batch.data()[1], 2 * 9), 2, 9);
        assertThat(RowLossFunctionalTest.newLoss(compiled, lossCase).forward(a, b).item()).isNotNaN();
    }

    @Test
    void paramRowOfAnotherLengthThanTheRowsItIsIndexedWithIsAnError() {
        RowLossCase lossCase = RowCorpus.byMethod("weightedFeatureMse");
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        Class<?> lossClass = compiled.load(lossCase.lossClassName());
        RowSamples.Batch batch = RowSamples.draw(lossCase, new RowSamples.Shape(2));
        Tensor[] inputs = batch.tensors();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.instantiate(lossClass, (Object) new double[] {1, 2, 3}).forward(inputs),
                "featureWeights of length 3 with rows of length 4");
        String message = String.valueOf(e.getMessage());
        assertWithMessage("names featureWeights: %s", message).that(mentionsWord(message, "featureWeights")).isTrue();
        assertWithMessage("shows length 3: %s", message).that(mentionsWord(message, "3")).isTrue();
        assertWithMessage("shows length 4: %s", message).that(mentionsWord(message, "4")).isTrue();
    }

    /**
     * {@code method}'s input {@code j} given rows of {@code length} instead of the table's; the
     * other inputs as drawn, all requiring grad, a [2, 3] batch.
     */
    private static void assertRowMismatch(String method, int j, int length, String first, String second) {
        RowLossCase lossCase = RowCorpus.byMethod(method);
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        LossFunction loss = RowLossFunctionalTest.newLoss(compiled, lossCase);
        RowSamples.Shape shape = new RowSamples.Shape(2, 3);
        RowSamples.Batch batch = RowSamples.draw(lossCase, shape);
        Tensor[] inputs = batch.tensorsRequiringGrad();
        int tableLength = ((RowLossCase.Row) lossCase.inputs().get(j)).length();
        inputs[j] = Tensor.randn(new Random(5), 2, 3, length).requiresGrad(true);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.forward(inputs),
                method + " with " + lossCase.inputs().get(j).name() + " rows of length " + length);
        String message = String.valueOf(e.getMessage());
        assertWithMessage("%s: names %s: %s", method, first, message).that(mentionsWord(message, first)).isTrue();
        assertWithMessage("%s: names %s: %s", method, second, message).that(mentionsWord(message, second)).isTrue();
        assertWithMessage("%s: shows length %s: %s", method, length, message)
                .that(mentionsWord(message, Integer.toString(length))).isTrue();
        assertWithMessage("%s: shows length %s: %s", method, tableLength, message)
                .that(mentionsWord(message, Integer.toString(tableLength))).isTrue();
    }

    // ------------------------------------------------------------------------------ helpers

    private static boolean mentionsWord(String message, String word) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(word) + "(?![A-Za-z0-9_])").matcher(message).find();
    }

    static double[] softmax(double[] z) {
        double m = Arrays.stream(z).max().orElseThrow();
        double[] p = new double[z.length];
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - m);
            s += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= s;
        }
        return p;
    }

    /** n rows of the given length cycling through ±1000, 999, 0 and ±500, so each row has huge gaps. */
    private static double[] extremeRows(int n, int length) {
        double[] values = {1000, -1000, 999, 0, -500, 500, 1000};
        double[] out = new double[n * length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < length; k++) {
                out[i * length + k] = values[(i * 3 + k) % values.length];
            }
        }
        return out;
    }

    private static double[] flatten(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }
}
