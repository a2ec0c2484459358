package io.gradgen.processor.bugs;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.gradgen.processor.GradgenProcessor;
import io.gradgen.processor.testing.GradgenCompiler;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 5: a method whose body is not the user's code must be a compile error, never a
 * loss that is constant 0. Kotlin users reach the processor through kapt, which hands it Java stubs
 * ({@code @kotlin.Metadata} classes) whose bodies are placeholders; a body that returns a constant is
 * refused whatever produced it; a method read from a class file has no body at all.
 */
class BodilessSourcesTest {

    /** What kapt writes for a Kotlin {@code object} with a loss: the annotation, and a placeholder body. */
    private static final JavaFileObject KAPT_STUB = JavaFileObjects.forSourceLines("stubs.KotlinLosses",
            "package stubs;",
            "import io.gradgen.annotations.Loss;",
            "@kotlin.Metadata(mv = {1, 9, 0}, k = 1, xi = 48, d1 = {\"\"}, d2 = {\"Lstubs/KotlinLosses;\"})",
            "public final class KotlinLosses {",
            "    @Loss",
            "    public static final double huber(double pred, double target) {",
            "        return 0.0;",
            "    }",
            "}");

    /** The annotation as the Kotlin standard library declares it (the stub's class path has it). */
    private static final JavaFileObject KOTLIN_METADATA = JavaFileObjects.forSourceLines("kotlin.Metadata",
            "package kotlin;",
            "import java.lang.annotation.Retention;",
            "import java.lang.annotation.RetentionPolicy;",
            "@Retention(RetentionPolicy.RUNTIME)",
            "public @interface Metadata {",
            "    int k() default 1;",
            "    int[] mv() default {};",
            "    String[] d1() default {};",
            "    String[] d2() default {};",
            "    int xi() default 0;",
            "}");

    @Test
    void aKaptStubIsRefusedWithWhatToDoInstead() {
        Compilation compilation = GradgenCompiler.javac().compile(KAPT_STUB, KOTLIN_METADATA);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[gradgen/KotlinStub]");
        assertThat(compilation).hadErrorContaining("KotlinLosses.huber()");
        assertThat(compilation).hadErrorContaining("write the loss as a static method in a Java source file");
        assertThat(compilation).hadErrorContaining("HuberLoss");
        assertThat(compilation).hadErrorContaining("[gradgen/KotlinStub]").inFile(KAPT_STUB)
                .onLineContaining("public static final double huber(");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aConstantBodyIsRefusedWhateverProducedIt() {
        JavaFileObject placeholder = JavaFileObjects.forSourceLines("stubs.Placeholder",
                "package stubs;",
                "import io.gradgen.annotations.Loss;",
                "import io.gradgen.annotations.Param;",
                "final class Placeholder {",
                "    @Loss",
                "    static double huber(double pred, double target, @Param(1.0) double delta) {",
                "        return 0.0 * delta;",
                "    }",
                "}");
        Compilation compilation = GradgenCompiler.javac().compile(placeholder);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[gradgen/ConstantLoss]");
        assertThat(compilation).hadErrorContaining("does not depend on its differentiable inputs pred, target");
        assertThat(compilation).hadErrorContaining("[gradgen/ConstantLoss]").inFile(placeholder)
                .onLineContaining("static double huber(");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aMethodReadFromAClassFileIsRefused(@TempDir Path dir) throws IOException {
        Path src = dir.resolve("src/cls/FromClassFile.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, String.join("\n",
                "package cls;",
                "import io.gradgen.annotations.Loss;",
                "public final class FromClassFile {",
                "    @Loss",
                "    public static double square(double x) { return x * x; }",
                "}"), StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String userPath = GradgenCompiler.userClassPath().stream().map(File::getPath)
                .collect(Collectors.joining(File.pathSeparator));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean plain = javac.getTask(null, files, null,
                    List.of("-proc:none", "-cp", userPath, "-d", classes.toString()), null,
                    files.getJavaFileObjects(src.toFile())).call();
            assertThat(plain).isTrue();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            Path generated = Files.createDirectories(dir.resolve("generated"));
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
                    List.of("-cp", userPath + File.pathSeparator + classes, "-d", classes.toString(),
                            "-s", generated.toString()),
                    List.of("cls.FromClassFile"), null);
            task.setProcessors(List.of(new GradgenProcessor()));
            task.call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(d.getMessage(Locale.ROOT));
                }
            }
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).contains("[gradgen/NoSource]");
            assertThat(errors.get(0)).contains("FromClassFile.square()");
            try (var generatedFiles = Files.walk(generated)) {
                assertThat(generatedFiles.filter(Files::isRegularFile).count()).isEqualTo(0);
            }
        }
    }
}
