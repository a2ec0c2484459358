package io.gradgen.processor.source;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;

/**
 * A method's syntax tree and the compilation unit it belongs to (whose package and imports resolve
 * the names its body mentions).
 *
 * @param tree the method's declaration
 * @param unit the unit it was parsed in: javac's own, or one gradgen parsed with the JDK's parser
 */
public record MethodSyntax(MethodTree tree, CompilationUnitTree unit) {
}
