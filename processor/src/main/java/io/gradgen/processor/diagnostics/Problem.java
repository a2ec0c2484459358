package io.gradgen.processor.diagnostics;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import javax.lang.model.element.Element;

/**
 * One error to report: on a source tree (body problems, at the offending expression) or on an
 * element (signature problems).
 */
public record Problem(Message message, String text, Element element, Tree tree, CompilationUnitTree unit) {

    public static Problem at(Tree tree, CompilationUnitTree unit, Message message, Object... args) {
        return new Problem(message, message.format(args), null, tree, unit);
    }

    public static Problem on(Element element, Message message, Object... args) {
        return new Problem(message, message.format(args), element, null, null);
    }
}
