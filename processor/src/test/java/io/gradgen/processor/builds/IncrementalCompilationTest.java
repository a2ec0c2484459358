package io.gradgen.processor.builds;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a file-level incremental compiler does (an IDE, Maven's compiler plugin with
 * {@code useIncrementalCompilation=false}): after a full build, one changed loss file is
 * recompiled alone, with the earlier output on the class path and the same output folders.
 */
class IncrementalCompilationTest {

    @TempDir
    Path root;

    private DiskCompiler javac;
    private Path first;
    private Path second;

    @BeforeEach
    void fullBuild() {
        javac = new DiskCompiler(root);
        first = firstLosses("2.0");
        second = DiskCompiler.write(root, "src/b/SecondLosses.java",
                "package b;",
                "import io.gradgen.annotations.Loss;",
                "final class SecondLosses {",
                "    @Loss",
                "    static double cube(double x) { return x * x * x; }",
                "}");
        DiskCompiler.Result full = javac.compile(List.of(first, second), "-Xlint:all");
        assertWithMessage("full build:\n%s", full.describe()).that(full.diagnostics()).isEmpty();
        assertThat(full.success()).isTrue();
    }

    private Path firstLosses(String factor) {
        return DiskCompiler.write(root, "src/a/FirstLosses.java",
                "package a;",
                "import io.gradgen.annotations.Loss;",
                "final class FirstLosses {",
                "    @Loss",
                "    static double scaledSquare(double x) { return " + factor + " * x * x; }",
                "}");
    }

    @Test
    void recompilingOneChangedLossFileRegeneratesItsClassesAndLeavesTheOthersWorking() throws Exception {
        String secondBefore = javac.generatedSource("b.CubeLoss");
        firstLosses("3.0");

        DiskCompiler.Result incremental = javac.compile(List.of(first), "-Xlint:all");

        assertWithMessage("incremental build:\n%s", incremental.describe()).that(incremental.success()).isTrue();
        assertThat(incremental.errors()).isEmpty();
        assertOnlyAlreadyExistsWarnings(incremental, "a.ScaledSquareLoss", "a.ScaledSquareLossBackward");
        assertThat(javac.generatedSource("a.ScaledSquareLossBackward")).contains("6");
        assertThat(javac.generatedSource("b.CubeLoss")).isEqualTo(secondBefore);
        assertThat(javac.generatedFiles()).containsExactly(
                "a/ScaledSquareLoss.java", "a/ScaledSquareLossBackward.java",
                "b/CubeLoss.java", "b/CubeLossBackward.java");

        try (URLClassLoader loader = javac.loader()) {
            double[] xs = {-1.5, 0.25, 2.0};
            Tensor x = Tensor.of(xs, 3).requiresGrad(true);
            Tensor loss = lossOf(loader, "a.ScaledSquareLoss").forward(x);
            loss.backward();
            double mean = 0;
            for (int i = 0; i < xs.length; i++) {
                mean += 3 * xs[i] * xs[i] / xs.length;
                assertThat(x.grad().get(i)).isWithin(1e-12).of(6 * xs[i] / xs.length);
            }
            assertThat(loss.item()).isWithin(1e-12).of(mean);

            Tensor y = Tensor.of(xs, 3).requiresGrad(true);
            lossOf(loader, "b.CubeLoss").forward(y).backward();
            for (int i = 0; i < xs.length; i++) {
                assertThat(y.grad().get(i)).isWithin(1e-12).of(3 * xs[i] * xs[i] / xs.length);
            }
        }
    }

    @Test
    void recompilingAnUnchangedLossFileRegeneratesTheSameBytes() {
        String loss = javac.generatedSource("b.CubeLoss");
        String backward = javac.generatedSource("b.CubeLossBackward");

        DiskCompiler.Result again = javac.compile(List.of(second), "-Xlint:all,-processing");

        assertWithMessage("%s", again.describe()).that(again.diagnostics()).isEmpty();
        assertThat(javac.generatedSource("b.CubeLoss")).isEqualTo(loss);
        assertThat(javac.generatedSource("b.CubeLossBackward")).isEqualTo(backward);
    }

    /**
     * gradgen inlines {@code @Differentiable} helpers from their source, which it stores beside the
     * helper's class when it compiles it: a loss recompiled without the helper's file reads the
     * body from the earlier output and generates exactly what the first build did.
     */
    @Test
    void aLossRecompiledWithoutItsHelpersSourceReadsTheBodyStoredBesideTheHelper() {
        Path helper = DiskCompiler.write(root, "src/c/Helpers.java",
                "package c;",
                "import io.gradgen.annotations.Differentiable;",
                "public final class Helpers {",
                "    private Helpers() {}",
                "    @Differentiable",
                "    public static double soft(double x) { return Math.log1p(Math.exp(x)); }",
                "}");
        Path user = DiskCompiler.write(root, "src/c/UsesHelper.java",
                "package c;",
                "import io.gradgen.annotations.Loss;",
                "final class UsesHelper {",
                "    @Loss",
                "    static double softLoss(double x) { return Helpers.soft(x); }",
                "}");
        DiskCompiler.Result together = javac.compile(List.of(helper, user), "-Xlint:all,-processing");
        assertWithMessage("%s", together.describe()).that(together.success()).isTrue();
        String loss = javac.generatedSource("c.SoftLoss");
        String backward = javac.generatedSource("c.SoftLossBackward");
        assertThat(Files.exists(javac.classes().resolve("c/Helpers.soft.gradgen"))).isTrue();

        DiskCompiler.Result alone = javac.compile(List.of(user), "-Xlint:all,-processing");

        assertWithMessage("%s", alone.describe()).that(alone.success()).isTrue();
        assertWithMessage("%s", alone.describe()).that(alone.errors()).isEmpty();
        assertThat(javac.generatedSource("c.SoftLoss")).isEqualTo(loss);
        assertThat(javac.generatedSource("c.SoftLossBackward")).isEqualTo(backward);
    }

    /**
     * javac's {@code -Xlint:processing} warns whenever a processor writes a type that already
     * exists on the class path, which is every regenerated class of a file-level incremental
     * build: a javac warning about the situation, not about gradgen's output. Builds that
     * compile changed files alone under {@code -Werror} need {@code -Xlint:-processing}.
     */
    private static void assertOnlyAlreadyExistsWarnings(DiskCompiler.Result result, String... types) {
        List<Diagnostic<? extends JavaFileObject>> warnings = result.warnings();
        assertWithMessage("%s", result.describe()).that(warnings).hasSize(types.length);
        for (int i = 0; i < types.length; i++) {
            assertThat(warnings.get(i).getMessage(Locale.ROOT))
                    .contains("A file for type '" + types[i] + "' already exists on the sourcepath or classpath");
        }
    }

    private static LossFunction lossOf(ClassLoader loader, String name) throws ReflectiveOperationException {
        return (LossFunction) loader.loadClass(name).getConstructor().newInstance();
    }
}
