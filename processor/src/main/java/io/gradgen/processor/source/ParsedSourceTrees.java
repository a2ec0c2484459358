package io.gradgen.processor.source;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Problem;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * Syntax for a compiler without javac's Tree API (Eclipse's ECJ): the class's source file, found by
 * {@link SourceLocator}, parsed with the JDK's own parser ({@link JdkParser}), and the declaration
 * found in it by name ({@link TreeFinder}). The trees are of the same kind, from the same parser, as
 * javac's, so the front end downstream is the same.
 */
public final class ParsedSourceTrees implements SourceTrees {
    private final SourceLocator locator;
    private final ParsedUnits parsed;
    private final SourceVersion level;
    /** The last parse of each top-level class, kept while its text is unchanged (an IDE reuses processors). */
    private final Map<String, ParsedUnit> byClass = new HashMap<>();

    /**
     * @param elements the compiler's elements
     * @param filer the compiler's filer (for the source path)
     * @param parsed where the units parsed are remembered
     * @param level the compilation's source level, at which the parser reads the files
     */
    public ParsedSourceTrees(Elements elements, Filer filer, ParsedUnits parsed, SourceVersion level) {
        this.locator = new SourceLocator(elements, filer);
        this.parsed = parsed;
        this.level = level;
    }

    @Override
    public MethodSyntax method(ExecutableElement method) throws SourceUnreadable {
        String shown = method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "()";
        TypeElement top = TreeFinder.topLevel(method);
        if (top == null) {
            return null;
        }
        ParsedUnit unit = unit(top, shown);
        if (unit == null) {
            return null;
        }
        MethodTree tree = TreeFinder.method(unit.unit(), method);
        ParsedUnit.Error error = unit.errorIn(tree);
        if (error != null) {
            throw new SourceUnreadable(Message.SOURCE_UNREADABLE, shown, Message.Reason.PARSE_ERROR.text(error.text()),
                    Message.Reason.USE_JAVAC.text(null));
        }
        if (tree == null) {
            throw new SourceUnreadable(Message.SOURCE_UNREADABLE, shown,
                    Message.Reason.NOT_IN_FILE.text(unit.name()), Message.Reason.MOVE_TO_MEMBER_CLASS.text(null));
        }
        return new MethodSyntax(tree, unit.unit());
    }

    @Override
    public VariableTree field(VariableElement field) {
        TypeElement top = TreeFinder.topLevel(field);
        try {
            ParsedUnit unit = top == null ? null : unit(top, field.getSimpleName().toString());
            return unit == null ? null : TreeFinder.field(unit.unit(), field);
        } catch (SourceUnreadable unreadable) {
            return null;
        }
    }

    @Override
    public boolean isSource(TypeElement type) {
        return locator.isSource(type);
    }

    @Override
    public String text(Tree tree, CompilationUnitTree unit) {
        return parsed.of(unit).text(tree);
    }

    @Override
    public void report(Problem problem, Element fallback, Messager messager) {
        if (problem.tree() == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, problem.text(), problem.element());
        } else {
            parsed.reportAt(problem, fallback, messager);
        }
    }

    private ParsedUnit unit(TypeElement top, String shown) throws SourceUnreadable {
        Located located = locator.locate(top, shown);
        if (!located.fromSource()) {
            return null;
        }
        String key = top.getQualifiedName().toString();
        ParsedUnit known = byClass.get(key);
        if (known != null && known.text().equals(located.text())) {
            return known;
        }
        ParsedUnit unit = parsed.add(JdkParser.parse(located.name(), located.text(), shown, level));
        byClass.put(key, unit);
        return unit;
    }
}
