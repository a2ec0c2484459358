package io.gradgen.processor.elementwise;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;

/**
 * Reads corpus files, and cuts one loss out of its file's company: {@link #isolating} removes every
 * other {@code @Loss} method (with its Javadoc) from the declaring file, so that a loss the processor
 * rejects fails only its own tests. The loss kept, the helpers and the constants are untouched, and
 * every kept line keeps its line number, so diagnostics point at the corpus file as written.
 */
final class CorpusSources {

    /** A {@code @Loss} annotation, possibly with arguments, on a {@code static double} method. */
    static final Pattern LOSS_METHOD = io.gradgen.processor.testing.LossSources.LOSS_METHOD;

    private CorpusSources() {}

    static String read(String path) {
        return io.gradgen.processor.testing.LossSources.read(path);
    }

    /** The sources of {@code lossCase}'s group, its own file reduced to that one loss. */
    static List<JavaFileObject> isolating(LossCase lossCase) {
        List<JavaFileObject> files = new ArrayList<>();
        for (String path : ElementwiseCorpus.SOURCES.get(lossCase.source())) {
            if (path.endsWith("/" + lossCase.source() + ".java")) {
                files.add(JavaFileObjects.forSourceString(lossCase.sourceClassName(),
                        onlyLoss(read(path), lossCase.method())));
            } else {
                files.add(JavaFileObjects.forResource(path));
            }
        }
        return files;
    }

    /** {@code source} without the {@code @Loss} methods other than {@code keep}, line numbers kept. */
    static String onlyLoss(String source, String keep) {
        return io.gradgen.processor.testing.LossSources.onlyLoss(source, keep);
    }
}
