package io.gradgen.processor.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * A processor seen through an environment that hides javac's implementation class, which
 * {@code Trees.instance} rejects exactly as it would a compiler that is not javac (Eclipse's ecj).
 * Unlike the wrappers of IDEs and build tools (which gradgen sees through), no field of this one
 * holds a {@code ProcessingEnvironment}: the real one is reachable only through a
 * {@link Supplier}, so to gradgen it is as opaque as a compiler without javac behind it.
 */
public final class NotJavac extends AbstractProcessor {
    private final Processor delegate;

    public NotJavac(Processor delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        Supplier<ProcessingEnvironment> hidden = () -> env;
        InvocationHandler forward = (proxy, method, args) -> {
            try {
                return method.invoke(hidden.get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        delegate.init((ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class}, forward));
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
