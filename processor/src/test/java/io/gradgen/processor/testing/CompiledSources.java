package io.gradgen.processor.testing;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;

/** A successful compilation with its classes loaded. */
public final class CompiledSources {

    private final Compilation compilation;
    private final GeneratedClassLoader loader;

    CompiledSources(Compilation compilation, GeneratedClassLoader loader) {
        this.compilation = compilation;
        this.loader = loader;
    }

    public Compilation compilation() {
        return compilation;
    }

    public ClassLoader classLoader() {
        return loader;
    }

    /** A compiled class by binary name, such as {@code corpus.elementwise.HuberLoss}. */
    public Class<?> load(String binaryName) {
        try {
            return Class.forName(binaryName, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no class " + binaryName + " was compiled; generated sources: "
                    + generatedSources().keySet(), e);
        }
    }

    /** Whether the compilation produced a class of that binary name. */
    public boolean has(String binaryName) {
        for (String name : loader.classNames()) {
            if (name.equals(binaryName)) {
                return true;
            }
        }
        return false;
    }

    /** The generated source files, keyed by their name, in a stable order. */
    public Map<String, String> generatedSources() {
        return sourcesOf(compilation);
    }

    public static Map<String, String> sourcesOf(Compilation compilation) {
        Map<String, String> sources = new TreeMap<>();
        for (JavaFileObject file : compilation.generatedSourceFiles()) {
            try {
                sources.put(file.toUri().toString(), file.getCharContent(true).toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Collections.unmodifiableMap(sources);
    }
}
