package io.gradgen.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.Trees;
import io.gradgen.annotations.Differentiable;
import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.env.JavacEnvironment;
import io.gradgen.processor.env.ProcessorOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * gradgen's annotation processor: for each {@code @Loss} method, runs the pipeline
 * (validate signature → read body → normalise → differentiate → simplify → model → write) behind
 * a firewall, so a problem in one method is reported on it and never stops the others or javac.
 */
@AutoService(Processor.class)
public final class GradgenProcessor extends AbstractProcessor {
    private static final String GENERATED = "javax.annotation.processing.Generated";

    private Trees trees;
    private ProcessorOptions options;
    private LossPipeline pipeline;
    /** Losses whose names did not resolve yet, by owner and signature: tried again each round. */
    private final Set<String> deferred = new LinkedHashSet<>();
    private boolean notJavacReported;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        // javac's own environment, even when an IDE or a build tool wrapped it (IntelliJ, Gradle)
        trees = JavacEnvironment.trees(env).orElse(null);
        options = ProcessorOptions.read(env.getOptions(), env.getMessager());
        pipeline = new LossPipeline(env, trees);
    }

    /**
     * gradgen's own annotations, which it claims, and {@code @Generated}, which only its own output
     * carries in later rounds: claiming them keeps {@code -Xlint:all} builds free of javac's
     * "no processor claimed" warning. Other processors still see every element through
     * {@link RoundEnvironment#getElementsAnnotatedWith}.
     */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Loss.class.getCanonicalName(), Param.class.getCanonicalName(),
                Differentiable.class.getCanonicalName(), io.gradgen.annotations.LastIndex.class.getCanonicalName(),
                GENERATED);
    }

    /** gradgen's {@code -Agradgen.<name>} options; see {@link ProcessorOptions.Option}. */
    @Override
    public Set<String> getSupportedOptions() {
        return ProcessorOptions.supported();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        List<ExecutableElement> losses = new ArrayList<>(retrieveDeferred());
        for (Element element : round.getElementsAnnotatedWith(Loss.class)) {
            if (element.getKind() == ElementKind.METHOD) {
                losses.add((ExecutableElement) element);
            }
        }
        if (losses.isEmpty()) {
            return claims(annotations, round);
        }
        if (trees == null) {
            if (!notJavacReported) {
                notJavacReported = true;
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, Message.NOT_JAVAC.format());
            }
            return claims(annotations, round);
        }
        for (ExecutableElement method : losses) {
            processFirewalled(method, !round.processingOver() && canFindAgain(method));
        }
        return claims(annotations, round);
    }

    /** Whether a later round can look the method up by its owner's name (not in a local or anonymous class). */
    private boolean canFindAgain(ExecutableElement method) {
        return method.getEnclosingElement() instanceof TypeElement owner
                && owner.getQualifiedName().length() > 0
                && processingEnv.getElementUtils().getTypeElement(owner.getQualifiedName()) != null;
    }

    /** This round's elements of the deferred losses (a new round gives new elements). */
    private List<ExecutableElement> retrieveDeferred() {
        List<ExecutableElement> methods = new ArrayList<>();
        for (String key : deferred) {
            int hash = key.indexOf('#');
            TypeElement owner = processingEnv.getElementUtils().getTypeElement(key.substring(0, hash));
            for (Element e : owner == null ? List.<Element>of() : owner.getEnclosedElements()) {
                if (e.getKind() == ElementKind.METHOD && e.toString().equals(key.substring(hash + 1))) {
                    methods.add((ExecutableElement) e);
                }
            }
        }
        deferred.clear();
        return methods;
    }

    /** Claims the round's annotations, unless {@code @Generated} also marks code some other tool generated. */
    private boolean claims(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            if (annotation.getQualifiedName().contentEquals(GENERATED)) {
                boolean onlyOurs = round.getElementsAnnotatedWith(annotation).stream()
                        .flatMap(e -> e.getAnnotationMirrors().stream())
                        .filter(m -> m.getAnnotationType().toString().equals(GENERATED))
                        .allMatch(m -> m.getElementValues().values().toString().contains(getClass().getName()));
                if (!onlyOurs) {
                    return false;
                }
            }
        }
        return true;
    }

    private void processFirewalled(ExecutableElement method, boolean canWait) {
        try {
            if (!pipeline.process(method, canWait)) {
                deferred.add(((TypeElement) method.getEnclosingElement()).getQualifiedName() + "#" + method);
            }
        } catch (RuntimeException | StackOverflowError e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Message.INTERNAL.format(e.getClass().getSimpleName(),
                            method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName(),
                            String.valueOf(e.getMessage())),
                    method);
            if (options.debug()) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, trace.toString(), method);
            }
        }
    }
}
