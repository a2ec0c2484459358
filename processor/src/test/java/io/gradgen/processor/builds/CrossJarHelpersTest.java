package io.gradgen.processor.builds;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.gradgen.LossFunction;
import io.gradgen.Tensor;
import io.gradgen.processor.GradgenProcessor;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.Losses;
import io.gradgen.processor.testing.NotJavac;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Differentiable} helpers across jars: a library of helpers is compiled with gradgen and
 * packed into a jar; a second compilation, with that jar alone on its class path and none of the
 * library's sources, compiles losses that call the helpers. gradgen stored each helper's body beside
 * its class ({@code lib/Smooth.logCosh.gradgen}), so the losses are exactly those of one compilation
 * with all the sources, under javac and under ECJ; a resource from another gradgen format or not as
 * gradgen wrote it is one clear error at the call.
 */
class CrossJarHelpersTest {
    private static final String LOG_COSH = "lib/Smooth.logCosh.gradgen";

    @TempDir
    Path root;

    private Path library() {
        return DiskCompiler.write(root, "lib-src/lib/Smooth.java",
                "package lib;",
                "",
                "import io.gradgen.Functions;",
                "import io.gradgen.annotations.Differentiable;",
                "",
                "/** A library of helpers, shipped as a jar. */",
                "public final class Smooth {",
                "    /** ln 2, computed: private and without a compile-time value, so a caller must evaluate it. */",
                "    private static final double LOG_2 = Math.log(2);",
                "",
                "    private Smooth() {}",
                "",
                "    /** log(cosh(r)), written stably. */",
                "    @Differentiable",
                "    public static double logCosh(double r) {",
                "        double a = Math.abs(r);",
                "        return a + Math.log1p(Math.exp(-2 * a)) - LOG_2;",
                "    }",
                "",
                "    /** A row-valued helper. */",
                "    @Differentiable",
                "    public static double[] softmax(double[] z) {",
                "        double m = Functions.max(z);",
                "        double[] e = new double[z.length];",
                "        double sum = 0.0;",
                "        for (int i = 0; i < z.length; i++) {",
                "            e[i] = Math.exp(z[i] - m);",
                "            sum += e[i];",
                "        }",
                "        double[] p = new double[z.length];",
                "        for (int i = 0; i < z.length; i++) {",
                "            p[i] = e[i] / sum;",
                "        }",
                "        return p;",
                "    }",
                "",
                "    /** Helpers of a member class. */",
                "    public static final class Rows {",
                "        private Rows() {}",
                "",
                "        @Differentiable",
                "        public static double entropy(double[] p) {",
                "            double h = 0.0;",
                "            for (int i = 0; i < p.length; i++) {",
                "                h -= p[i] * Math.log(p[i]);",
                "            }",
                "            return h;",
                "        }",
                "    }",
                "}");
    }

    private Path losses() {
        return DiskCompiler.write(root, "app-src/app/Losses.java",
                "package app;",
                "",
                "import io.gradgen.annotations.Loss;",
                "import lib.Smooth;",
                "",
                "final class Losses {",
                "    private Losses() {}",
                "",
                "    @Loss",
                "    static double logCosh(double pred, double target) {",
                "        return Smooth.logCosh(pred - target);",
                "    }",
                "",
                "    @Loss",
                "    static double softmaxEntropy(double[] logits) {",
                "        double[] p = Smooth.softmax(logits);",
                "        return Smooth.Rows.entropy(p);",
                "    }",
                "}");
    }

    /** The library compiled by {@code compiler}, as a jar. */
    private Path libraryJar(DiskCompiler compiler) {
        DiskCompiler.Result built = compiler.compile(List.of(library()));
        assertWithMessage("%s", built.describe()).that(built.success()).isTrue();
        return jar(compiler.classes(), root.resolve("lib.jar"));
    }

