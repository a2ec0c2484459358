package io.gradgen.processor.elementwise;

import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import java.util.List;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;

/**
 * Compiles corpus sources once per test run and remembers the outcome, a failure included, so a
 * compilation that fails fails every test that needs it with the same compiler output, without
 * being repeated for each.
 */
final class CorpusCompilations {

    private static final io.gradgen.processor.testing.CompilationMemo COMPILATIONS =
            new io.gradgen.processor.testing.CompilationMemo();

    private CorpusCompilations() {}

    /**
     * {@code lossCase} compiled with the processor on its own: its file with the other losses cut
     * out (see {@link CorpusSources#isolating}), plus the helper files of its group. A loss the
     * processor rejects thus fails its own tests only.
     */
    static synchronized CompiledSources withProcessor(LossCase lossCase) {
        return memo("isolated " + lossCase.method(), () -> GradgenCompiler.compileCleanly(
                GradgenCompiler.javac(), CorpusSources.isolating(lossCase)));
    }

    /** A corpus group exactly as written, compiled with the processor. */
    static synchronized CompiledSources groupWithProcessor(String group) {
        return memo("group " + group, () -> GradgenCompiler.compileCleanly(GradgenCompiler.javac(), files(group)));
    }

    /** The group declaring {@code lossCase}, compiled without any processor: only the plain methods. */
    static synchronized CompiledSources withoutProcessor(LossCase lossCase) {
        return memo("plain " + lossCase.source(), () -> GradgenCompiler.compileCleanly(
                GradgenCompiler.javacWithoutProcessor(), files(lossCase.source())));
    }

    private static List<JavaFileObject> files(String group) {
        return GradgenCompiler.resources(ElementwiseCorpus.SOURCES.get(group).toArray(String[]::new));
    }

    private static CompiledSources memo(String key, Supplier<CompiledSources> compile) {
        return COMPILATIONS.get(key, compile);
    }
}
