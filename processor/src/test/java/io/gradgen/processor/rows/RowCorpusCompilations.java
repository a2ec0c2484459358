package io.gradgen.processor.rows;

import io.gradgen.annotations.Reduction;
import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import java.util.List;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;

/**
 * Compiles row-corpus sources once per test run and remembers the outcome, a failure included, so
 * a compilation that fails fails every test that needs it with the same compiler output, without
 * being repeated for each.
 */
final class RowCorpusCompilations {

    private static final io.gradgen.processor.testing.CompilationMemo COMPILATIONS =
            new io.gradgen.processor.testing.CompilationMemo();

    private RowCorpusCompilations() {}

    /** {@code lossCase} compiled with the processor on its own (the other losses of its file cut out). */
    static synchronized CompiledSources withProcessor(RowLossCase lossCase) {
        return memo("isolated " + lossCase.method(), () -> GradgenCompiler.compileCleanly(
                GradgenCompiler.javac(), RowCorpusSources.isolating(lossCase)));
    }

    /** {@code lossCase} compiled with the processor on its own, declared with {@code reduction}. */
    static synchronized CompiledSources withProcessor(RowLossCase lossCase, Reduction reduction) {
        if (reduction == lossCase.reduction()) {
            return withProcessor(lossCase);
        }
        return memo("isolated " + lossCase.method() + " " + reduction, () -> GradgenCompiler.compileCleanly(
                GradgenCompiler.javac(), RowCorpusSources.withReduction(lossCase, reduction)));
    }

    /** A corpus file exactly as written, compiled with the processor. */
    static synchronized CompiledSources groupWithProcessor(String group) {
        return memo("group " + group, () -> GradgenCompiler.compileCleanly(GradgenCompiler.javac(), files(group)));
    }

    /** The file declaring {@code lossCase}, compiled without any processor: only the plain methods. */
    static synchronized CompiledSources withoutProcessor(RowLossCase lossCase) {
        return memo("plain " + lossCase.source(), () -> GradgenCompiler.compileCleanly(
                GradgenCompiler.javacWithoutProcessor(), files(lossCase.source())));
    }

    private static List<JavaFileObject> files(String group) {
        return GradgenCompiler.resources(RowCorpus.SOURCES.get(group).toArray(String[]::new));
    }

    private static CompiledSources memo(String key, Supplier<CompiledSources> compile) {
        return COMPILATIONS.get(key, compile);
    }
}
