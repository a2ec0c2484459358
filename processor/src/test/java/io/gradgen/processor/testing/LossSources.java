package io.gradgen.processor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test sources of losses as text: read from the class path, and cut down to one {@code @Loss} method. */
public final class LossSources {

    /** A {@code @Loss} annotation, possibly with arguments, on a {@code static double} method. */
    public static final Pattern LOSS_METHOD = Pattern.compile(
            "(?<annotation>@Loss(?:\\((?<args>[^)]*)\\))?)\\s+static\\s+double\\s+(?<method>\\w+)\\s*\\(");

    private static final Pattern NAME = Pattern.compile("name\\s*=\\s*\"(\\w+)\"");
    private static final Pattern REDUCTION = Pattern.compile("reduction\\s*=\\s*Reduction\\.(\\w+)");

    private LossSources() {}

    /**
     * What the given corpus files declare, as the generated loss name and reduction of each
     * {@code Class.method}: {@code "HuberLoss MEAN"}.
     */
    public static java.util.Map<String, String> declared(Iterable<String> paths) {
        java.util.Map<String, String> declared = new java.util.LinkedHashMap<>();
        for (String path : paths) {
            String source = read(path);
            String className = path.substring(path.lastIndexOf('/') + 1, path.length() - ".java".length());
            Matcher m = LOSS_METHOD.matcher(source);
            while (m.find()) {
                String args = m.group("args") == null ? "" : m.group("args");
                Matcher name = NAME.matcher(args);
                Matcher reduction = REDUCTION.matcher(args);
                String generated = name.find() ? name.group(1) : derivedName(m.group("method"));
                String reduced = reduction.find() ? reduction.group(1) : "MEAN";
                declared.put(className + "." + m.group("method"), generated + " " + reduced);
            }
        }
        return declared;
    }

    /** API.md's generated class name: UpperCamelCase, with {@code Loss} appended unless already there. */
    public static String derivedName(String method) {
        String upper = Character.toUpperCase(method.charAt(0)) + method.substring(1);
        return upper.endsWith("Loss") ? upper : upper + "Loss";
    }

    /** A class-path resource as UTF-8 text. */
    public static String read(String path) {
        try (InputStream in = LossSources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code source} without the {@code @Loss} methods other than {@code keep}; each removed method
     * (with its Javadoc) leaves as many empty lines, so the kept lines keep their numbers.
     */
    public static String onlyLoss(String source, String keep) {
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
            for (int i = start; i < end; i++) {
                if (source.charAt(i) == '\n') {
                    out.append('\n');
                }
            }
            copied = end;
        }
        if (!kept) {
            throw new IllegalArgumentException("no @Loss method " + keep);
        }
        out.append(source, copied, source.length());
        return out.toString();
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
