package io.gradgen.processor.builds;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.testing.Losses;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gradgen under Eclipse's compiler (ECJ), run in-process through its {@code javax.tools} face as
 * Eclipse and VS Code run it. ECJ has no javac Tree API, so gradgen parses each loss's source with
 * the JDK's own parser: these tests prove that this path gives the very sources javac's trees give,
 * that its losses train, and that its problems are reported where they are.
 */
class EclipseCompilerTest {
    /** Every corpus the processor's other tests compile with javac: element-wise, row, language and batch losses. */
    private static final List<String> CORPUS = List.of(
            "corpus/elementwise/RegressionLosses.java", "corpus/elementwise/RobustLosses.java",
            "corpus/elementwise/ClassificationLosses.java", "corpus/elementwise/HelperLosses.java",
            "corpus/elementwise/Smooth.java", "corpus/elementwise/Stable.java",
            "corpus/rows/ClassificationRows.java", "corpus/rows/DistributionRows.java",
            "corpus/rows/EmbeddingRows.java", "language/LanguageLosses.java", "batch/BatchLosses.java");

    @TempDir
    Path root;

    /** The single front end: for every loss of the corpora, the ECJ path writes javac's sources byte for byte. */
    @Test
    void eclipseGeneratesTheSameSourcesAsJavac() {
        List<Path> sources = CORPUS.stream().map(EclipseCompilerTest::resource).toList();
        DiskCompiler javac = new DiskCompiler(root.resolve("javac"));
        DiskCompiler ecj = DiskCompiler.eclipse(root.resolve("ecj"));

        DiskCompiler.Result byJavac = javac.compile(sources);
        DiskCompiler.Result byEcj = ecj.compile(sources);

        assertWithMessage("javac:\n%s", byJavac.describe()).that(byJavac.success()).isTrue();
        assertWithMessage("ecj:\n%s", byEcj.describe()).that(byEcj.success()).isTrue();
        assertWithMessage("ecj:\n%s", byEcj.describe()).that(byEcj.errors()).isEmpty();
        List<String> files = javac.generatedFiles().stream().filter(f -> f.endsWith(".java")).toList();
        assertThat(files.size()).isAtLeast(100);
        assertThat(ecj.generatedFiles().stream().filter(f -> f.endsWith(".java")).toList())
                .containsExactlyElementsIn(files).inOrder();
        for (String file : files) {
            String name = file.substring(0, file.length() - ".java".length()).replace('/', '.');
            assertWithMessage("generated %s", file).that(ecj.generatedSource(name)).isEqualTo(javac.generatedSource(name));
        }
    }

    /** A loss with a helper, compiled by ECJ alone: its classes load and give the loss and gradient of the closed form. */
    @Test
    void lossesCompiledByEclipseTrain() throws Exception {
        Path src = root.resolve("src");
        List<Path> sources = List.of(
                DiskCompiler.write(src, "app/Smooth.java",
                        "package app;",
                        "import io.gradgen.annotations.Differentiable;",
                        "public final class Smooth {",
                        "    private Smooth() {}",
                        "    /** log(cosh(r)), written stably. */",
                        "    @Differentiable",
                        "    public static double logCosh(double r) {",
                        "        double a = Math.abs(r);",
                        "        return a + Math.log1p(Math.exp(-2 * a)) - Math.log(2);",
                        "    }",
                        "}"),
                DiskCompiler.write(src, "app/Losses.java",
                        "package app;",
                        "import io.gradgen.annotations.Loss;",
                        "import io.gradgen.annotations.Param;",
                        "final class Losses {",
                        "    private Losses() {}",
                        "    @Loss",
                        "    static double logCosh(double pred, double target, @Param(2.0) double scale) {",
                        "        return scale * Smooth.logCosh(pred - target);",
                        "    }",
                        "}"));
        DiskCompiler ecj = DiskCompiler.eclipse(root.resolve("ecj"));

        DiskCompiler.Result result = ecj.compile(sources);

        assertWithMessage("%s", result.describe()).that(result.success()).isTrue();
        try (URLClassLoader loader = ecj.loader()) {
            LossFunction loss = Losses.instantiate(loader.loadClass("app.LogCoshLoss"));
            double[] pred = {0.5, -1.0, 3.0};
            double[] target = {0.0, 1.0, 2.5};
            Tensor x = Tensor.of(pred, 3).requiresGrad(true);
            Tensor value = loss.forward(x, Tensor.of(target, 3));
            value.backward();
            double expected = 0;
            double[] gradient = new double[3];
            for (int i = 0; i < 3; i++) {
                double r = pred[i] - target[i];
                expected += 2.0 * Math.log(Math.cosh(r)) / 3;
                gradient[i] = 2.0 * Math.tanh(r) / 3;
            }
            assertThat(value.item()).isWithin(1e-12).of(expected);
            assertThat(x.grad().toArray()).usingTolerance(1e-12).containsExactly(gradient).inOrder();
        }
    }

