package io.gradgen.processor.helpers;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import io.gradgen.annotations.Differentiable;
import io.gradgen.processor.diagnostics.Problem;
import io.gradgen.processor.source.MethodSyntax;
import io.gradgen.processor.source.ParsedUnits;
import io.gradgen.processor.source.SourceTrees;
import io.gradgen.processor.source.SourceUnreadable;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The compiler's syntax, and for a {@code @Differentiable} helper from a class file the body its jar
 * carries ({@link HelperLibrary}).
 */
public final class WithHelperLibrary implements SourceTrees {
    private final SourceTrees compiler;
    private final HelperLibrary library;
    private final ParsedUnits parsed;

    /**
     * @param compiler the compiler's syntax
     * @param library the helpers' resources on the class path
     * @param parsed the units gradgen parsed itself (the library's among them)
     */
    public WithHelperLibrary(SourceTrees compiler, HelperLibrary library, ParsedUnits parsed) {
        this.compiler = compiler;
        this.library = library;
        this.parsed = parsed;
    }

    @Override
    public MethodSyntax method(ExecutableElement method) throws SourceUnreadable {
        MethodSyntax syntax = compiler.method(method);
        if (syntax == null && method.getAnnotation(Differentiable.class) != null) {
            syntax = library.method(method);
        }
        return syntax;
    }

    @Override
    public VariableTree field(VariableElement field) {
        VariableTree tree = compiler.field(field);
        return tree != null ? tree : library.field(field);
    }

    @Override
    public boolean isSource(TypeElement type) {
        return compiler.isSource(type);
    }

    @Override
    public String text(Tree tree, CompilationUnitTree unit) {
        return parsed.of(unit) != null ? parsed.of(unit).text(tree) : compiler.text(tree, unit);
    }

    @Override
    public void report(Problem problem, Element fallback, Messager messager) {
        compiler.report(problem, fallback, messager);
    }
}
