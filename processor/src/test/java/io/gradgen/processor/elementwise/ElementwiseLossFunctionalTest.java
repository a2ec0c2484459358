package io.gradgen.processor.elementwise;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.annotations.Reduction;
import io.gradgen.autograd.BackwardFunction;
import io.gradgen.processor.elementwise.LossCase.Input;
import io.gradgen.processor.elementwise.Samples.Batch;
import io.gradgen.processor.elementwise.Samples.Shape;
import io.gradgen.processor.elementwise.TensorOps.MissingTensorOp;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Functional tests of the classes the processor generates for the element-wise corpus
 * ({@code src/test/resources/corpus/elementwise}, described by {@link ElementwiseCorpus}): forward
 * against the plain method, backward against central differences of the plain method and against
 * the runtime's own autograd, and the generated API (names, constructors, errors).
 */
class ElementwiseLossFunctionalTest {

    /** Forward values: relative to max(1, |expected|). */
    private static final double FORWARD_TOLERANCE = 1e-12;
    /** Generated gradient against central differences of the plain method. */
    private static final double CENTRAL_DIFFERENCE_TOLERANCE = 1e-6;
    /** Generated gradient against the runtime's dynamic autograd of the same formula. */
    private static final double AUTOGRAD_TOLERANCE = 1e-9;

    private static final List<Shape> SHAPES = List.of(new Shape(3, 5), new Shape(7));

    static Stream<LossCase> cases() {
        return ElementwiseCorpus.CASES.stream();
    }

    static Stream<Arguments> casesAndShapes() {
        return ElementwiseCorpus.CASES.stream()
                .flatMap(c -> SHAPES.stream().map(s -> Arguments.of(c, s)));
    }

    static Stream<LossCase> casesWithSeveralInputs() {
        return cases().filter(c -> c.inputs().size() >= 2);
    }

    // ------------------------------------------------------------------------------ names and types

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatedClassNamesFollowTheContract(LossCase lossCase) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        assertWithMessage("generated loss class for %s", lossCase).that(compiled.has(lossCase.lossClassName())).isTrue();
        assertWithMessage("generated backward class for %s", lossCase)
                .that(compiled.has(lossCase.backwardClassName())).isTrue();

        Class<?> loss = compiled.load(lossCase.lossClassName());
        assertWithMessage("%s is public final", loss).that(Modifier.isPublic(loss.getModifiers())
                && Modifier.isFinal(loss.getModifiers())).isTrue();
        assertWithMessage("%s implements LossFunction", loss).that(LossFunction.class.isAssignableFrom(loss)).isTrue();

        Class<?> backward = compiled.load(lossCase.backwardClassName());
        assertWithMessage("%s is public final", backward).that(Modifier.isPublic(backward.getModifiers())
                && Modifier.isFinal(backward.getModifiers())).isTrue();
        assertWithMessage("%s implements BackwardFunction", backward)
                .that(BackwardFunction.class.isAssignableFrom(backward)).isTrue();

