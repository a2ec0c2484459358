package io.gradgen.processor.testing;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * The wrappers IDEs and build tools put around javac's {@link ProcessingEnvironment}, rebuilt the
 * way they are built: IntelliJ IDEA's {@link Proxy} whose invocation handler captures the real
 * environment, and Gradle's incremental-processing class with a {@code delegate} field. Each hands
 * the processor its own {@link Filer}, which records every file created through it with its
 * originating elements, as the real ones do.
 */
public final class WrappedEnvironments {

    /** One file created through a recording {@code Filer}. */
    public record CreatedFile(String name, List<Element> originatingElements) {}

    private WrappedEnvironments() {}

    /** Runs {@code processor} with the environment {@code wrap} makes of javac's. */
    public static Processor wrapping(Processor processor, UnaryOperator<ProcessingEnvironment> wrap) {
        return new WrappingProcessor(processor, wrap);
    }

    /**
     * An IntelliJ-style wrapper: a {@link Proxy} for {@code ProcessingEnvironment} whose handler, an
     * anonymous class, captures the environment it forwards to and answers {@code getFiler()} with
     * its own recording filer.
     */
    public static ProcessingEnvironment ideaProxy(ProcessingEnvironment delegateTo, List<CreatedFile> created) {
        Filer filer = new RecordingFiler(delegateTo.getFiler(), created);
        return (ProcessingEnvironment) Proxy.newProxyInstance(WrappedEnvironments.class.getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class}, new InvocationHandler() {
                    @Override
                    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                        if (method.getName().equals("getFiler")) {
                            return filer;
                        }
                        try {
                            return method.invoke(delegateTo, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    /** A Gradle-style wrapper: a plain class keeping javac's environment in a field called {@code delegate}. */
    public static ProcessingEnvironment gradleIncremental(ProcessingEnvironment delegate, List<CreatedFile> created) {
        return new IncrementalProcessingEnvironment(delegate, new RecordingFiler(delegate.getFiler(), created));
    }

    /**
     * javac's environment with a filer that fails with {@code failure} on every source file: an
     * unexpected exception inside the processor, for tests of how it is reported.
     */
    public static ProcessingEnvironment failingFiler(ProcessingEnvironment delegate, RuntimeException failure) {
        Filer failing = new RecordingFiler(delegate.getFiler(), new java.util.ArrayList<>()) {
            @Override
            public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) {
                throw failure;
            }
        };
        return new IncrementalProcessingEnvironment(delegate, failing);
    }

    /** Shaped like Gradle's {@code IncrementalProcessingEnvironment}: all but the filer is forwarded. */
    private static final class IncrementalProcessingEnvironment implements ProcessingEnvironment {
        private final ProcessingEnvironment delegate;
        private final Filer filer;

        IncrementalProcessingEnvironment(ProcessingEnvironment delegate, Filer filer) {
            this.delegate = delegate;
            this.filer = filer;
        }

        @Override
        public Map<String, String> getOptions() {
            return delegate.getOptions();
        }

        @Override
        public Messager getMessager() {
            return delegate.getMessager();
        }

        @Override
        public Filer getFiler() {
            return filer;
        }

        @Override
        public Elements getElementUtils() {
            return delegate.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return delegate.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return delegate.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return delegate.getLocale();
        }
    }

    /** Forwards to javac's filer and records what was created, as IntelliJ's and Gradle's filers do. */
    private static class RecordingFiler implements Filer {
        private final Filer delegate;
        private final List<CreatedFile> created;

        RecordingFiler(Filer delegate, List<CreatedFile> created) {
            this.delegate = delegate;
            this.created = created;
        }

        @Override
        public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) throws IOException {
            created.add(new CreatedFile(name.toString(), List.of(originatingElements)));
            return delegate.createSourceFile(name, originatingElements);
        }

        @Override
        public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) throws IOException {
            created.add(new CreatedFile(name.toString(), List.of(originatingElements)));
            return delegate.createClassFile(name, originatingElements);
        }

        @Override
        public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                CharSequence relativeName, Element... originatingElements) throws IOException {
            created.add(new CreatedFile(moduleAndPkg + "/" + relativeName, List.of(originatingElements)));
            return delegate.createResource(location, moduleAndPkg, relativeName, originatingElements);
        }

        @Override
        public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                CharSequence relativeName) throws IOException {
            return delegate.getResource(location, moduleAndPkg, relativeName);
        }
    }

    private static final class WrappingProcessor extends AbstractProcessor {
        private final Processor delegate;
        private final UnaryOperator<ProcessingEnvironment> wrap;

        WrappingProcessor(Processor delegate, UnaryOperator<ProcessingEnvironment> wrap) {
            this.delegate = delegate;
            this.wrap = wrap;
        }

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            super.init(env);
            delegate.init(wrap.apply(env));
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public Set<String> getSupportedOptions() {
            return delegate.getSupportedOptions();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return delegate.process(annotations, round);
        }
    }

    /** The names in a log, in creation order. */
    public static List<String> names(List<CreatedFile> log) {
        return log.stream().map(CreatedFile::name).toList();
    }
}
