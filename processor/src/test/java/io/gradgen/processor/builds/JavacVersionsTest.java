package io.gradgen.processor.builds;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.palantir.javapoet.JavaFile;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.processor.GradgenProcessor;
import io.gradgen.processor.testing.GradgenCompiler;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole corpus under {@code -Werror -Xlint:all}, on the javac running the tests and on the
 * newest JDK on the machine (JDK 25, where annotation processing is no longer discovered from
 * the class path) as a separate process with the processor on {@code -processorpath} only.
 */
class JavacVersionsTest {

    private static final List<String> CORPUS = List.of(
            "corpus/elementwise/RegressionLosses.java",
            "corpus/elementwise/RobustLosses.java",
            "corpus/elementwise/ClassificationLosses.java",
            "corpus/elementwise/HelperLosses.java",
            "corpus/elementwise/Smooth.java",
            "corpus/elementwise/Stable.java");

    /** Overridable with {@code -Dgradgen.javac25=...}; the test is skipped where there is no such javac. */
    private static final Path JAVAC_25 = Path.of(System.getProperty("gradgen.javac25",
            "/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac"));

    @TempDir
    Path root;

    @Test
    void theCorpusCompilesWithWerror() {
        Compilation compilation = GradgenCompiler.javac().withOptions("-Xlint:all", "-Werror")
                .compile(GradgenCompiler.resources(CORPUS.toArray(String[]::new)));

        assertWithMessage("%s", GradgenCompiler.describe(compilation.diagnostics()))
                .that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
        assertThat(compilation.diagnostics()).isEmpty();
    }

    @Test
    void javac25CompilesTheCorpusWithWerrorAndTheLossesWork() throws Exception {
        assumeTrue(Files.isExecutable(JAVAC_25), "no JDK 25 javac at " + JAVAC_25);
        List<String> command = new ArrayList<>(List.of(JAVAC_25.toString(),
                "--release", "17", "-Xlint:all", "-Werror",
                "-processorpath", pathOf(location(GradgenProcessor.class), location(JavaFile.class),
                        GradgenCompiler.userClassPath().get(0)),
                "-classpath", pathOf(GradgenCompiler.userClassPath().toArray(File[]::new)),
                "-d", root.resolve("classes").toString(),
                "-s", root.resolve("generated").toString()));
        for (String resource : CORPUS) {
            command.add(copy(resource).toString());
        }
        Files.createDirectories(root.resolve("generated"));

        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream out = javac.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(javac.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertWithMessage("javac 25 said:\n%s", output).that(javac.exitValue()).isEqualTo(0);
        assertWithMessage("javac 25 said:\n%s", output).that(output.trim()).isEmpty();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.resolve("classes").toUri().toURL()},
                getClass().getClassLoader())) {
            LossFunction huber = (LossFunction) loader.loadClass("corpus.elementwise.HuberLoss")
                    .getConstructor().newInstance();
            Tensor pred = Tensor.of(new double[] {0.2, 3.0}, 2).requiresGrad(true);
            Tensor target = Tensor.of(new double[] {0.0, 0.0}, 2);
            huber.forward(pred, target).backward();
            assertThat(pred.grad().toArray()).usingTolerance(1e-12).containsExactly(0.1, 0.5).inOrder();
        }
    }

    private Path copy(String resource) throws IOException {
        Path target = root.resolve("src").resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertWithMessage("resource %s", resource).that(in).isNotNull();
            Files.copy(in, target);
        }
        return target;
    }

    private static File location(Class<?> type) throws URISyntaxException {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String pathOf(File... files) {
        List<String> paths = new ArrayList<>();
        for (File f : files) {
            paths.add(f.getPath());
        }
        return String.join(File.pathSeparator, paths);
    }
}
