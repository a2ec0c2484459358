package io.gradgen.processor.read;

import com.sun.source.tree.Tree;

/** How Java writes the operators a loss body may not use, for messages. */
final class Operators {
    private Operators() {
    }

    static String text(Tree.Kind kind) {
        return switch (kind) {
            case POSTFIX_INCREMENT, PREFIX_INCREMENT -> "++";
            case POSTFIX_DECREMENT, PREFIX_DECREMENT -> "--";
            case AND -> "&";
            case OR -> "|";
            case XOR -> "^";
            case LEFT_SHIFT -> "<<";
            case RIGHT_SHIFT -> ">>";
            case UNSIGNED_RIGHT_SHIFT -> ">>>";
            case BITWISE_COMPLEMENT -> "~";
            default -> kind.name();
        };
    }
}