    @Test
    void lossesCompiledAgainstTheJarAloneEqualThoseOfOneCompilationAndTrain() throws Exception {
        Path jar = libraryJar(new DiskCompiler(root.resolve("lib-build")));
        assertThat(entries(jar)).containsAtLeast(LOG_COSH, "lib/Smooth.softmax.gradgen",
                "lib/Smooth$Rows.entropy.gradgen", "lib/Smooth.class");
        DiskCompiler together = new DiskCompiler(root.resolve("together"));
        assertThat(together.compile(List.of(library(), losses())).success()).isTrue();
        DiskCompiler app = new DiskCompiler(root.resolve("app"));

        DiskCompiler.Result result = app.compile(List.of(losses()), List.of(jar), "-Xlint:all");

        assertWithMessage("%s", result.describe()).that(result.diagnostics()).isEmpty();
        assertSameGeneratedSources(app, together);
        try (URLClassLoader loader = app.loader(List.of(jar))) {
            LossFunction logCosh = Losses.instantiate(loader.loadClass("app.LogCoshLoss"));
            Tensor pred = Tensor.of(new double[] {0.5, -1.0}, 2).requiresGrad(true);
            Tensor value = logCosh.forward(pred, Tensor.of(new double[] {0.0, 1.0}, 2));
            value.backward();
            assertThat(value.item()).isWithin(1e-12).of((Math.log(Math.cosh(0.5)) + Math.log(Math.cosh(-2.0))) / 2);
            assertThat(pred.grad().toArray()).usingTolerance(1e-12)
                    .containsExactly(Math.tanh(0.5) / 2, Math.tanh(-2.0) / 2).inOrder();

            LossFunction entropy = Losses.instantiate(loader.loadClass("app.SoftmaxEntropyLoss"));
            double[] z = {0.3, -1.2, 2.0};
            Tensor logits = Tensor.of(z, 1, 3).requiresGrad(true);
            Tensor h = entropy.forward(logits);
            h.backward();
            double[] p = softmax(z);
            double expected = 0;
            for (double pi : p) {
                expected -= pi * Math.log(pi);
            }
            double[] gradient = new double[3];
            for (int j = 0; j < 3; j++) {
                gradient[j] = -p[j] * (Math.log(p[j]) + expected); // ∂H/∂z_j
            }
            assertThat(h.item()).isWithin(1e-12).of(expected);
            assertThat(logits.grad().toArray()).usingTolerance(1e-12).containsExactly(gradient).inOrder();
        }
    }

    /** ECJ writes the library's resources from the source it parses; javac reads them, and the other way round. */
    @Test
    void eclipseAndJavacReadEachOthersHelperResources() {
        DiskCompiler together = new DiskCompiler(root.resolve("together"));
        assertThat(together.compile(List.of(library(), losses())).success()).isTrue();

        Path ecjJar = libraryJar(DiskCompiler.eclipse(root.resolve("ecj-lib")));
        DiskCompiler javacApp = new DiskCompiler(root.resolve("javac-app"));
        DiskCompiler.Result byJavac = javacApp.compile(List.of(losses()), List.of(ecjJar));
        assertWithMessage("%s", byJavac.describe()).that(byJavac.success()).isTrue();
        assertSameGeneratedSources(javacApp, together);

        Path javacJar = libraryJar(new DiskCompiler(root.resolve("javac-lib")));
        DiskCompiler ecjApp = DiskCompiler.eclipse(root.resolve("ecj-app"));
        DiskCompiler.Result byEcj = ecjApp.compile(List.of(losses()), List.of(javacJar));
        assertWithMessage("%s", byEcj.describe()).that(byEcj.success()).isTrue();
        assertWithMessage("%s", byEcj.describe()).that(byEcj.errors()).isEmpty();
        assertSameGeneratedSources(ecjApp, together);
    }

    /** A jar built by a gradgen of another helper format: the error names the resource, both versions and formats. */
    @Test
    void aResourceOfAnotherFormatIsAClearVersionError() {
        Path jar = rewrite(libraryJar(new DiskCompiler(root.resolve("lib-build"))), LOG_COSH,
                text -> text.replaceFirst("gradgen-helpers format 1\nwritten-by [^\n]*\n",
                        "gradgen-helpers format 2\nwritten-by 9.0.0\n"));
        DiskCompiler app = new DiskCompiler(root.resolve("app"));

        DiskCompiler.Result result = app.compile(List.of(losses()), List.of(jar));

        String message = onlyError(result, 11);
        assertThat(message).contains("[" + Message.HELPER_FORMAT_VERSION.id() + "] cannot read the body of "
                + "@Differentiable Smooth.logCosh: ");
        assertThat(message).contains("lib-broken.jar!/" + LOG_COSH + " was written by gradgen 9.0.0 in helper format 2");
        assertThat(message).contains("reads format 1; rebuild the helper's jar with this gradgen");
        assertThat(app.generatedFiles()).containsExactly("app/SoftmaxEntropyLoss.java",
                "app/SoftmaxEntropyLossBackward.java");
    }

