package io.gradgen.processor.builds;

import io.gradgen.processor.GradgenProcessor;
import io.gradgen.processor.testing.GradgenCompiler;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac through {@code javax.tools} on real folders, the way a build tool drives it: sources from
 * disk, classes into {@code -d}, generated sources into {@code -s}, and earlier output on the class
 * path. compile-testing's in-memory file manager cannot show what a second, partial compilation
 * sees of the first one's output; this can.
 */
final class DiskCompiler {

    /** What one compilation reported. */
    record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {

        List<Diagnostic<? extends JavaFileObject>> of(Diagnostic.Kind kind) {
            return diagnostics.stream().filter(d -> d.getKind() == kind).collect(Collectors.toList());
        }

        List<Diagnostic<? extends JavaFileObject>> errors() {
            return of(Diagnostic.Kind.ERROR);
        }

        List<Diagnostic<? extends JavaFileObject>> warnings() {
            List<Diagnostic<? extends JavaFileObject>> warnings = new ArrayList<>(of(Diagnostic.Kind.WARNING));
            warnings.addAll(of(Diagnostic.Kind.MANDATORY_WARNING));
            return warnings;
        }

        String describe() {
            return GradgenCompiler.describe(diagnostics);
        }
    }

    private final Path classes;
    private final Path generated;

    DiskCompiler(Path root) {
        this.classes = root.resolve("classes");
        this.generated = root.resolve("generated");
        try {
            Files.createDirectories(classes);
            Files.createDirectories(generated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path classes() {
        return classes;
    }

    Path generated() {
        return generated;
    }

    /**
     * Compiles {@code sources} with gradgen and {@code options}; the class path is a user's
     * ({@code gradgen-annotations}, {@code gradgen-runtime}) plus the classes folder, so whatever
     * an earlier compilation left there is visible, as in an incremental build.
     */
    Result compile(List<Path> sources, String... options) {
        return run(sources, "-classpath", classPath(), options);
    }

    /**
     * Compiles a named module: {@code sources} include its {@code module-info.java}, and
     * {@code gradgen-annotations} and {@code gradgen-runtime} are on the module path, as a user's
     * modular build has them.
     */
    Result compileModule(List<Path> sources, String... options) {
        String modulePath = GradgenCompiler.userClassPath().stream().map(File::getPath)
                .collect(Collectors.joining(File.pathSeparator));
        return run(sources, "--module-path", modulePath, options);
    }

    private Result run(List<Path> sources, String pathOption, String path, String... options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> arguments = new ArrayList<>(List.of(
                "-d", classes.toString(),
                "-s", generated.toString(),
                pathOption, path));
        arguments.addAll(List.of(options));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, arguments, null,
                    files.getJavaFileObjectsFromPaths(sources));
            task.setProcessors(List.of(new GradgenProcessor()));
            boolean success = task.call();
            return new Result(success, List.copyOf(diagnostics.getDiagnostics()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh loader over the classes folder, its parent the test's loader (so the runtime is shared). */
    URLClassLoader loader() {
        try {
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The generated source of a class, such as {@code a.FirstLoss}. */
    String generatedSource(String qualifiedName) {
        return read(generated.resolve(qualifiedName.replace('.', '/') + ".java"));
    }

    /** The generated sources' names relative to the folder, sorted. */
    List<String> generatedFiles() {
        try (Stream<Path> walk = Files.walk(generated)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> generated.relativize(p).toString().replace(File.separatorChar, '/'))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String classPath() {
        List<String> entries = new ArrayList<>();
        GradgenCompiler.userClassPath().forEach(f -> entries.add(f.getPath()));
        entries.add(classes.toString());
        return String.join(File.pathSeparator, entries);
    }

    static Path write(Path root, String relative, String... lines) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
