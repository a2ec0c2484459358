package io.gradgen.processor.write;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.gradgen.processor.plan.LossModel;
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
        String pkg = model.signature().packageName();
        TypeSpec forward = new ForwardWriter(model).write(origin, annotateGenerated);
        TypeSpec backward = new BackwardWriter(model).write(origin, annotateGenerated);
        return List.of(file(pkg, forward), file(pkg, backward));
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
