package io.gradgen.processor;

import com.palantir.javapoet.JavaFile;
import io.gradgen.processor.body.Body;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Problem;
import io.gradgen.processor.diagnostics.Problems;
import io.gradgen.processor.differentiate.DerivedLoss;
import io.gradgen.processor.differentiate.Differentiation;
import io.gradgen.processor.normalise.NormalisedLoss;
import io.gradgen.processor.normalise.Normaliser;
import io.gradgen.processor.plan.BatchPlanning;
import io.gradgen.processor.plan.KernelPlanning;
import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.plan.RowChecks;
import io.gradgen.processor.read.LossReader;
import io.gradgen.processor.signature.InputKind;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.signature.SignatureReader;
import io.gradgen.processor.simplify.Simplification;
import io.gradgen.processor.simplify.SimplifiedLoss;
import io.gradgen.processor.source.SourceTrees;
import io.gradgen.processor.write.DefaultVariant;
import io.gradgen.processor.write.GeneratedMarker;
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
    private final SourceTrees sources;
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

    LossPipeline(ProcessingEnvironment env, SourceTrees sources) {
        this.env = env;
        this.sources = sources;
        this.signatures = new SignatureReader(env.getElementUtils());
        this.bodies = new LossReader(sources, env.getElementUtils());
    }

    /**
     * Runs the stages for one method and reports its problems, or, when {@code canWait} and a name
     * in it could not be resolved, reports nothing and returns false: another processor may
     * generate that type or helper in this round, so the method is tried again in the next one.
     */
    boolean process(ExecutableElement method, boolean canWait) {
        Problems problems = new Problems();
        run(method, problems);
        if (canWait && problems.all().stream().anyMatch(p -> MAY_RESOLVE_LATER.contains(p.message()))) {
            return false;
        }
        for (Problem problem : problems.all()) {
            sources.report(problem, method, env.getMessager());
        }
        return true;
    }

    /**
     * The stages, each taking the previous one's immutable result: signature → read → normalise →
     * differentiate → simplify → plan kernels → write. A stage that finds a problem in the user's
     * code adds it and stops the method here.
     */
    private void run(ExecutableElement method, Problems problems) {
        LossSignature signature = signatures.read(method, problems);
        if (signature == null || !isJavaSource(method, signature, problems) || !claimName(method, signature, problems)) {
            return;
        }
        Body body = bodies.read(method, signature, problems);
        if (body == null) {
            return;
        }
        NormalisedLoss loss = normalise(method, signature, body, problems);
        if (loss == null) {
            return;
        }
        DerivedLoss derived = Differentiation.derive(signature, loss);
        SimplifiedLoss simplified = Simplification.simplify(derived, checkedRows(signature));
        if (!simplified.readsAnInput()) {
            List<String> inputs = signature.parameters().stream().filter(p -> p.kind().isDifferentiable())
                    .map(LossParameter::name).toList();
            String names = String.join(", ", inputs);
            problems.add(Problem.on(method, Message.CONSTANT_LOSS, signature.methodName(),
                    inputs.size() > 1 ? "s" : "", names, inputs.size() > 1 ? "them" : names));
            return;
        }
        boolean annotate = GeneratedMarker.canAnnotate(method, env.getElementUtils());
        if (signature.isBatch()) {
            write(LossWriter.render(BatchPlanning.plan(simplified), method, annotate), method);
            return;
        }
        List<DefaultVariant> variants = DefaultVariants.plan(method, signature, loss, simplified, problems);
        if (variants == null) {
            return;
        }
        LossModel model = KernelPlanning.plan(simplified);
        write(LossWriter.render(model, variants, method, annotate), method);
    }

    /** What the generated forward checks about the rows a value reads: the gradients may rely on it. */
    static java.util.function.Function<io.gradgen.processor.ir.Expr, io.gradgen.processor.simplify.CheckedRows> checkedRows(
            LossSignature signature) {
        if (signature.isBatch()) {
            return io.gradgen.processor.plan.BatchChecks::of;
        }
        List<String> rows = signature.parameters().stream()
                .filter(p -> p.kind() == InputKind.ROW || p.kind() == InputKind.CONSTANT_ROW)
                .map(LossParameter::name).toList();
        return value -> RowChecks.of(value, rows);
    }

    private static NormalisedLoss normalise(ExecutableElement method, LossSignature signature, Body body,
            Problems problems) {
        NormalisedLoss loss;
        try {
            loss = Normaliser.normalise(body, signature);
        } catch (IllegalArgumentException misplacedWeight) {
            problems.add(Problem.on(method, Message.WEIGHTED_PLACEMENT, "in " + signature.methodName()));
            return null;
        }
        List<String> inputs = loss.inputsOfWeight();
        if (!inputs.isEmpty()) {
            problems.add(Problem.on(method, Message.WEIGHT_DEPENDS_ON_INPUT, signature.methodName(),
                    String.join(", ", inputs)));
            return null;
        }
        return loss;
    }

    /**
     * Whether the method is Java the user wrote: kapt hands processors Java stubs of Kotlin classes
     * (marked {@code @kotlin.Metadata}) whose method bodies are placeholders.
     */
    private static boolean isJavaSource(ExecutableElement method, LossSignature signature, Problems problems) {
        for (javax.lang.model.element.Element e = method.getEnclosingElement(); e instanceof TypeElement;
                e = e.getEnclosingElement()) {
            if (e.getAnnotationMirrors().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().equals("kotlin.Metadata"))) {
                problems.add(Problem.on(method, Message.KOTLIN_STUB, describe(method), signature.lossName()));
                return false;
            }
        }
        return true;
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
        return sources.isSource(type) && !GeneratedMarker.isGradgenOutput(type, env.getElementUtils());
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
