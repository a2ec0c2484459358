package io.gradgen.processor.body;

import java.util.List;

/** A statement of a loss body, as the reader resolved it. */
public sealed interface Stmt {

    /** {@code T name = init;}: a number, an integer, a boolean or a row ({@code init} is null when absent). */
    record Declare(String name, Node init) implements Stmt {
    }

    /** {@code name = value;} (compound assignments are expanded: {@code s += x} is {@code s = s + x}). */
    record Assign(String name, Node value) implements Stmt {
    }

    /** {@code array[index] = value;}: fills a local {@code double[]} in the loop over {@code index}. */
    record Write(String array, Node index, Node value) implements Stmt {
    }

    /** {@code if (condition) { thenBranch } else { elseBranch }}; a missing else is an empty list. */
    record If(Node condition, List<Stmt> thenBranch, List<Stmt> elseBranch) implements Stmt {
        public If {
            thenBranch = List.copyOf(thenBranch);
            elseBranch = List.copyOf(elseBranch);
        }
    }

    /**
     * {@code for (int index = from; index < to; index++) { body }}: every assignment in the body to
     * a local declared before the loop is an accumulation ({@code s += …}, {@code s = Math.max(s, …)}).
     */
    record For(String index, Node from, Node to, List<Stmt> body) implements Stmt {
        public For {
            body = List.copyOf(body);
        }
    }

    /** {@code return value;}: a number, or a row from a helper that returns {@code double[]}. */
    record Return(Node value) implements Stmt {
    }

    /**
     * A condition the inputs must meet for the body to read only elements that exist (a loop whose
     * bounds the reader could not prove inside the row it indexes): checked at run time before any
     * work, failing with {@code description}.
     */
    record Require(Node condition, String description) implements Stmt {
    }
}
