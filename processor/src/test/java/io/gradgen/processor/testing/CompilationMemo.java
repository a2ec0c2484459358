package io.gradgen.processor.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Compilations of a test corpus, each done once per test JVM: a failure is remembered too, and
 * reported again (as an {@link AssertionError} naming the compilation) to every test that needs it.
 */
public final class CompilationMemo {
    private final Map<String, Object> outcomes = new HashMap<>();

    /** The compilation {@code key}, compiled by {@code compile} the first time. */
    public synchronized CompiledSources get(String key, Supplier<CompiledSources> compile) {
        Object outcome = outcomes.computeIfAbsent(key, k -> {
            try {
                return compile.get();
            } catch (Throwable t) {
                return t;
            }
        });
        if (outcome instanceof CompiledSources compiled) {
            return compiled;
        }
        Throwable failure = (Throwable) outcome;
        AssertionError error = new AssertionError("corpus compilation (" + key + ") did not succeed cleanly: "
                + failure.getMessage());
        error.initCause(failure);
        throw error;
    }
}
