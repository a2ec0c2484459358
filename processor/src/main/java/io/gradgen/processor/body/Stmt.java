package io.gradgen.processor.body;

import java.util.List;

/** A statement of a loss body, as the reader resolved it. */
public sealed interface Stmt {

    /** {@code double name = init;} ({@code init} is null for a declaration without initialiser). */
    record Declare(String name, Node init) implements Stmt {
    }

    /** {@code name = value;} (compound assignments are expanded: {@code s += x} is {@code s = s + x}). */
    record Assign(String name, Node value) implements Stmt {
    }

    /** {@code if (condition) { thenBranch } else { elseBranch }}; a missing else is an empty list. */
    record If(Node condition, List<Stmt> thenBranch, List<Stmt> elseBranch) implements Stmt {
        public If {
            thenBranch = List.copyOf(thenBranch);
            elseBranch = List.copyOf(elseBranch);
        }
    }

    /**
     * {@code for (int index = 0; index < row.length; index++) { body }}: every assignment in the body
     * to a local declared before the loop is an accumulation ({@code s += …}, {@code s = Math.max(s, …)}).
     */
    record For(String index, String row, List<Stmt> body) implements Stmt {
        public For {
            body = List.copyOf(body);
        }
    }

    /** {@code return value;}. */
    record Return(Node value) implements Stmt {
    }
}
