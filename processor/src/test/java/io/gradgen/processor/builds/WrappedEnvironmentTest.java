package io.gradgen.processor.builds;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.processor.GradgenProcessor;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import io.gradgen.processor.testing.NotJavac;
import io.gradgen.processor.testing.WrappedEnvironments;
import io.gradgen.processor.testing.WrappedEnvironments.CreatedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * gradgen under the wrappers IntelliJ IDEA and Gradle put around javac's processing environment:
 * it finds javac's own environment behind them for the Tree API, and still writes through the
 * wrapper's filer, which records what was generated.
 */
class WrappedEnvironmentTest {

    private static final JavaFileObject LOSSES = JavaFileObjects.forSourceLines("app.Losses",
            "package app;",
            "import io.gradgen.annotations.Loss;",
            "import io.gradgen.annotations.Param;",
            "final class Losses {",
            "    private Losses() {}",
            "    @Loss",
            "    static double scaledSquare(double x, @Param(3.0) double c) { return c * x * x; }",
            "}");

    private final List<CreatedFile> created = new ArrayList<>();

    @Test
    void underIntellijsProxyTheLossIsGeneratedAndTrains() {
        compileAndTrain(env -> WrappedEnvironments.ideaProxy(env, created));
    }

    @Test
    void underGradlesIncrementalWrapperTheLossIsGeneratedAndTrains() {
        compileAndTrain(env -> WrappedEnvironments.gradleIncremental(env, created));
    }

    /** Gradle running inside IntelliJ: one wrapper around the other. */
    @Test
    void throughNestedWrappersTheLossIsGeneratedAndTrains() {
        List<CreatedFile> inner = new ArrayList<>();
        compileAndTrain(env -> WrappedEnvironments.gradleIncremental(WrappedEnvironments.ideaProxy(env, inner), created));
        assertThat(WrappedEnvironments.names(inner)).containsExactlyElementsIn(WrappedEnvironments.names(created));
    }

    /** A compiler whose environment no wrapper field leads back to javac: still one clear error. */
    @Test
    void anEnvironmentWithoutJavacBehindItIsStillReportedAsNotJavac() {
        Compilation compilation = GradgenCompiler.javac()
                .withProcessors(WrappedEnvironments.wrapping(new NotJavac(new GradgenProcessor()),
                        env -> WrappedEnvironments.gradleIncremental(env, created)))
                .compile(LOSSES);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[" + Message.NOT_JAVAC.id() + "]");
        assertThat(compilation.errors()).hasSize(1);
        assertThat(created).isEmpty();
    }

    private void compileAndTrain(UnaryOperator<ProcessingEnvironment> wrap) {
        CompiledSources compiled = GradgenCompiler.compileCleanly(
                GradgenCompiler.javac().withProcessors(WrappedEnvironments.wrapping(new GradgenProcessor(), wrap)),
                List.of(LOSSES));

        LossFunction loss = Losses.instantiate(compiled.load("app.ScaledSquareLoss"));
        Tensor x = Tensor.of(new double[] {1.0, -2.0}, 2).requiresGrad(true);
        Tensor value = loss.forward(x);
        value.backward();
        assertThat(value.item()).isWithin(1e-12).of((3.0 + 12.0) / 2);
        assertThat(x.grad().toArray()).usingTolerance(1e-12).containsExactly(3.0, -6.0).inOrder();

        // written through the wrapper's filer (so the tool knows of them), each from the @Loss method
        assertThat(WrappedEnvironments.names(created))
                .containsExactly("app.ScaledSquareLoss", "app.ScaledSquareLossBackward");
        for (CreatedFile file : created) {
            assertThat(file.originatingElements().stream().map(Element::getSimpleName).map(Object::toString).toList())
                    .containsExactly("scaledSquare");
        }
    }
}
