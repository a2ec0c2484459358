package io.gradgen.processor.testing;

import java.io.FileNotFoundException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.StandardLocation;

/**
 * A processor seen through an environment that hides javac's implementation class, which
 * {@code Trees.instance} rejects exactly as it would a compiler that is not javac (Eclipse's ecj).
 * Unlike the wrappers of IDEs and build tools (which gradgen sees through), no field of this one
 * holds a {@code ProcessingEnvironment}: the real one is reachable only through a
 * {@link Supplier}, so to gradgen it is as opaque as a compiler without javac behind it. Its
 * {@code Elements} cannot tell a class's file either ({@code getFileObjectOf}, Java 18 and later,
 * throws as the interface's default does), and its {@code Filer} finds nothing on the source path
 * unless {@link #readingTheSourcePath} made it: a compiler that offers neither trees nor files.
 */
public final class NotJavac extends AbstractProcessor {
    private final Processor delegate;
    private final boolean sourcePath;

    /** The processor under a compiler that offers neither trees nor files. */
    public NotJavac(Processor delegate) {
        this(delegate, false);
    }

    private NotJavac(Processor delegate, boolean sourcePath) {
        this.delegate = delegate;
        this.sourcePath = sourcePath;
    }

    /** The processor under a compiler without trees whose filer reads the source path. */
    public static NotJavac readingTheSourcePath(Processor delegate) {
        return new NotJavac(delegate, true);
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        Supplier<ProcessingEnvironment> hidden = () -> env;
        Elements elements = (Elements) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Elements.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getFileObjectOf")) {
                        throw new UnsupportedOperationException("getFileObjectOf");
                    }
                    return forward(env.getElementUtils(), method, args);
                });
        Filer filer = (Filer) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Filer.class},
                (proxy, method, args) -> {
                    if (!sourcePath && method.getName().equals("getResource") && args[0] == StandardLocation.SOURCE_PATH) {
                        throw new FileNotFoundException("no source path");
                    }
                    return forward(env.getFiler(), method, args);
                });
        InvocationHandler forward = (proxy, method, args) -> switch (method.getName()) {
            case "getElementUtils" -> elements;
            case "getFiler" -> filer;
            default -> forward(hidden.get(), method, args);
        };
        delegate.init((ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class}, forward));
    }

    private static Object forward(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate.getSupportedAnnotationTypes();
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
