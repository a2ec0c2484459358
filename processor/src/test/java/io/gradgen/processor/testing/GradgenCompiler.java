package io.gradgen.processor.testing;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.gradgen.Tensor;
import io.gradgen.annotations.Loss;
import io.gradgen.processor.GradgenProcessor;
import java.io.File;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles sources the way a user's build does: javac with {@link GradgenProcessor}, the strictest
 * lint, and on the class path only what a user's project has, {@code gradgen-annotations} and
 * {@code gradgen-runtime}.
 */
public final class GradgenCompiler {

    private GradgenCompiler() {}

    /** javac with the gradgen processor, {@code -Xlint:all} and a user's class path. */
    public static Compiler javac() {
        return Compiler.javac()
                .withProcessors(new GradgenProcessor())
                .withOptions("-Xlint:all")
                .withClasspath(userClassPath());
    }

    /** The same compiler without any processor: to call the plain methods of a corpus on their own. */
    public static Compiler javacWithoutProcessor() {
        return Compiler.javac().withOptions("-Xlint:all", "-proc:none").withClasspath(userClassPath());
    }

    /** Class-path resources, such as {@code corpus/elementwise/RegressionLosses.java}. */
    public static List<JavaFileObject> resources(String... paths) {
        return Arrays.stream(paths).map(JavaFileObjects::forResource).collect(Collectors.toList());
    }

    /**
     * Compiles with the processor and asserts the compile succeeded without any warning under
     * {@code -Xlint:all} (the processor claims its own annotations, so not even javac's
     * "no processor claimed" note is tolerated), then loads every class it produced.
     */
    public static CompiledSources compileCleanly(List<JavaFileObject> sources) {
        return compileCleanly(javac(), sources);
    }

    public static CompiledSources compileCleanly(Compiler compiler, List<JavaFileObject> sources) {
        Compilation compilation = compiler.compile(sources);
        assertWithMessage("compilation of %s failed:\n%s", names(sources), describe(compilation.diagnostics()))
                .that(compilation.status())
                .isEqualTo(Compilation.Status.SUCCESS);
        List<Diagnostic<? extends JavaFileObject>> warnings = new ArrayList<>(compilation.warnings());
        assertWithMessage("compilation of %s succeeded with warnings under -Xlint:all:\n%s",
                        names(sources), describe(warnings))
                .that(warnings)
                .isEmpty();
        return new CompiledSources(compilation,
                new GeneratedClassLoader(GradgenCompiler.class.getClassLoader(), compilation.generatedFiles()));
    }

    /** Every diagnostic with its file, line and message, one per line. */
    public static String describe(List<? extends Diagnostic<? extends JavaFileObject>> diagnostics) {
        if (diagnostics.isEmpty()) {
            return "  (no diagnostics)";
        }
        StringBuilder out = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            out.append("  ").append(d.getKind()).append(' ');
            if (d.getSource() != null) {
                out.append(d.getSource().getName()).append(':').append(d.getLineNumber()).append(": ");
            }
            out.append(d.getMessage(Locale.ROOT)).append('\n');
        }
        return out.toString();
    }

    /** gradgen-annotations and gradgen-runtime, wherever the test run found them (jar or classes folder). */
    public static List<File> userClassPath() {
        return List.of(locationOf(Loss.class), locationOf(Tensor.class));
    }

    private static File locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot locate the class path entry of " + type.getName());
        }
        try {
            return new File(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String names(List<JavaFileObject> sources) {
        return sources.stream().map(JavaFileObject::getName).collect(Collectors.joining(", ", "[", "]"));
    }
}
