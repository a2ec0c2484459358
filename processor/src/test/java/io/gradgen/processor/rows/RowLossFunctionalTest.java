package io.gradgen.processor.rows;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.autograd.BackwardFunction;
import io.gradgen.processor.rows.RowLossCase.Input;
import io.gradgen.processor.rows.RowSamples.Batch;
import io.gradgen.processor.rows.RowSamples.Shape;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Functional tests of the classes the processor generates for the row corpus
 * ({@code src/test/resources/corpus/rows}, described by {@link RowCorpus}): forward against the
 * plain method called once per batch position, the gradient of every row and element input
 * against central differences of the plain method, for batch shapes {@code []}, {@code [N]} and
 * {@code [N, M]} (tensors of shape {@code [C]}, {@code [N, C]}, {@code [N, M, C]} for a row) and for
 * every reduction.
 */
class RowLossFunctionalTest {

    /** Forward values: relative to max(1, |expected|). */
    private static final double FORWARD_TOLERANCE = 1e-12;
    /** Generated gradient against central differences of the plain method. */
    private static final double CENTRAL_DIFFERENCE_TOLERANCE = 1e-6;

    private static final List<Shape> SHAPES = List.of(new Shape(), new Shape(4), new Shape(2, 3));

    static Stream<RowLossCase> cases() {
        return RowCorpus.CASES.stream();
    }

    static Stream<Arguments> casesAndShapes() {
        return RowCorpus.CASES.stream().flatMap(c -> SHAPES.stream().map(s -> Arguments.of(c, s)));
    }

    /** The variant losses under each reduction other than the declared one. */
    static Stream<Arguments> reductionVariants() {
        return RowCorpus.REDUCTION_VARIANTS.stream().map(RowCorpus::byMethod)
                .flatMap(c -> Stream.of(Reduction.MEAN, Reduction.SUM, Reduction.NONE).filter(r -> r != c.reduction())
                        .map(r -> Arguments.of(c, r)));
    }