        Class<?>[] tensorParameters = new Class<?>[lossCase.inputs().size()];
        Arrays.fill(tensorParameters, Tensor.class);
        try {
            Method forward = loss.getMethod("forward", tensorParameters);
            assertThat(forward.getReturnType()).isEqualTo(Tensor.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(loss + " has no public forward(" + lossCase.inputs().size() + " x Tensor)", e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resultGradFnIsTheGeneratedBackward(LossCase lossCase) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        Batch batch = Samples.draw(lossCase, SHAPES.get(0));
        Tensor result = newLoss(compiled, lossCase).forward(batch.tensorsAllRequiringGrad());

        assertWithMessage("%s: result requires grad", lossCase).that(result.requiresGrad()).isTrue();
        BackwardFunction gradFn = result.gradFn();
        assertWithMessage("%s: gradFn", lossCase).that(gradFn).isNotNull();
        assertWithMessage("%s: gradFn class", lossCase).that(gradFn.getClass().getName())
                .isEqualTo(lossCase.backwardClassName());
        assertThat(compiled.load(lossCase.backwardClassName()).isInstance(gradFn)).isTrue();

        String name = gradFn.name();
        assertWithMessage("%s: gradFn().name()", lossCase).that(name).isNotNull();
        assertWithMessage("%s: gradFn().name() is readable", lossCase).that(name.isBlank()).isFalse();
        assertWithMessage("%s: gradFn().name() is not an identity string", lossCase)
                .that(name).doesNotMatch(".*@[0-9a-f]{4,}$");
        assertWithMessage("%s: gradFn().name() names the loss", lossCase).that(name).contains(lossCase.generatedName());
    }

    // ------------------------------------------------------------------------------ forward

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndShapes")
    void forwardEqualsThePlainMethodReduced(LossCase lossCase, Shape shape) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        Method plain = plainMethod(compiled, lossCase);
        Batch batch = Samples.draw(lossCase, shape);
        double[] expected = Samples.plainValues(plain, batch);
        LossFunction loss = newLoss(compiled, lossCase);

        Tensor viaInterface = loss.forward(batch.tensors());
        assertMatchesReducedPlain(lossCase, batch, expected, viaInterface, "forward(Tensor...)");

        Tensor viaTypedForward = Losses.forwardTyped(loss, batch.tensors());
        assertMatchesReducedPlain(lossCase, batch, expected, viaTypedForward, "forward(Tensor, ...)");
    }

    private static void assertMatchesReducedPlain(LossCase lossCase, Batch batch, double[] expected, Tensor actual,
            String via) {
        Reduction reduction = lossCase.reduction();
        if (reduction == Reduction.NONE) {
            assertWithMessage("%s %s: shape of the unreduced result", lossCase, via)
                    .that(actual.shape()).isEqualTo(batch.shape().dims());
            double[] values = actual.toArray();
            for (int i = 0; i < expected.length; i++) {
                if (!Samples.close(values[i], expected[i], FORWARD_TOLERANCE)) {
                    throw new AssertionError(String.format("%s %s %s: generated %s, plain method %s", lossCase, via,
                            batch.describe(i), values[i], expected[i]));
                }
            }
        } else {
            assertWithMessage("%s %s: a reduced loss is 0-dim", lossCase, via).that(actual.shape()).isEmpty();
            double want = io.gradgen.processor.testing.Reductions.reduce(reduction, expected);
            double got = actual.item();
            if (!Samples.close(got, want, FORWARD_TOLERANCE)) {
                throw new AssertionError(String.format("%s %s on %s: generated %s, plain method reduced %s"
                        + " (difference %s)", lossCase, via, batch.shape(), got, want, got - want));
            }
        }
    }

    // ------------------------------------------------------------------------------ backward

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndShapes")
    void gradientsMatchCentralDifferencesOfThePlainMethod(LossCase lossCase, Shape shape) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        Method plain = plainMethod(compiled, lossCase);
        Batch batch = Samples.draw(lossCase, shape);
        double[] upstream = Samples.upstream(lossCase, shape);

        Tensor[] inputs = batch.tensorsAllRequiringGrad();
        Tensor result = newLoss(compiled, lossCase).forward(inputs);
        Samples.backward(lossCase.reduction(), result, shape, upstream);

        List<String> failures = new ArrayList<>();
        List<Input> names = lossCase.inputs();
        for (int j = 0; j < inputs.length; j++) {
            Tensor grad = inputs[j].grad();
            assertWithMessage("%s: grad of %s", lossCase, names.get(j).name()).that(grad).isNotNull();
            assertWithMessage("%s: shape of grad of %s", lossCase, names.get(j).name())
                    .that(grad.shape()).isEqualTo(shape.dims());
            double[] g = grad.toArray();
            for (int i = 0; i < g.length; i++) {
                double w = io.gradgen.processor.testing.Reductions.weight(lossCase.reduction(), g.length, upstream, i);
                double numeric = Samples.centralDifference(plain, lossCase, batch.at(i), batch.c(), j);
                double unweighted = g[i] / w;
                if (!Samples.close(unweighted, numeric, CENTRAL_DIFFERENCE_TOLERANCE)) {
                    failures.add(String.format("d/d%s %s: generated %s (grad %s / reduction weight %s), central"
                            + " difference %s", names.get(j).name(), batch.describe(i), unweighted, g[i], w, numeric));
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(lossCase + " on " + shape + ": " + failures.size()
                    + " gradient element(s) disagree with central differences:\n  " + String.join("\n  ", failures));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndShapes")
    void gradientsMatchTheRuntimeAutogradOfTheSameFormula(LossCase lossCase, Shape shape) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        Batch batch = Samples.draw(lossCase, shape);
        double[] upstream = Samples.upstream(lossCase, shape);

        Tensor[] dynamicInputs = batch.tensorsAllRequiringGrad();
        Tensor dynamic;
        try {
            dynamic = Samples.reduceTensor(lossCase.reduction(), lossCase.formula().apply(dynamicInputs, batch.c()));
        } catch (MissingTensorOp missing) {
            Assumptions.abort(lossCase + ": " + missing.getMessage());
            return;
        }
        Samples.backward(lossCase.reduction(), dynamic, shape, upstream);

        Tensor[] generatedInputs = batch.tensorsAllRequiringGrad();
        Tensor generated = newLoss(compiled, lossCase).forward(generatedInputs);
        Samples.backward(lossCase.reduction(), generated, shape, upstream);

        double[] dynamicValues = dynamic.toArray();
        double[] generatedValues = generated.toArray();
        assertThat(generatedValues.length).isEqualTo(dynamicValues.length);
        for (int i = 0; i < dynamicValues.length; i++) {
            if (!Samples.close(generatedValues[i], dynamicValues[i], FORWARD_TOLERANCE)) {
                throw new AssertionError(String.format("%s on %s: value %s generated %s, Tensor ops %s", lossCase,
                        shape, i, generatedValues[i], dynamicValues[i]));
            }
        }

        List<String> failures = new ArrayList<>();
        List<Input> names = lossCase.inputs();
        for (int j = 0; j < dynamicInputs.length; j++) {
            Tensor dynamicGrad = dynamicInputs[j].grad();
            Tensor generatedGrad = generatedInputs[j].grad();
            assertWithMessage("%s: generated grad of %s", lossCase, names.get(j).name()).that(generatedGrad).isNotNull();
            double[] want = dynamicGrad == null ? new double[shape.numel()] : dynamicGrad.toArray();
            double[] got = generatedGrad.toArray();
            for (int i = 0; i < want.length; i++) {
                if (!Samples.close(got[i], want[i], AUTOGRAD_TOLERANCE)) {
                    failures.add(String.format("d/d%s %s: generated %s, runtime autograd %s", names.get(j).name(),
                            batch.describe(i), got[i], want[i]));
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(lossCase + " on " + shape + ": " + failures.size()
                    + " gradient element(s) disagree with the runtime's autograd:\n  " + String.join("\n  ", failures));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onlyInputsThatRequireGradReceiveOne(LossCase lossCase) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        Shape shape = SHAPES.get(0);
        Batch batch = Samples.draw(lossCase, shape);
        double[] upstream = Samples.upstream(lossCase, shape);
        int n = lossCase.inputs().size();
        for (int j = 0; j < n; j++) {
            boolean[] requiring = new boolean[n];
            requiring[j] = true;
            Tensor[] inputs = batch.tensors(requiring);
            Tensor result = newLoss(compiled, lossCase).forward(inputs);
            assertWithMessage("%s with only %s requiring grad: result requires grad", lossCase,
                    lossCase.inputs().get(j).name()).that(result.requiresGrad()).isTrue();
            Samples.backward(lossCase.reduction(), result, shape, upstream);
            for (int k = 0; k < n; k++) {
                String name = lossCase.inputs().get(k).name();
                if (k == j) {
                    assertWithMessage("%s: grad of %s, the only input requiring grad", lossCase, name)
                            .that(inputs[k].grad()).isNotNull();
                    assertThat(inputs[k].grad().shape()).isEqualTo(shape.dims());
                } else {
                    assertWithMessage("%s: grad of %s, which does not require grad (only %s does)", lossCase, name,
                            lossCase.inputs().get(j).name()).that(inputs[k].grad()).isNull();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsFlowOnIntoWhatProducedTheInputs(LossCase lossCase) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        Shape shape = SHAPES.get(0);
        Batch batch = Samples.draw(lossCase, shape);
        double[] upstream = Samples.upstream(lossCase, shape);

        Tensor[] direct = batch.tensorsAllRequiringGrad();
        Samples.backward(lossCase.reduction(), newLoss(compiled, lossCase).forward(direct), shape, upstream);

        // every input becomes (leaf * 2) / 2: same values, produced by two runtime ops
        Tensor[] leaves = batch.tensorsAllRequiringGrad();
        Tensor[] produced = new Tensor[leaves.length];
        for (int j = 0; j < leaves.length; j++) {
            produced[j] = leaves[j].mul(2.0).div(2.0);
        }
        Samples.backward(lossCase.reduction(), newLoss(compiled, lossCase).forward(produced), shape, upstream);

        for (int j = 0; j < leaves.length; j++) {
            String name = lossCase.inputs().get(j).name();
            assertWithMessage("%s: grad of the leaf behind %s", lossCase, name).that(leaves[j].grad()).isNotNull();
            assertWithMessage("%s: non-leaf input %s keeps no grad", lossCase, name).that(produced[j].grad()).isNull();
            double[] want = direct[j].grad().toArray();
            double[] got = leaves[j].grad().toArray();
            for (int i = 0; i < want.length; i++) {
                assertWithMessage("%s: d/d%s through (leaf * 2) / 2 %s", lossCase, name, batch.describe(i))
                        .that(Samples.close(got[i], want[i], AUTOGRAD_TOLERANCE)).isTrue();
            }
        }
    }

    /** Losses whose first two inputs share a domain and that have no kinks, so f(t, t) is smooth. */
    static Stream<LossCase> casesTakingOneTensorTwice() {
        return cases().filter(c -> c.inputs().size() >= 2
                && c.inputs().get(0).domain().equals(c.inputs().get(1).domain())
                && c.kinks() == LossCase.Kinks.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesTakingOneTensorTwice")
    void oneTensorPassedForTwoInputsGetsBothContributions(LossCase lossCase) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        Method plain = plainMethod(compiled, lossCase);
        Shape shape = SHAPES.get(1);
        Batch drawn = Samples.draw(lossCase, shape);
        double[][] x = drawn.x().clone();
        x[1] = x[0];
        Batch batch = new Batch(lossCase, shape, x, drawn.c());
        double[] upstream = Samples.upstream(lossCase, shape);

        Tensor[] inputs = batch.tensorsAllRequiringGrad();
        inputs[1] = inputs[0];
        Samples.backward(lossCase.reduction(), newLoss(compiled, lossCase).forward(inputs), shape, upstream);

        double[] g = inputs[0].grad().toArray();
        for (int i = 0; i < g.length; i++) {
            double w = io.gradgen.processor.testing.Reductions.weight(lossCase.reduction(), g.length, upstream, i);
            double[] at = batch.at(i);
            double h = Samples.STEP * Math.max(1, Math.abs(at[0]));
            double[] plus = at.clone();
            double[] minus = at.clone();
            plus[0] = plus[1] = at[0] + h;
            minus[0] = minus[1] = at[0] - h;
            double numeric = (Samples.plain(plain, lossCase, plus, batch.c()) - Samples.plain(plain, lossCase, minus,
                    batch.c())) / (plus[0] - minus[0]);
            assertWithMessage("%s(t, t, ...): d/dt %s, generated grad %s / weight %s against central difference",
                    lossCase, batch.describe(i), g[i], w)
                    .that(Samples.close(g[i] / w, numeric, CENTRAL_DIFFERENCE_TOLERANCE)).isTrue();
        }
    }

    // ------------------------------------------------------------------------------ errors and constructors

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithSeveralInputs")
    void batchShapeMismatchNamesBothParametersAndShapes(LossCase lossCase) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        LossFunction loss = newLoss(compiled, lossCase);
        for (int[] other : new int[][] {{5, 3}, {5}}) {
            Tensor[] inputs = Samples.draw(lossCase, new Shape(3, 5)).tensors();
            Batch otherBatch = Samples.draw(lossCase, new Shape(other));
            inputs[1] = otherBatch.tensors()[1];

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.forward(inputs),
                    lossCase + ": shapes [3, 5] and " + Arrays.toString(other));
            String message = String.valueOf(e.getMessage());
            String first = lossCase.inputs().get(0).name();
            String second = lossCase.inputs().get(1).name();
            assertWithMessage("%s: message names %s", lossCase, first).that(mentionsWord(message, first)).isTrue();
            assertWithMessage("%s: message names %s", lossCase, second).that(mentionsWord(message, second)).isTrue();
            assertWithMessage("%s: message shows [3, 5]; it was: %s", lossCase, message)
                    .that(mentionsShape(message, new int[] {3, 5})).isTrue();
            assertWithMessage("%s: message shows %s; it was: %s", lossCase, Arrays.toString(other), message)
                    .that(mentionsShape(message, other)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void noArgumentConstructorUsesTheParamDefaults(LossCase lossCase) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        Class<?> lossClass = compiled.load(lossCase.lossClassName());
        boolean expected = lossCase.allConstsHaveDefaults();
        assertWithMessage("%s: public no-argument constructor (every @Param has a default: %s)", lossCase, expected)
                .that(Losses.hasPublicNoArgConstructor(lossClass)).isEqualTo(expected);
        if (!expected) {
            return;
        }
        double[] defaults = lossCase.defaultConsts();
        Batch batch = Samples.draw(lossCase, new Shape(3, 5), defaults, Samples.seed(lossCase, new Shape(3, 5), "defaults"));
        Tensor viaDefaults = Losses.instantiate(lossClass).forward(batch.tensors());
        Tensor viaExplicit = Losses.instantiate(lossClass, lossCase.constructorArgs(defaults)).forward(batch.tensors());
        assertWithMessage("%s: new %s() against new %s(%s)", lossCase, lossCase.generatedName(),
                lossCase.generatedName(), Arrays.toString(defaults))
                .that(viaDefaults.toArray()).usingExactEquality().containsExactly(viaExplicit.toArray()).inOrder();

        double[] plain = Samples.plainValues(plainMethod(compiled, lossCase), batch);
        double[] got = viaDefaults.toArray();
        double[] want = lossCase.reduction() == Reduction.NONE ? plain
                : new double[] {io.gradgen.processor.testing.Reductions.reduce(lossCase.reduction(), plain)};
        for (int i = 0; i < want.length; i++) {
            assertWithMessage("%s: new %s() against the plain method with the defaults, value %s", lossCase,
                    lossCase.generatedName(), i).that(Samples.close(got[i], want[i], FORWARD_TOLERANCE)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theAnnotatedMethodStaysCallable(LossCase lossCase) {
        CompiledSources compiled = CorpusCompilations.withProcessor(lossCase);
        Method plain = plainMethod(compiled, lossCase);
        Batch batch = Samples.draw(lossCase, new Shape(1));
        double value = Samples.plain(plain, lossCase, batch.at(0), batch.c());
        assertWithMessage("%s called directly %s", lossCase, batch.describe(0)).that(Double.isFinite(value)).isTrue();
    }

    // ------------------------------------------------------------------------------ whole files

    static Stream<String> groups() {
        return ElementwiseCorpus.SOURCES.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void eachCorpusFileCompilesCleanlyAsWritten(String group) {
        CompiledSources compiled = CorpusCompilations.groupWithProcessor(group);
        for (LossCase lossCase : ElementwiseCorpus.CASES) {
            if (lossCase.source().equals(group)) {
                assertWithMessage("%s generated", lossCase).that(compiled.has(lossCase.lossClassName())).isTrue();
                assertWithMessage("%s generated", lossCase).that(compiled.has(lossCase.backwardClassName())).isTrue();
            }
        }
    }

    // ------------------------------------------------------------------------------ determinism

    @Test
    void compilingTheCorpusTwiceGivesByteIdenticalSources() {
        String[] paths = ElementwiseCorpus.ALL_SOURCES.toArray(String[]::new);
        Map<String, String> first = GradgenCompiler.compileCleanly(GradgenCompiler.resources(paths)).generatedSources();
        Map<String, String> second = GradgenCompiler.compileCleanly(GradgenCompiler.resources(paths)).generatedSources();

        List<String> expectedFiles = new ArrayList<>();
        for (LossCase lossCase : ElementwiseCorpus.CASES) {
            expectedFiles.add(lossCase.lossClassName().replace('.', '/') + ".java");
            expectedFiles.add(lossCase.backwardClassName().replace('.', '/') + ".java");
        }
        for (String file : expectedFiles) {
            assertWithMessage("generated source %s among %s", file, first.keySet())
                    .that(first.keySet().stream().anyMatch(uri -> uri.endsWith("/" + file))).isTrue();
        }
        assertThat(second.keySet()).containsExactlyElementsIn(first.keySet());
        for (Map.Entry<String, String> entry : first.entrySet()) {
            assertWithMessage("second compile of %s", entry.getKey())
                    .that(second.get(entry.getKey())).isEqualTo(entry.getValue());
        }
    }

    // ------------------------------------------------------------------------------ helpers

    static LossFunction newLoss(CompiledSources compiled, LossCase lossCase) {
        return Losses.instantiate(compiled.load(lossCase.lossClassName()), lossCase.constructorArgs(lossCase.testConsts()));
    }

    private static Method plainMethod(CompiledSources compiled, LossCase lossCase) {
        return Losses.plainMethod(compiled.load(lossCase.sourceClassName()), lossCase.method());
    }

    private static boolean mentionsWord(String message, String word) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(word) + "(?![A-Za-z0-9_])").matcher(message).find();
    }

    /** Accepts [3, 5], [3,5], (3, 5), (3,5) and, for one dimension, (5,). */
    static boolean mentionsShape(String message, int[] shape) {
        String comma = Arrays.toString(shape);
        String tight = comma.replace(", ", ",");
        String parens = "(" + comma.substring(1, comma.length() - 1) + ")";
        String parensTight = "(" + tight.substring(1, tight.length() - 1) + ")";
        String pythonic = shape.length == 1 ? "(" + shape[0] + ",)" : parens;
        return Stream.of(comma, tight, parens, parensTight, pythonic).anyMatch(message::contains);
    }
}
