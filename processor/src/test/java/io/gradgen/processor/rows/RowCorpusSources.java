package io.gradgen.processor.rows;

import com.google.testing.compile.JavaFileObjects;
import io.gradgen.annotations.Reduction;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;

/**
 * Reads corpus files and cuts one loss out of its file's company: {@link #isolating} blanks every
 * other {@code @Loss} method (with its Javadoc), keeping every line's number, so a loss the
 * processor rejects fails only its own tests and its diagnostics point at the corpus file as
 * written. {@link #withReduction} also rewrites the kept loss's annotation to another reduction.
 */
final class RowCorpusSources {

    /** A {@code @Loss} annotation, possibly with arguments, on a {@code static double} method. */
    static final Pattern LOSS_METHOD = io.gradgen.processor.testing.LossSources.LOSS_METHOD;

    private RowCorpusSources() {}

    static String read(String path) {
        return io.gradgen.processor.testing.LossSources.read(path);
    }

    static String path(RowLossCase lossCase) {
        return "corpus/rows/" + lossCase.source() + ".java";
    }

    /** {@code lossCase}'s file reduced to that one loss. */
    static List<JavaFileObject> isolating(RowLossCase lossCase) {
        return List.of(JavaFileObjects.forSourceString(lossCase.sourceClassName(),
                onlyLoss(read(path(lossCase)), lossCase.method())));
    }

    /**
     * {@code lossCase}'s file reduced to that one loss, declared with {@code reduction} instead
     * (and the same generated name).
     */
    static List<JavaFileObject> withReduction(RowLossCase lossCase, Reduction reduction) {
        String isolated = onlyLoss(read(path(lossCase)), lossCase.method());
        Matcher m = LOSS_METHOD.matcher(isolated);
        if (!m.find()) {
            throw new IllegalStateException("no @Loss left in the isolated " + lossCase);
        }
        String rewritten = isolated.substring(0, m.start("annotation"))
                + "@Loss(name = \"" + lossCase.generatedName() + "\", reduction = io.gradgen.annotations.Reduction."
                + reduction.name() + ")"
                + isolated.substring(m.end("annotation"));
        return List.of(JavaFileObjects.forSourceString(lossCase.sourceClassName(), rewritten));
    }

    /** {@code source} without the {@code @Loss} methods other than {@code keep}, line numbers kept. */
    static String onlyLoss(String source, String keep) {
        return io.gradgen.processor.testing.LossSources.onlyLoss(source, keep);
    }
}
