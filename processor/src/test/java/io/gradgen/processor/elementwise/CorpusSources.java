package io.gradgen.processor.elementwise;

import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
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
    static final Pattern LOSS_METHOD = Pattern.compile(
            "@Loss(?:\\((?<args>[^)]*)\\))?\\s+static\\s+double\\s+(?<method>\\w+)\\s*\\(");

    private CorpusSources() {}

    static String read(String path) {
        try (InputStream in = CorpusSources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** {@code source} without the {@code @Loss} methods other than {@code keep}. */
    static String onlyLoss(String source, String keep) {
        StringBuilder out = new StringBuilder();
        Matcher m = LOSS_METHOD.matcher(source);
        int copied = 0;
        boolean kept = false;
        while (m.find()) {
            if (m.group("method").equals(keep)) {
                kept = true;
                continue;
            }
            int start = startWithJavadoc(source, m.start());
            int end = endOfBody(source, m.end());
            out.append(source, copied, start);
            out.append(blankLines(source, start, end));
            copied = end;
        }
        if (!kept) {
            throw new IllegalArgumentException("no @Loss method " + keep);
        }
        out.append(source, copied, source.length());
        return out.toString();
    }

    /** As many line breaks as {@code source[start, end)} has, so the kept lines keep their numbers. */
    private static String blankLines(String source, int start, int end) {
        StringBuilder lines = new StringBuilder();
        for (int i = start; i < end; i++) {
            if (source.charAt(i) == '\n') {
                lines.append('\n');
            }
        }
        return lines.toString();
    }

    /** Moves back over the Javadoc comment directly above the annotation, and the indentation. */
    private static int startWithJavadoc(String source, int annotation) {
        int start = annotation;
        int i = annotation - 1;
        while (i >= 0 && Character.isWhitespace(source.charAt(i))) {
            i--;
        }
        if (i >= 1 && source.startsWith("*/", i - 1)) {
            int doc = source.lastIndexOf("/**", i);
            if (doc >= 0) {
                start = doc;
            }
        }
        while (start > 0 && (source.charAt(start - 1) == ' ' || source.charAt(start - 1) == '\t')) {
            start--;
        }
        return start;
    }

    /** The index just past the closing brace of the method body that follows {@code from}. */
    private static int endOfBody(String source, int from) {
        int open = source.indexOf('{', from);
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                int end = i + 1;
                return end < source.length() && source.charAt(end) == '\n' ? end + 1 : end;
            }
        }
        throw new IllegalArgumentException("unbalanced braces after index " + from);
    }
}
