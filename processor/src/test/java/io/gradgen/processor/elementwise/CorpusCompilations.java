package io.gradgen.processor.elementwise;

import io.gradgen.processor.testing.CompiledSources;
import io.gradgen.processor.testing.GradgenCompiler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles each corpus group once per test run and remembers the outcome, a failure included, so a
 * group that does not compile fails every test of its losses with the same compiler output,
 * without being compiled again for each.
 */
final class CorpusCompilations {

    private static final Map<String, Object> WITH_PROCESSOR = new HashMap<>();
    private static final Map<String, Object> WITHOUT_PROCESSOR = new HashMap<>();

    private CorpusCompilations() {}

    /** The group declaring {@code lossCase}, compiled with the gradgen processor. */
    static synchronized CompiledSources withProcessor(LossCase lossCase) {
        return memo(WITH_PROCESSOR, lossCase.source(), true);
    }

    /** The group declaring {@code lossCase}, compiled without any processor: only the plain methods. */
    static synchronized CompiledSources withoutProcessor(LossCase lossCase) {
        return memo(WITHOUT_PROCESSOR, lossCase.source(), false);
    }

    private static CompiledSources memo(Map<String, Object> cache, String group, boolean processor) {
        Object outcome = cache.computeIfAbsent(group, g -> {
            List<String> paths = ElementwiseCorpus.SOURCES.get(g);
            try {
                return GradgenCompiler.compileCleanly(
                        processor ? GradgenCompiler.javac() : GradgenCompiler.javacWithoutProcessor(),
                        GradgenCompiler.resources(paths.toArray(String[]::new)));
            } catch (Throwable t) {
                return t;
            }
        });
        if (outcome instanceof CompiledSources compiled) {
            return compiled;
        }
        Throwable failure = (Throwable) outcome;
        AssertionError error = new AssertionError("corpus group " + group + " did not compile cleanly"
                + (processor ? " with GradgenProcessor" : " (without processor)") + ": " + failure.getMessage());
        error.initCause(failure);
        throw error;
    }
}
