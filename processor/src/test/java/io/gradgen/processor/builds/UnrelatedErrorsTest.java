package io.gradgen.processor.builds;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.gradgen.processor.testing.GradgenCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A compilation where the user's own code has errors: javac reports them, and gradgen adds
 * nothing for the correct losses beside them (no diagnostic of its own, no internal error).
 */
class UnrelatedErrorsTest {

    private static final List<JavaFileObject> CORPUS = GradgenCompiler.resources(
            "corpus/elementwise/RegressionLosses.java",
            "corpus/elementwise/RobustLosses.java",
            "corpus/elementwise/HelperLosses.java",
            "corpus/elementwise/Smooth.java",
            "corpus/elementwise/Stable.java");

    @Test
    void errorsInMethodBodiesElsewhereAreTheOnlyDiagnostics() {
        JavaFileObject broken = JavaFileObjects.forSourceLines("app.Broken",
                "package app;",
                "final class Broken {",
                "    int count() {",
                "        return \"not a number\";",
                "    }",
                "    void call() {",
                "        undefinedMethod(42);",
                "    }",
                "}");

        Compilation compilation = GradgenCompiler.javac().compile(with(broken));

        assertThat(compilation).failed();
        assertOnlyErrorsIn(compilation, broken, 2);
        assertThat(compilation).hadErrorContaining("incompatible types").inFile(broken).onLineContaining("not a number");
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(broken).onLineContaining("undefinedMethod");
    }

    /** javac stops after annotation processing on a missing type, with any processor: only that error. */
    @Test
    void aMissingTypeElsewhereIsTheOnlyDiagnostic() {
        JavaFileObject broken = JavaFileObjects.forSourceLines("app.Missing",
                "package app;",
                "final class Missing {",
                "    UnknownType field;",
                "    java.util.List<AlsoUnknown> list() { return null; }",
                "}");

        Compilation compilation = GradgenCompiler.javac().compile(with(broken));

        assertThat(compilation).failed();
        assertOnlyErrorsIn(compilation, broken, 2);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(broken).onLineContaining("UnknownType");
    }

    @Test
    void anErrorInAnotherMethodOfTheLossClassIsTheOnlyDiagnostic() {
        JavaFileObject mixed = JavaFileObjects.forSourceLines("app.Mixed",
                "package app;",
                "import io.gradgen.annotations.Loss;",
                "final class Mixed {",
                "    @Loss",
                "    static double square(double x) { return x * x; }",
                "    static int broken() { return missingField + 1; }",
                "    Unknown alsoBroken() { return null; }",
                "}");

        Compilation compilation = GradgenCompiler.javac().compile(List.of(mixed));

        assertThat(compilation).failed();
        assertOnlyErrorsIn(compilation, mixed, 1);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(mixed).onLineContaining("Unknown alsoBroken");
    }

    /**
     * A loss whose signature names a type javac cannot find: javac reports the type, and gradgen
     * at most says the parameter type is not one a loss takes, never crashes.
     */
    @Test
    void aLossWithAnUnresolvedParameterTypeDoesNotCrash() {
        JavaFileObject loss = JavaFileObjects.forSourceLines("app.Unresolved",
                "package app;",
                "import io.gradgen.annotations.Loss;",
                "final class Unresolved {",
                "    @Loss",
                "    static double weird(double x, Missing m) { return x * x; }",
                "}");

        Compilation compilation = GradgenCompiler.javac().compile(List.of(loss));

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(loss).onLineContaining("Missing m");
        assertNoInternalError(compilation);
    }

    private static List<JavaFileObject> with(JavaFileObject extra) {
        List<JavaFileObject> sources = new ArrayList<>(CORPUS);
        sources.add(extra);
        return sources;
    }

    private static void assertOnlyErrorsIn(Compilation compilation, JavaFileObject file, int count) {
        String all = GradgenCompiler.describe(compilation.diagnostics());
        assertWithMessage("diagnostics:\n%s", all).that(compilation.errors()).hasSize(count);
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            assertWithMessage("diagnostics:\n%s", all).that(d.getMessage(Locale.ROOT)).doesNotContain("gradgen/");
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                assertWithMessage("diagnostics:\n%s", all).that(d.getSource()).isEqualTo(file);
            }
        }
        assertWithMessage("diagnostics:\n%s", all).that(compilation.warnings()).isEmpty();
    }

    private static void assertNoInternalError(Compilation compilation) {
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            assertWithMessage("diagnostics:\n%s", GradgenCompiler.describe(compilation.diagnostics()))
                    .that(d.getMessage(Locale.ROOT)).doesNotContain("gradgen/Internal");
        }
    }
}