    /** A resource that is not what gradgen wrote: wrong first line, or Java that does not parse. */
    @Test
    void aCorruptResourceIsAClearError() {
        Path built = libraryJar(new DiskCompiler(root.resolve("lib-build")));
        Path notOurs = rewrite(built, LOG_COSH, text -> "<html>not a helper</html>\n");
        String first = onlyError(new DiskCompiler(root.resolve("app1")).compile(List.of(losses()), List.of(notOurs)), 11);
        assertThat(first).contains("[" + Message.HELPER_METADATA_CORRUPT.id() + "] cannot read the body of "
                + "@Differentiable Smooth.logCosh from ");
        assertThat(first).contains("its first line is not 'gradgen-helpers format N'");
        assertThat(first).contains("rebuild the helper's jar with gradgen-processor on the processor path");

        Path truncated = rewrite(built, LOG_COSH, text -> text.substring(0, text.indexOf("return")));
        String second = onlyError(new DiskCompiler(root.resolve("app2")).compile(List.of(losses()), List.of(truncated)),
                11);
        assertThat(second).contains("[" + Message.HELPER_METADATA_CORRUPT.id() + "]");
        assertThat(second).contains("its Java text does not parse (");
    }

    /**
     * A helper whose source gradgen cannot read (a compiler without trees or files) still compiles;
     * a note says its body was not stored, so only losses compiled against its jar will miss it.
     */
    @Test
    void aHelperThatCannotBeStoredIsANoteNotAnError() {
        JavaFileObject helper = JavaFileObjects.forSourceLines("lib.Hidden",
                "package lib;",
                "import io.gradgen.annotations.Differentiable;",
                "public final class Hidden {",
                "    private Hidden() {}",
                "    @Differentiable",
                "    public static double soft(double x) { return Math.log1p(Math.exp(x)); }",
                "}");

        Compilation compilation = GradgenCompiler.javac().withProcessors(new NotJavac(new GradgenProcessor()))
                .compile(helper);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadNoteContaining("[" + Message.HELPER_NOT_STORED.id() + "] could not store the body "
                + "of a @Differentiable helper beside its class (" + "lib/Hidden.soft.gradgen");
        assertThat(compilation).hadNoteContaining("losses compiled against its jar cannot");
    }

    private static String onlyError(DiskCompiler.Result result, long line) {
        assertThat(result.success()).isFalse();
        assertWithMessage("%s", result.describe()).that(result.errors()).hasSize(1);
        Diagnostic<? extends JavaFileObject> error = result.errors().get(0);
        assertThat(error.getLineNumber()).isEqualTo(line);
        return error.getMessage(Locale.ROOT);
    }

    private static void assertSameGeneratedSources(DiskCompiler app, DiskCompiler together) {
        List<String> files = app.generatedFiles();
        assertThat(files).containsExactly("app/LogCoshLoss.java", "app/LogCoshLossBackward.java",
                "app/SoftmaxEntropyLoss.java", "app/SoftmaxEntropyLossBackward.java");
        for (String file : files) {
            String name = file.substring(0, file.length() - ".java".length()).replace('/', '.');
            assertWithMessage("%s", file).that(app.generatedSource(name)).isEqualTo(together.generatedSource(name));
        }
    }

    private static double[] softmax(double[] z) {
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** A jar of a classes folder, as a build packs it. */
    private static Path jar(Path classes, Path jar) {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** A copy of {@code jar}, named lib-broken.jar, with one entry's text changed. */
    private Path rewrite(Path jar, String entry, Function<String, String> change) {
        try {
            Path copy = Files.createTempDirectory(root, "broken").resolve("lib-broken.jar");
            try (JarFile in = new JarFile(jar.toFile()); OutputStream file = Files.newOutputStream(copy);
                    JarOutputStream out = new JarOutputStream(file)) {
                for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements();) {
                    JarEntry next = e.nextElement();
                    out.putNextEntry(new JarEntry(next.getName()));
                    try (InputStream data = in.getInputStream(next)) {
                        byte[] bytes = data.readAllBytes();
                        if (next.getName().equals(entry)) {
                            bytes = change.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                        }
                        out.write(bytes);
                    }
                    out.closeEntry();
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().forEach(e -> names.add(e.getName()));
        }
        return names;
    }
}
