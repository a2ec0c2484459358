package io.gradgen.processor.source;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.gradgen.processor.diagnostics.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic;

/** Syntax from javac's own trees, through its Tree API. */
public final class JavacSourceTrees implements SourceTrees {
    private final Trees trees;
    private final ParsedUnits parsed;

    /**
     * @param trees javac's Tree API for this compilation
     * @param parsed the units gradgen parses itself (helpers from jars), which javac cannot point at
     */
    public JavacSourceTrees(Trees trees, ParsedUnits parsed) {
        this.trees = trees;
        this.parsed = parsed;
    }

    @Override
    public MethodSyntax method(ExecutableElement method) {
        MethodTree tree = trees.getTree(method);
        TreePath path = trees.getPath(method);
        return tree == null || path == null ? null : new MethodSyntax(tree, path.getCompilationUnit());
    }

    @Override
    public VariableTree field(VariableElement field) {
        return trees.getTree(field) instanceof VariableTree tree ? tree : null;
    }

    @Override
    public boolean isSource(TypeElement type) {
        return trees.getTree(type) != null;
    }

    @Override
    public String text(Tree tree, CompilationUnitTree unit) {
        ParsedUnit own = parsed.of(unit);
        if (own != null) {
            return own.text(tree);
        }
        SourcePositions positions = trees.getSourcePositions();
        try {
            String text = unit.getSourceFile().getCharContent(true).toString();
            return text.substring((int) positions.getStartPosition(unit, tree), (int) positions.getEndPosition(unit, tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void report(Problem problem, Element fallback, Messager messager) {
        if (problem.tree() == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, problem.text(), problem.element());
        } else if (parsed.of(problem.unit()) != null) {
            parsed.reportAt(problem, fallback, messager);
        } else {
            trees.printMessage(Diagnostic.Kind.ERROR, problem.text(), problem.tree(), problem.unit());
        }
    }
}
