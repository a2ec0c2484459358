package io.gradgen.processor.builds;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.gradgen.processor.GradgenProcessor;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.env.ProcessorOptions;
import io.gradgen.processor.testing.GradgenCompiler;
import io.gradgen.processor.testing.WrappedEnvironments;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** gradgen's {@code -Agradgen.<name>} options, as javac passes them. */
class ProcessorOptionsTest {

    private static final JavaFileObject LOSSES = JavaFileObjects.forSourceLines("app.Losses",
            "package app;",
            "import io.gradgen.annotations.Loss;",
            "final class Losses {",
            "    private Losses() {}",
            "    @Loss",
            "    static double square(double x) { return x * x; }",
            "}");

    @Test
    void theProcessorDeclaresEveryOptionItReads() {
        assertThat(new GradgenProcessor().getSupportedOptions()).containsExactly("gradgen.debug");
        assertThat(ProcessorOptions.supported()).containsExactly("gradgen.debug");
    }

    /** A declared option is recognised: not even javac's "not recognized by any processor" warning. */
    @Test
    void aKnownOptionCompilesWithoutAnyWarning() {
        for (String option : List.of("-Agradgen.debug", "-Agradgen.debug=true", "-Agradgen.debug=false")) {
            GradgenCompiler.compileCleanly(GradgenCompiler.javac().withOptions("-Xlint:all", option), List.of(LOSSES));
        }
    }

    @Test
    void aMisspeltOptionIsAWarningWithADidYouMean() {
        Compilation compilation = compile("-Agradgen.debg=true");

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("[" + Message.UNKNOWN_OPTION.id() + "] -Agradgen.debg is not a gradgen option");
        assertThat(compilation).hadWarningContaining("did you mean -Agradgen.debug?");
        assertThat(compilation).hadWarningContaining("-Agradgen.debug=true|false");
    }

    @Test
    void anUnknownOptionNamesTheKnownOnesWithoutAGuess() {
        Compilation compilation = compile("-Agradgen.frobnicate=3");

        assertThat(compilation).succeeded();
        String warning = gradgenWarnings(compilation).get(0);
        assertThat(warning).contains("-Agradgen.frobnicate is not a gradgen option");
        assertThat(warning).contains("gradgen's options are -Agradgen.debug=true|false");
        assertThat(warning).doesNotContain("did you mean");
    }

    @Test
    void otherProcessorsOptionsAreNotGradgensBusiness() {
        Compilation compilation = compile("-Adagger.fastInit=enabled", "-Agradgenx=1");

        assertThat(compilation).succeeded();
        assertThat(gradgenWarnings(compilation)).isEmpty();
    }

    @Test
    void aValueTheOptionDoesNotTakeIsAWarning() {
        Compilation compilation = compile("-Agradgen.debug=yes");

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("[" + Message.OPTION_VALUE.id()
                + "] -Agradgen.debug=yes is not a value this option takes, so its default applies; write -Agradgen.debug=true|false");
    }

    @Test
    void withDebugAnInternalErrorAlsoPrintsItsStackTrace() {
        Compilation quiet = compileWithFailingFiler();
        Compilation debug = compileWithFailingFiler("-Agradgen.debug");

        for (Compilation compilation : List.of(quiet, debug)) {
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorContaining("[" + Message.INTERNAL.id() + "] unexpected IllegalStateException");
            assertThat(compilation.errors()).hasSize(1);
        }
        assertThat(notes(quiet).stream().noneMatch(n -> n.contains("disk on fire"))).isTrue();
        assertThat(notes(debug).stream().anyMatch(n -> n.startsWith("java.lang.IllegalStateException: disk on fire")
                && n.contains("at io.gradgen.processor."))).isTrue();
    }

    private static Compilation compile(String... options) {
        String[] all = new String[options.length + 1];
        all[0] = "-Xlint:all";
        System.arraycopy(options, 0, all, 1, options.length);
        return GradgenCompiler.javac().withOptions((Object[]) all).compile(LOSSES);
    }

    private static Compilation compileWithFailingFiler(String... options) {
        return GradgenCompiler.javac()
                .withOptions((Object[]) options)
                .withProcessors(WrappedEnvironments.wrapping(new GradgenProcessor(),
                        env -> WrappedEnvironments.failingFiler(env, new IllegalStateException("disk on fire"))))
                .compile(LOSSES);
    }

    private static List<String> gradgenWarnings(Compilation compilation) {
        return compilation.warnings().stream().map(w -> w.getMessage(Locale.ROOT))
                .filter(m -> m.contains("[gradgen/")).toList();
    }

    private static List<String> notes(Compilation compilation) {
        return compilation.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.NOTE)
                .map(d -> d.getMessage(Locale.ROOT)).toList();
    }
}