    /**
     * ECJ cannot point at a tree it did not parse: a problem in a body is reported on the loss
     * method with the position in the source file, one error per problem, and nothing is generated.
     */
    @Test
    void problemsUnderEclipseNameTheirLineAndColumn() {
        Path file = DiskCompiler.write(root.resolve("src"), "app/Bad.java",
                "package app;",
                "import io.gradgen.annotations.Loss;",
                "final class Bad {",
                "    @Loss",
                "    static double noisy(double x) {",
                "        return x * Math.random();",
                "    }",
                "}");
        DiskCompiler ecj = DiskCompiler.eclipse(root.resolve("ecj"));

        DiskCompiler.Result result = ecj.compile(List.of(file));

        assertThat(result.success()).isFalse();
        assertWithMessage("%s", result.describe()).that(result.errors()).hasSize(1);
        Diagnostic<? extends JavaFileObject> error = result.errors().get(0);
        assertThat(error.getMessage(Locale.ROOT)).contains("[" + Message.RANDOM.id() + "]");
        assertThat(error.getMessage(Locale.ROOT)).contains("Bad.java:6:20)");
        assertThat(error.getLineNumber()).isEqualTo(5);
        assertThat(ecj.generatedFiles()).isEmpty();
    }

    /**
     * ECJ compiling Java 22 on an older JDK, whose parser rejects an unnamed variable {@code _}: in
     * another method of the class that does not matter; in the loss it is one clear error saying
     * what the parser rejected and what to run, and nothing is generated for that loss.
     */
    @Test
    void syntaxNewerThanTheHostJdkMattersOnlyInsideTheLoss() {
        assumeTrue(Runtime.version().feature() < 22, "this JDK's parser reads Java 22");
        Path file = DiskCompiler.write(root.resolve("src"), "app/Newer.java",
                "package app;",
                "import io.gradgen.annotations.Loss;",
                "final class Newer {",
                "    static int unrelated() {",
                "        int _ = 0;",
                "        return 1;",
                "    }",
                "    @Loss",
                "    static double square(double x) { return x * x; }",
                "    @Loss",
                "    static double cube(double x) {",
                "        int _ = 0;",
                "        return x * x * x;",
                "    }",
                "}");
        DiskCompiler ecj = DiskCompiler.eclipse(root.resolve("ecj"), 22);

        DiskCompiler.Result result = ecj.compile(List.of(file));

        assertThat(result.success()).isFalse();
        assertWithMessage("%s", result.describe()).that(result.errors()).hasSize(1);
        String message = result.errors().get(0).getMessage(Locale.ROOT);
        assertThat(message).contains("[" + Message.SOURCE_UNREADABLE.id() + "] cannot read the body of Newer.cube()");
        assertThat(message).contains("the JDK's parser on this JVM rejects it (");
        assertThat(message).contains("Newer.java:12: ");
        assertThat(message).contains("run the compiler on a JDK whose javac accepts this source");
        assertThat(ecj.generatedFiles()).containsExactly("app/SquareLoss.java", "app/SquareLossBackward.java");
    }

    static Path resource(String name) {
        URL url = EclipseCompilerTest.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("no test resource " + name);
        }
        try {
            return new File(url.toURI()).toPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> lines(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<String> lines = new ArrayList<>();
        diagnostics.forEach(d -> lines.add(d.getMessage(Locale.ROOT)));
        return lines;
    }
}
