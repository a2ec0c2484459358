package io.gradgen.processor;

import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import io.gradgen.processor.body.Body;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Problem;
import io.gradgen.processor.diagnostics.Problems;
import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.plan.LossModeller;
import io.gradgen.processor.normalise.NormalisedLoss;
import io.gradgen.processor.normalise.Normaliser;
import io.gradgen.processor.read.LossReader;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.signature.SignatureReader;
import io.gradgen.processor.write.LossWriter;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/** Runs the stages for one {@code @Loss} method and reports what they found. */
final class LossPipeline {
    private final ProcessingEnvironment env;
    private final Trees trees;
    private final SignatureReader signatures;
    private final LossReader bodies;
    /** Problems about names that a type generated later in this compilation could resolve. */
    private static final Set<Message> MAY_RESOLVE_LATER = EnumSet.of(Message.UNKNOWN_NAME, Message.UNSUPPORTED_CALL);
    /**
     * Generated class name → the method that claimed it, across all rounds of this compilation,
     * by owner and signature, since a method tried again in a later round is another element.
     */
    private final Map<String, Claim> claimed = new HashMap<>();

    private record Claim(String method, String shown) {}

    LossPipeline(ProcessingEnvironment env, Trees trees) {
        this.env = env;
        this.trees = trees;
        this.signatures = new SignatureReader(env.getElementUtils());
        this.bodies = trees == null ? null : new LossReader(trees, env.getElementUtils());
    }

    /**
     * Runs the stages for one method and reports its problems, or, when {@code canWait} and a name
     * in it could not be resolved, reports nothing and returns false: another processor may
     * generate that type or helper in this round, so the method is tried again in the next one.
     */
    boolean process(ExecutableElement method, boolean canWait) {
        Problems problems = new Problems();
        LossSignature signature = signatures.read(method, problems);
        if (signature != null && isKotlinStub(method)) {
            problems.add(Problem.on(method, Message.KOTLIN_STUB, describe(method), signature.lossName()));
            signature = null;
        }
        if (signature != null && claimName(method, signature, problems)) {
            Body body = bodies.read(method, signature, problems);
            if (body != null) {
                NormalisedLoss loss = normalise(method, signature, body, problems);
                if (loss != null) {
                    LossModel model = LossModeller.model(signature, loss);
                    List<JavaFile> files = LossWriter.render(model, method);
                    write(files, method);
                }
            }
        }
        if (canWait && problems.all().stream().anyMatch(p -> MAY_RESOLVE_LATER.contains(p.message()))) {
            return false;
        }
        problems.reportTo(env.getMessager(), trees);
        return true;
    }

    private static NormalisedLoss normalise(ExecutableElement method, LossSignature signature, Body body,
            Problems problems) {
        NormalisedLoss loss;
        try {
            loss = Normaliser.normalise(body, LossModeller.parameterNodes(signature));
        } catch (IllegalArgumentException misplacedWeight) {
            problems.add(Problem.on(method, Message.WEIGHTED_PLACEMENT, "in " + signature.methodName()));
            return null;
        }
        List<String> differentiable = signature.parameters().stream().filter(p -> p.kind().isDifferentiable())
                .map(p -> p.name()).toList();
        if (!LossModeller.dependsOnAnInput(loss)) {
            String names = String.join(", ", differentiable);
            problems.add(Problem.on(method, Message.CONSTANT_LOSS, signature.methodName(),
                    differentiable.size() > 1 ? "s" : "", names, differentiable.size() > 1 ? "them" : names));
            return null;
        }
        List<String> inputs = LossModeller.inputsOfWeight(loss);
        if (!inputs.isEmpty()) {
            problems.add(Problem.on(method, Message.WEIGHT_DEPENDS_ON_INPUT, signature.methodName(),
                    String.join(", ", inputs)));
            return null;
        }
        return loss;
    }

    private boolean claimName(ExecutableElement method, LossSignature signature, Problems problems) {
        String name = signature.qualifiedLossName();
        Claim claim = new Claim(method.getEnclosingElement() + "." + method, describe(method));
        Claim earlier = claimed.putIfAbsent(name, claim);
        if (earlier != null && !earlier.method().equals(claim.method())) {
            problems.add(Problem.on(method, Message.DUPLICATE_NAME, signature.lossName(), earlier.shown(),
                    claim.shown()));
            return false;
        }
        for (String generated : List.of(name, name + "Backward")) {
            TypeElement existing = env.getElementUtils().getTypeElement(generated);
            if (existing != null && earlier == null && isUserSource(existing)) {
                problems.add(Problem.on(method, Message.NAME_TAKEN, describe(method), generated));
                return false;
            }
        }
        return true;
    }

    /**
     * A type the user wrote in this compilation. Class files (say, a previous build's output) and
     * gradgen's own earlier output do not count: regenerating those is what incremental builds do.
     */
    private boolean isUserSource(TypeElement type) {
        if (trees.getTree(type) == null) {
            return false;
        }
        return type.getAnnotationMirrors().stream().noneMatch(a ->
                a.getAnnotationType().toString().equals("javax.annotation.processing.Generated")
                        && a.getElementValues().values().stream()
                                .anyMatch(v -> v.toString().contains(GradgenProcessor.class.getName())));
    }

    /**
     * Whether the method belongs to a class compiled from Kotlin: kapt hands processors Java stubs
     * of Kotlin classes, marked {@code @kotlin.Metadata}, whose method bodies are placeholders.
     */
    private static boolean isKotlinStub(ExecutableElement method) {
        for (javax.lang.model.element.Element e = method.getEnclosingElement(); e instanceof TypeElement;
                e = e.getEnclosingElement()) {
            if (e.getAnnotationMirrors().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().equals("kotlin.Metadata"))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ExecutableElement method) {
        return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "()";
    }

    private void write(List<JavaFile> files, ExecutableElement method) {
        for (JavaFile file : files) {
            try {
                file.writeTo(env.getFiler());
            } catch (IOException e) {
                env.getMessager().printMessage(Diagnostic.Kind.ERROR,
                        Message.INTERNAL.format("IOException", describe(method), e.getMessage()), method);
                return;
            }
        }
    }
}