    // ------------------------------------------------------------------------------ names and types

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatedClassesFollowTheContract(RowLossCase lossCase) {
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        Class<?> loss = compiled.load(lossCase.lossClassName());
        assertWithMessage("%s is public final", loss)
                .that(Modifier.isPublic(loss.getModifiers()) && Modifier.isFinal(loss.getModifiers())).isTrue();
        assertWithMessage("%s implements LossFunction", loss).that(LossFunction.class.isAssignableFrom(loss)).isTrue();
        Class<?> backward = compiled.load(lossCase.backwardClassName());
        assertWithMessage("%s is public final", backward)
                .that(Modifier.isPublic(backward.getModifiers()) && Modifier.isFinal(backward.getModifiers())).isTrue();
        assertWithMessage("%s implements BackwardFunction", backward)
                .that(BackwardFunction.class.isAssignableFrom(backward)).isTrue();

        Class<?>[] tensorParameters = new Class<?>[lossCase.inputs().size()];
        Arrays.fill(tensorParameters, Tensor.class);
        try {
            assertThat(loss.getMethod("forward", tensorParameters).getReturnType()).isEqualTo(Tensor.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(loss + " has no public forward(" + tensorParameters.length
                    + " x Tensor): one Tensor per row, label and element parameter", e);
        }
        assertWithMessage("%s: public no-argument constructor exactly when every @Param has a default", lossCase)
                .that(Losses.hasPublicNoArgConstructor(loss)).isEqualTo(lossCase.allConstsHaveDefaults());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resultGradFnIsTheGeneratedBackward(RowLossCase lossCase) {
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        Batch batch = RowSamples.draw(lossCase, SHAPES.get(2));
        Tensor result = newLoss(compiled, lossCase).forward(batch.tensorsRequiringGrad());
        assertWithMessage("%s: result requires grad", lossCase).that(result.requiresGrad()).isTrue();
        assertWithMessage("%s: gradFn class", lossCase).that(result.gradFn()).isNotNull();
        assertThat(result.gradFn().getClass().getName()).isEqualTo(lossCase.backwardClassName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resultDoesNotRequireGradWhenNoInputDoes(RowLossCase lossCase) {
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        Tensor result = newLoss(compiled, lossCase).forward(RowSamples.draw(lossCase, SHAPES.get(1)).tensors());
        assertWithMessage("%s: result of inputs that do not require grad", lossCase)
                .that(result.requiresGrad()).isFalse();
    }

    // ------------------------------------------------------------------------------ forward

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndShapes")
    void forwardEqualsThePlainMethodPerPosition(RowLossCase lossCase, Shape shape) {
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        checkForward(compiled, lossCase, shape);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("reductionVariants")
    void forwardUnderEveryReduction(RowLossCase declared, Reduction reduction) {
        RowLossCase lossCase = declared.withReduction(reduction);
        CompiledSources compiled = RowCorpusCompilations.withProcessor(declared, reduction);
        for (Shape shape : SHAPES) {
            checkForward(compiled, lossCase, shape);
        }
    }

    private static void checkForward(CompiledSources compiled, RowLossCase lossCase, Shape shape) {
        Method plain = plainMethod(compiled, lossCase);
        Batch batch = RowSamples.draw(lossCase, shape);
        double[] expected = RowSamples.plainValues(plain, batch);
        LossFunction loss = newLoss(compiled, lossCase);
        assertMatchesPlain(lossCase, batch, expected, loss.forward(batch.tensors()), "forward(Tensor...)");
        assertMatchesPlain(lossCase, batch, expected, Losses.forwardTyped(loss, batch.tensors()), "forward(Tensor, ...)");
    }

    private static void assertMatchesPlain(RowLossCase lossCase, Batch batch, double[] expected, Tensor actual,
            String via) {
        if (lossCase.reduction() == Reduction.NONE) {
            assertWithMessage("%s %s: shape of the unreduced result (the batch shape)", lossCase, via)
                    .that(actual.shape()).isEqualTo(batch.shape().dims());
            double[] values = actual.toArray();
            for (int i = 0; i < expected.length; i++) {
                if (!RowSamples.close(values[i], expected[i], FORWARD_TOLERANCE)) {
                    throw new AssertionError(String.format("%s %s %s: generated %s, plain method %s", lossCase, via,
                            batch.describe(i), values[i], expected[i]));
                }
            }
        } else {
            assertWithMessage("%s %s: a reduced loss is 0-dim", lossCase, via).that(actual.shape()).isEmpty();
            double want = io.gradgen.processor.testing.Reductions.reduce(lossCase.reduction(), expected);
            double got = actual.item();
            if (!RowSamples.close(got, want, FORWARD_TOLERANCE)) {
                throw new AssertionError(String.format("%s %s on batch %s: generated %s, plain method reduced %s",
                        lossCase, via, batch.shape(), got, want));
            }
        }
    }

    // ------------------------------------------------------------------------------ backward

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndShapes")
    void gradientsMatchCentralDifferencesOfThePlainMethod(RowLossCase lossCase, Shape shape) {
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        checkGradients(compiled, lossCase, shape);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("reductionVariants")
    void gradientsUnderEveryReduction(RowLossCase declared, Reduction reduction) {
        RowLossCase lossCase = declared.withReduction(reduction);
        CompiledSources compiled = RowCorpusCompilations.withProcessor(declared, reduction);
        for (Shape shape : SHAPES) {
            checkGradients(compiled, lossCase, shape);
        }
    }

    private static void checkGradients(CompiledSources compiled, RowLossCase lossCase, Shape shape) {
        Method plain = plainMethod(compiled, lossCase);
        Batch batch = RowSamples.draw(lossCase, shape);
        double[] upstream = RowSamples.upstream(lossCase, shape);

        Tensor[] inputs = batch.tensorsRequiringGrad();
        Tensor result = newLoss(compiled, lossCase).forward(inputs);
        RowSamples.backward(lossCase.reduction(), result, shape, upstream);

        List<String> failures = new ArrayList<>();
        List<Input> declared = lossCase.inputs();
        for (int j = 0; j < inputs.length; j++) {
            Input input = declared.get(j);
            if (!input.differentiable()) {
                assertWithMessage("%s: label %s gets no gradient", lossCase, input.name()).that(inputs[j].grad()).isNull();
                continue;
            }
            Tensor grad = inputs[j].grad();
            assertWithMessage("%s: loss.backward() fills grad of %s", lossCase, input.name()).that(grad).isNotNull();
            assertWithMessage("%s: shape of grad of %s", lossCase, input.name())
                    .that(grad.shape()).isEqualTo(input.tensorShape(shape.dims()));
            double[] g = grad.toArray();
            int width = input.width();
            for (int i = 0; i < shape.numel(); i++) {
                double w = io.gradgen.processor.testing.Reductions.weight(lossCase.reduction(), shape.numel(), upstream, i);
                for (int c = 0; c < width; c++) {
                    double numeric = RowSamples.centralDifference(plain, batch, i, j, c);
                    double unweighted = g[i * width + c] / w;
                    if (!RowSamples.close(unweighted, numeric, CENTRAL_DIFFERENCE_TOLERANCE)) {
                        failures.add(String.format("d/d%s%s %s: generated %s (grad %s / reduction weight %s),"
                                + " central difference %s", input.name(), width == 1 && !(input instanceof RowLossCase.Row)
                                        ? "" : "[" + c + "]", batch.describe(i), unweighted, g[i * width + c], w,
                                numeric));
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(lossCase + " on batch " + shape + ": " + failures.size()
                    + " gradient element(s) disagree with central differences:\n  " + String.join("\n  ", failures));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onlyInputsThatRequireGradReceiveOne(RowLossCase lossCase) {
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        Shape shape = SHAPES.get(1);
        Batch batch = RowSamples.draw(lossCase, shape);
        double[] upstream = RowSamples.upstream(lossCase, shape);
        int n = lossCase.inputs().size();
        for (int j : lossCase.differentiableInputs()) {
            boolean[] requiring = new boolean[n];
            requiring[j] = true;
            Tensor[] inputs = batch.tensors(requiring);
            Tensor result = newLoss(compiled, lossCase).forward(inputs);
            RowSamples.backward(lossCase.reduction(), result, shape, upstream);
            for (int k = 0; k < n; k++) {
                String name = lossCase.inputs().get(k).name();
                if (k == j) {
                    assertWithMessage("%s: grad of %s, the only input requiring grad", lossCase, name)
                            .that(inputs[k].grad()).isNotNull();
                } else {
                    assertWithMessage("%s: grad of %s, which does not require grad", lossCase, name)
                            .that(inputs[k].grad()).isNull();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsAccumulateAcrossBackwardCalls(RowLossCase lossCase) {
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        Shape shape = SHAPES.get(1);
        Batch batch = RowSamples.draw(lossCase, shape);
        double[] upstream = RowSamples.upstream(lossCase, shape);
        LossFunction loss = newLoss(compiled, lossCase);

        Tensor[] once = batch.tensorsRequiringGrad();
        RowSamples.backward(lossCase.reduction(), loss.forward(once), shape, upstream);
        Tensor[] twice = batch.tensorsRequiringGrad();
        RowSamples.backward(lossCase.reduction(), loss.forward(twice), shape, upstream);
        RowSamples.backward(lossCase.reduction(), loss.forward(twice), shape, upstream);
        for (int j : lossCase.differentiableInputs()) {
            double[] a = once[j].grad().toArray();
            double[] b = twice[j].grad().toArray();
            for (int e = 0; e < a.length; e++) {
                assertWithMessage("%s: grad of %s[%s] after two backward calls", lossCase,
                        lossCase.inputs().get(j).name(), e).that(RowSamples.close(b[e], 2 * a[e], 1e-12)).isTrue();
            }
        }
    }

    // ------------------------------------------------------------------------------ constructors

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void noArgumentConstructorUsesTheParamDefaults(RowLossCase lossCase) {
        if (!lossCase.allConstsHaveDefaults() || lossCase.consts().isEmpty()) {
            return;
        }
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        Class<?> lossClass = compiled.load(lossCase.lossClassName());
        Object[] defaults = lossCase.defaultConstructorArgs();
        Batch batch = RowSamples.draw(lossCase, new Shape(2, 3), defaults,
                RowSamples.seed(lossCase, new Shape(2, 3), "defaults"));
        double[] viaDefaults = Losses.instantiate(lossClass).forward(batch.tensors()).toArray();
        double[] plain = RowSamples.plainValues(plainMethod(compiled, lossCase), batch);
        double[] want = lossCase.reduction() == Reduction.NONE ? plain
                : new double[] {io.gradgen.processor.testing.Reductions.reduce(lossCase.reduction(), plain)};
        assertThat(viaDefaults).hasLength(want.length);
        for (int i = 0; i < want.length; i++) {
            assertWithMessage("%s: new %s() against the plain method with the defaults, value %s", lossCase,
                    lossCase.generatedName(), i).that(RowSamples.close(viaDefaults[i], want[i], FORWARD_TOLERANCE)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theAnnotatedMethodStaysCallable(RowLossCase lossCase) {
        CompiledSources compiled = RowCorpusCompilations.withProcessor(lossCase);
        Batch batch = RowSamples.draw(lossCase, new Shape());
        double value = Losses.callPlain(plainMethod(compiled, lossCase), batch.plainArgs(0));
        assertWithMessage("%s called directly %s", lossCase, batch.describe(0)).that(Double.isFinite(value)).isTrue();
    }

    // ------------------------------------------------------------------------------ whole files

    static Stream<String> groups() {
        return RowCorpus.SOURCES.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void eachCorpusFileCompilesCleanlyAsWritten(String group) {
        CompiledSources compiled = RowCorpusCompilations.groupWithProcessor(group);
        for (RowLossCase lossCase : RowCorpus.CASES) {
            if (lossCase.source().equals(group)) {
                assertWithMessage("%s generated", lossCase).that(compiled.has(lossCase.lossClassName())).isTrue();
                assertWithMessage("%s generated", lossCase).that(compiled.has(lossCase.backwardClassName())).isTrue();
            }
        }
    }

    @Test
    void compilingTheCorpusTwiceGivesByteIdenticalSources() {
        String[] paths = RowCorpus.ALL_SOURCES.toArray(String[]::new);
        Map<String, String> first = GradgenCompiler.compileCleanly(GradgenCompiler.resources(paths)).generatedSources();
        Map<String, String> second = GradgenCompiler.compileCleanly(GradgenCompiler.resources(paths)).generatedSources();
        for (RowLossCase lossCase : RowCorpus.CASES) {
            for (String name : List.of(lossCase.lossClassName(), lossCase.backwardClassName())) {
                String file = "/" + name.replace('.', '/') + ".java";
                assertWithMessage("generated source %s among %s", file, first.keySet())
                        .that(first.keySet().stream().anyMatch(uri -> uri.endsWith(file))).isTrue();
            }
        }
        assertThat(second).containsExactlyEntriesIn(first);
    }

    // ------------------------------------------------------------------------------ helpers

    static LossFunction newLoss(CompiledSources compiled, RowLossCase lossCase) {
        return Losses.instantiate(compiled.load(lossCase.lossClassName()), lossCase.testConstructorArgs());
    }

    static Method plainMethod(CompiledSources compiled, RowLossCase lossCase) {
        return Losses.plainMethod(compiled.load(lossCase.sourceClassName()), lossCase.method());
    }
}
