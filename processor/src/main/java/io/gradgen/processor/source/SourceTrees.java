package io.gradgen.processor.source;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import io.gradgen.processor.diagnostics.Problem;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Where the front end gets syntax from. Under javac, javac's own trees ({@link JavacSourceTrees});
 * under a compiler without javac's Tree API (Eclipse's ECJ), the source file parsed with the JDK's
 * own parser ({@link ParsedSourceTrees}); for a helper from a jar, the body gradgen stored beside
 * its class. All give {@code com.sun.source} trees from the same parser, so one front end reads
 * them all.
 */
public interface SourceTrees {

    /**
     * The syntax of a method compiled from source.
     *
     * @param method a method
     * @return its syntax, or null when it has no source here (it comes from a class file)
     * @throws SourceUnreadable when it has source that gradgen cannot read
     */
    MethodSyntax method(ExecutableElement method) throws SourceUnreadable;

    /**
     * The declaration of a field compiled from source.
     *
     * @param field a field
     * @return its declaration, or null when it has none gradgen can read
     */
    VariableTree field(VariableElement field);

    /**
     * Whether a type was compiled from source in this compilation.
     *
     * @param type a type
     * @return true for a source type, false for one read from a class file
     */
    boolean isSource(TypeElement type);

    /**
     * The source text of a tree.
     *
     * @param tree a tree of {@code unit}
     * @param unit a unit these trees gave
     * @return the text from the tree's first character to its last
     */
    String text(Tree tree, CompilationUnitTree unit);

    /**
     * Reports an error: at its tree when it has one, else on its element.
     *
     * @param problem the problem
     * @param fallback the element to report on when the tree's position cannot be shown as the
     *     compiler's own (a unit the compiler did not parse); its text then names the position
     * @param messager the compiler's messager
     */
    void report(Problem problem, Element fallback, Messager messager);
}
