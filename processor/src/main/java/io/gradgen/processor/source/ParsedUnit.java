package io.gradgen.processor.source;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import java.util.List;

/**
 * A compilation unit gradgen parsed itself with the JDK's parser, with what is needed to show a
 * position in it and to cut a tree's text out of it.
 *
 * @param unit the parsed unit
 * @param positions the parser's positions of its trees
 * @param name the file or resource it came from, for messages
 * @param text its source text
 * @param errors what the parser rejected in it
 */
public record ParsedUnit(CompilationUnitTree unit, SourcePositions positions, String name, String text,
        List<Error> errors) {

    /**
     * Something the parser rejected.
     *
     * @param position its offset in the text
     * @param text the parser's message, with the file and line
     */
    public record Error(long position, String text) {
    }

    /** Keeps its own copy of the errors. */
    public ParsedUnit {
        errors = List.copyOf(errors);
    }

    /**
     * The first error inside a tree, or, for a null tree, the first error anywhere.
     *
     * @param tree a tree of this unit, or null
     * @return the error, or null when there is none there
     */
    public Error errorIn(Tree tree) {
        for (Error error : errors) {
            if (tree == null || (error.position() >= positions.getStartPosition(unit, tree)
                    && error.position() <= positions.getEndPosition(unit, tree))) {
                return error;
            }
        }
        return null;
    }

    /**
     * The text of one of this unit's trees.
     *
     * @param tree a tree of this unit
     * @return the text from its first to its last character
     */
    public String text(Tree tree) {
        return text.substring((int) positions.getStartPosition(unit, tree), (int) positions.getEndPosition(unit, tree));
    }

    /**
     * Where a tree is, as {@code name:line:column}.
     *
     * @param tree a tree of this unit
     * @return its position, for a message
     */
    public String where(Tree tree) {
        long start = positions.getStartPosition(unit, tree);
        LineMap lines = unit.getLineMap();
        return name + ":" + lines.getLineNumber(start) + ":" + lines.getColumnNumber(start);
    }
}
