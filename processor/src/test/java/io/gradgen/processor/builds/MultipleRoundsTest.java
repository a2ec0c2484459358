package io.gradgen.processor.builds;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.processor.GradgenProcessor;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import io.gradgen.processor.testing.NotJavac;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * gradgen among other processors, over several rounds: losses that another processor generates,
 * and losses that use what another processor generates.
 */
class MultipleRoundsTest {

    private static final String GENERATED_LOSSES = String.join("\n",
            "package gen;",
            "import io.gradgen.annotations.Loss;",
            "import io.gradgen.annotations.Param;",
            "public final class GeneratedLosses {",
            "    private GeneratedLosses() {}",
            "    @Loss",
            "    public static double scaledSquare(double x, @Param(3.0) double c) { return c * x * x; }",
            "}");

    private static final String CONSTANTS = String.join("\n",
            "package gen;",
            "public final class Constants {",
            "    private Constants() {}",
            "    public static final double SCALE = 4.0;",
            "}");

    private static final String HELPERS = String.join("\n",
            "package gen;",
            "import io.gradgen.annotations.Differentiable;",
            "public final class Helpers {",
            "    private Helpers() {}",
            "    @Differentiable",
            "    public static double cube(double x) { return x * x * x; }",
            "}");

    @Test
    void aLossGeneratedByAnotherProcessorIsProcessedInTheNextRound() {
        JavaFileObject trigger = JavaFileObjects.forSourceLines("app.Trigger", "package app;", "final class Trigger {}");

        CompiledSources compiled = GradgenCompiler.compileCleanly(
                GradgenCompiler.javac().withProcessors(new GradgenProcessor(), new RoundOneGenerator(Map.of(
                        "gen.GeneratedLosses", GENERATED_LOSSES))),
                List.of(trigger));

        LossFunction loss = Losses.instantiate(compiled.load("gen.ScaledSquareLoss"));
        Tensor x = Tensor.of(new double[] {1.0, -2.0}, 2).requiresGrad(true);
        Tensor value = loss.forward(x);
        value.backward();
        assertThat(value.item()).isWithin(1e-12).of((3.0 + 12.0) / 2);
        assertThat(x.grad().toArray()).usingTolerance(1e-12).containsExactly(3.0, -6.0).inOrder();
    }

    /**
     * A loss that reads a constant and calls a helper of classes another processor writes in
     * round 1: in round 1 they do not exist yet, so gradgen must wait for them rather than call
     * the names unknown.
     */
    @Test
    void aLossUsingTypesGeneratedInAnEarlierRoundWaitsForThem() {
        JavaFileObject user = JavaFileObjects.forSourceLines("app.UsesGenerated",
                "package app;",
                "import io.gradgen.annotations.Loss;",
                "final class UsesGenerated {",
                "    @Loss",
                "    static double scaledCube(double x) { return gen.Constants.SCALE * gen.Helpers.cube(x); }",
                "}");

        CompiledSources compiled = GradgenCompiler.compileCleanly(
                GradgenCompiler.javac().withProcessors(new RoundOneGenerator(Map.of(
                        "gen.Constants", CONSTANTS, "gen.Helpers", HELPERS)), new GradgenProcessor()),
                List.of(user));

        LossFunction loss = Losses.instantiate(compiled.load("app.ScaledCubeLoss"));
        Tensor x = Tensor.of(new double[] {1.0, -2.0}, 2).requiresGrad(true);
        loss.forward(x).backward();
        assertThat(x.grad().toArray()).usingTolerance(1e-12).containsExactly(6.0, 24.0).inOrder();
    }

    /**
     * Losses in round 1 and in round 2 under a compiler without javac's Tree API that cannot tell
     * their files: the round-1 loss gets its one error, said once; after an error javac runs no
     * further round on new sources, so the round-2 loss is neither read nor reported twice.
     */
    @Test
    void anUnreadableSourceIsReportedOnceAcrossRounds() {
        JavaFileObject user = JavaFileObjects.forSourceLines("app.RoundOne",
                "package app;",
                "import io.gradgen.annotations.Loss;",
                "final class RoundOne {",
                "    @Loss",
                "    static double square(double x) { return x * x; }",
                "}");

        Compilation compilation = GradgenCompiler.javac()
                .withProcessors(new RoundOneGenerator(Map.of("gen.GeneratedLosses", GENERATED_LOSSES)),
                        new NotJavac(new GradgenProcessor()))
                .compile(user);

        assertThat(compilation).failed();
        assertWithMessage("%s", GradgenCompiler.describe(compilation.diagnostics()))
                .that(compilation.errors()).hasSize(1);
        assertThat(compilation).hadErrorContaining("[gradgen/SourceUnreadable] cannot read the body of RoundOne.square()");
    }

    /**
     * Another processor: writes the given sources in its first round and nothing after. It
     * supports {@code *}, so javac calls it in a round only while some annotation is unclaimed or
     * when it comes before gradgen, which claims its own.
     */
    static final class RoundOneGenerator extends AbstractProcessor {
        private final Map<String, String> sources;
        private boolean done;

        RoundOneGenerator(Map<String, String> sources) {
            this.sources = new LinkedHashMap<>(sources);
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                sources.forEach((name, text) -> {
                    try (Writer out = processingEnv.getFiler().createSourceFile(name).openWriter()) {
                        out.write(text);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return false;
        }
    }
}
