package io.gradgen.processor.source;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import io.gradgen.processor.diagnostics.Message;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.lang.model.SourceVersion;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Parses Java source with the JDK's own parser ({@code javac}'s, through {@link JavacTask#parse()}:
 * syntax only, nothing is attributed or compiled). The JVM that runs any Java compiler, Eclipse's
 * included, is a JDK with this parser, so gradgen's front end gets the same {@code com.sun.source}
 * trees as under javac.
 */
public final class JdkParser {

    private JdkParser() {
    }

    /**
     * Parses one compilation unit at the parser's newest source level.
     *
     * @param name the file's name, for messages (a path or a resource's address)
     * @param text its source text
     * @param shown the method whose body is wanted, for messages
     * @return the parsed unit, with the errors the parser found
     * @throws SourceUnreadable when this JVM has no Java parser
     */
    public static ParsedUnit parse(String name, String text, String shown) throws SourceUnreadable {
        return parse(name, text, shown, null);
    }

    /**
     * Parses one compilation unit at the compilation's source level, so that the parser reads its
     * keywords as the compiler does ({@code _}, {@code yield}, {@code record}).
     *
     * @param name the file's name, for messages
     * @param text its source text
     * @param shown the method whose body is wanted, for messages
     * @param level the compilation's source level, or null for the parser's newest
     * @return the parsed unit, with the errors the parser found (which matter only where they are
     *     in what gradgen reads: a compiler may accept more than the JDK it runs on)
     * @throws SourceUnreadable when this JVM has no Java parser
     */
    public static ParsedUnit parse(String name, String text, String shown, SourceVersion level)
            throws SourceUnreadable {
        JavaCompiler javac;
        try {
            javac = ToolProvider.getSystemJavaCompiler();
        } catch (LinkageError noCompilerModule) {
            javac = null;
        }
        if (javac == null) {
            throw new SourceUnreadable(Message.SOURCE_UNREADABLE, shown, Message.Reason.NO_JDK_PARSER.text(null),
                    Message.Reason.USE_A_JDK.text(null));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new TextSource(name, text);
        JavacTask task;
        try {
            task = (JavacTask) javac.getTask(null, null, diagnostics, options(level), null, List.of(file));
        } catch (IllegalArgumentException levelUnknownHere) {
            task = (JavacTask) javac.getTask(null, null, diagnostics, options(null), null, List.of(file));
        }
        Iterator<? extends CompilationUnitTree> units;
        try {
            units = task.parse().iterator();
        } catch (IOException e) {
            throw new SourceUnreadable(Message.SOURCE_UNREADABLE, shown,
                    Message.Reason.PARSE_ERROR.text(name + ": " + e.getMessage()), Message.Reason.USE_JAVAC.text(null));
        }
        List<ParsedUnit.Error> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(new ParsedUnit.Error(d.getPosition(),
                        name + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT).lines().findFirst().orElse("")));
            }
        }
        return new ParsedUnit(units.next(), Trees.instance(task).getSourcePositions(), name, text, errors);
    }

    private static List<String> options(SourceVersion level) {
        List<String> options = new ArrayList<>(List.of("-proc:none"));
        if (level != null && level.ordinal() >= SourceVersion.RELEASE_8.ordinal()) {
            options.addAll(List.of("-source", String.valueOf(level.ordinal())));
        }
        return options;
    }

    /** Source text in memory, named like the file it came from. */
    private static final class TextSource extends SimpleJavaFileObject {
        private final String text;

        TextSource(String name, String text) {
            super(URI.create("gradgen:///" + fileName(name)), Kind.SOURCE);
            this.text = text;
        }

        /** The last part of a path, in characters any URI takes (the parser's own messages only show it). */
        private static String fileName(String name) {
            String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            String safe = last.replaceAll("[^A-Za-z0-9._$-]", "_");
            return safe.endsWith(".java") ? safe : safe + ".java";
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
