package io.gradgen.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.gradgen.processor.plan.LossModel;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.io.IOException;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/**
 * The write stage: renders a {@link LossModel} as the two generated source files. Both files are
 * built in memory before either is written, so a failure never leaves half a loss behind.
 */
public final class LossWriter {
    private LossWriter() {
    }

    /** The forward and backward sources, annotated {@code @Generated}, without writing them. */
    public static List<JavaFile> render(LossModel model, Element origin) {
        return render(model, origin, true);
    }

    /**
     * The forward and backward sources, without writing them.
     *
     * @param annotateGenerated whether the classes carry {@code @Generated}: false where their
     *     module cannot read {@code java.compiler} (see {@link GeneratedMarker#canAnnotate})
     */
    public static List<JavaFile> render(LossModel model, Element origin, boolean annotateGenerated) {
        return render(model, List.of(), origin, annotateGenerated);
    }

    /**
     * The forward and backward sources of a loss with optional rows: the public class runs the
     * weighted kernels when its rows are given, and for each set of rows left out the kernels of
     * that variant, written as a private pair of classes nested in it.
     *
     * @param variants one per non-empty set of optional rows left at their defaults
     */
    public static List<JavaFile> render(LossModel model, List<DefaultVariant> variants, Element origin,
            boolean annotateGenerated) {
        LossSignature s = model.signature();
        TypeSpec forward = new ForwardWriter(model, GeneratedTypes.of(s), variants).write(origin, annotateGenerated);
        if (!variants.isEmpty()) {
            List<LossParameter> optional = s.constants().stream().filter(LossParameter::isOptionalRow).toList();
            TypeSpec.Builder withVariants = forward.toBuilder();
            if (!optional.isEmpty()) {
                withVariants.addJavadoc(Javadocs.optionalRows(optional.stream().map(LossParameter::name).toList(),
                        optional.stream().map(c -> JavaExpressions.literal(c.defaultValue().getAsDouble()).toString())
                                .toList()));
            }
            List<LossParameter> numbers = DefaultVariant.specialisedNumbers(s, variants);
            if (!numbers.isEmpty()) {
                withVariants.addJavadoc(Javadocs.specialisedNumbers(numbers));
            }
            for (DefaultVariant v : variants) {
                GeneratedTypes types = GeneratedTypes.variant(s, v.defaulted());
                withVariants.addType(new ForwardWriter(v.model(), types, List.of()).write(origin, false));
                withVariants.addType(new BackwardWriter(v.model(), types).write(origin, false));
            }
            forward = withVariants.build();
        }
        TypeSpec backward = new BackwardWriter(model).write(origin, annotateGenerated);
        Deprecated deprecated = origin.getAnnotation(Deprecated.class);
        if (deprecated != null) {
            // the backward stays undeprecated: the forward alone names it, and a use of a class deprecated
            // for removal warns even inside another deprecated class
            forward = deprecate(forward, deprecated, s);
        }
        return List.of(file(s.packageName(), forward), file(s.packageName(), backward));
    }

    /**
     * A loss generated from a {@code @Deprecated} method is deprecated as its method is, so that
     * users of the class are warned as callers of the method would be.
     */
    private static TypeSpec deprecate(TypeSpec type, Deprecated deprecated, LossSignature s) {
        AnnotationSpec.Builder annotation = AnnotationSpec.builder(Deprecated.class);
        if (!deprecated.since().isEmpty()) {
            annotation.addMember("since", "$S", deprecated.since());
        }
        if (deprecated.forRemoval()) {
            annotation.addMember("forRemoval", "true");
        }
        return type.toBuilder().addAnnotation(annotation.build())
                .addJavadoc("\n@deprecated generated from the deprecated $L, whose documentation names what to use"
                        + " instead\n", Javadocs.source(s))
                .build();
    }

    /** The forward and backward sources of a batch loss, without writing them. */
    public static List<JavaFile> render(io.gradgen.processor.plan.BatchModel model, Element origin,
            boolean annotateGenerated) {
        String pkg = model.signature().packageName();
        TypeSpec forward = new BatchForwardWriter(model).write(origin, annotateGenerated);
        TypeSpec backward = new BatchBackwardWriter(model).write(origin, annotateGenerated);
        return List.of(file(pkg, forward), file(pkg, backward));
    }

    public static void write(LossModel model, Element origin, Filer filer) throws IOException {
        for (JavaFile file : render(model, origin)) {
            file.writeTo(filer);
        }
    }

    private static JavaFile file(String pkg, TypeSpec type) {
        return JavaFile.builder(pkg, type).skipJavaLangImports(true).indent("    ").build();
    }
}
